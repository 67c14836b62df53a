"""ID numbers typed with full-width digits or Ｘ (Chinese input methods) are converted (issue 18)."""

import pytest
import time_machine

from appointments.forms import ApplicantForm, clean_id_number
from enterprises.roster import Roster
from enterprises.services import check_roster
from guides.selectors import matters_with_materials

from .factories import id_number, with_check
from .test_bookings_by_id import NEIGHBOUR_ID, NOW, booked_by_someone_else, sms  # noqa: F401

pytestmark = pytest.mark.django_db

FULL_WIDTH = str.maketrans("0123456789X", "０１２３４５６７８９Ｘ")


def full_width(number: str) -> str:
    return number.translate(FULL_WIDTH)


def an_id_ending_in_x() -> str:
    for seq in range(1, 300):
        number = id_number(seq=seq)
        if number.endswith("X"):
            return number
    raise AssertionError("no check digit X among the sequence numbers tried")


def test_the_cleaner_converts_full_width_digits_and_x():
    number = an_id_ending_in_x()
    assert with_check(number[:17]) == number
    assert clean_id_number(full_width(number)) == number
    assert clean_id_number(full_width(number)[:-1] + "ｘ") == number
    assert clean_id_number("　" + full_width(number[:6]) + " " + number[6:]) == number


def test_the_booking_form_accepts_a_full_width_number():
    number = id_number()
    form = ApplicantForm(
        {
            "name": "高秀英",
            "id_number": full_width(number),
            "phone": "13951234567",
            "relationship": "self",
        }
    )
    assert form.is_valid(), form.errors
    assert form.cleaned_data["id_number"] == number


def test_a_roster_with_full_width_numbers_is_accepted():
    number = id_number()
    roster = Roster(
        rows=[
            (
                2,
                {
                    "姓名": "王伟",
                    "身份证号": full_width(number),
                    "手机号": "13900000001",
                    "入职日期": "2026-12-01",
                },
            )
        ]
    )
    with time_machine.travel(NOW, tick=False):
        check = check_roster(roster, matters=matters_with_materials(["JS-MZ-04"]))
    assert check.errors == [] and check.employees[0].id_number == number


def test_by_id_takes_a_full_width_number(client, sms, booked_by_someone_else):  # noqa: F811
    with time_machine.travel(NOW, tick=False):
        page = client.post(
            "/appointments/by-id/", {"action": "send", "id_number": full_width(NEIGHBOUR_ID)}
        )
    assert "验证码已发到" in page.content.decode()
