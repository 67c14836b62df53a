"""The person whose ID number was used sees those bookings by an SMS code and cancels them."""

import json
import re

import pytest
import time_machine
from django.test import override_settings

from appointments import id_owner
from appointments.constants import AppointmentStatus, Relationship
from appointments.models import Appointment

from .factories import AppointmentFactory, id_number, local

pytestmark = pytest.mark.django_db

NOW = local(2026, 11, 23, 8, 0)
NEIGHBOUR_ID = id_number(seq=321)
NEIGHBOUR_PHONE = "13951230000"


@pytest.fixture
def sms(tmp_path):
    path = tmp_path / "sms.jsonl"
    with override_settings(SMS_BACKEND="file", SMS_FILE_PATH=str(path)):
        yield path


@pytest.fixture
def booked_by_someone_else():
    return AppointmentFactory(
        applicant__id_number=NEIGHBOUR_ID,
        applicant__phone=NEIGHBOUR_PHONE,
        applicant__relationship=Relationship.RELATIVE,
        booked_by__email="stranger@test.local",
    )


def last_code(path) -> str:
    message = json.loads(path.read_text(encoding="utf-8").splitlines()[-1])
    assert message["to"] == NEIGHBOUR_PHONE
    return re.search(r"\d{6}", message["text"]).group()


def test_she_sees_and_cancels_a_booking_made_with_her_id_number(
    client, sms, booked_by_someone_else
):
    with time_machine.travel(NOW, tick=False):
        page = client.post("/appointments/by-id/", {"action": "send", "id_number": NEIGHBOUR_ID})
        token = page.context["token"]
        assert "验证码已发到" in page.content.decode()
        code = last_code(sms)
        client.post("/appointments/by-id/", {"action": "verify", "token": token, "code": code})
        listing = client.get("/appointments/by-id/").content.decode()
        assert booked_by_someone_else.reference in listing
        client.post(
            "/appointments/by-id/",
            {"action": "cancel", "reference": booked_by_someone_else.reference},
        )
    booked_by_someone_else.refresh_from_db()
    assert booked_by_someone_else.status == AppointmentStatus.CANCELLED


def test_a_wrong_code_five_times_spends_it_and_nothing_is_shown(
    client, sms, booked_by_someone_else
):
    with time_machine.travel(NOW, tick=False):
        token = client.post(
            "/appointments/by-id/", {"action": "send", "id_number": NEIGHBOUR_ID}
        ).context["token"]
        code = last_code(sms)
        wrong = "000000" if code != "000000" else "111111"
        for _ in range(5):
            r = client.post(
                "/appointments/by-id/", {"action": "verify", "token": token, "code": wrong}
            )
            assert r.status_code == 422
        refused = client.post(
            "/appointments/by-id/", {"action": "verify", "token": token, "code": code}
        )
        assert "次数太多" in refused.content.decode()
        assert (
            booked_by_someone_else.reference
            not in client.get("/appointments/by-id/").content.decode()
        )
    assert Appointment.objects.get().status == AppointmentStatus.BOOKED


def test_codes_expire_and_sending_is_limited(client, sms, booked_by_someone_else):
    with time_machine.travel(NOW, tick=False) as clock:
        token = client.post(
            "/appointments/by-id/", {"action": "send", "id_number": NEIGHBOUR_ID}
        ).context["token"]
        again = client.post("/appointments/by-id/", {"action": "send", "id_number": NEIGHBOUR_ID})
        assert again.status_code == 422 and "太频繁" in again.content.decode()
        code = last_code(sms)
        clock.shift(301)
        late = client.post(
            "/appointments/by-id/", {"action": "verify", "token": token, "code": code}
        )
        assert "已过期" in late.content.decode()


def test_an_unknown_id_number_gets_the_same_answer_and_no_text(client, sms):
    with time_machine.travel(NOW, tick=False):
        page = client.post(
            "/appointments/by-id/", {"action": "send", "id_number": id_number(seq=9)}
        )
    assert "验证码已发到" in page.content.decode()
    assert not sms.exists()
    bad = client.post("/appointments/by-id/", {"action": "send", "id_number": "320105"})
    assert bad.status_code == 422


def test_the_page_and_the_text_say_how_long_the_code_lives(
    client, sms, booked_by_someone_else, monkeypatch
):
    monkeypatch.setattr(id_owner, "CODE_SECONDS", 600)
    with time_machine.travel(NOW, tick=False):
        page = client.post("/appointments/by-id/", {"action": "send", "id_number": NEIGHBOUR_ID})
    assert "10 分钟内有效" in page.content.decode()
    message = json.loads(sms.read_text(encoding="utf-8").splitlines()[-1])
    assert message["template"] == "owner_code" and message["params"]["minutes"] == "10"
    assert "10 分钟内有效" in message["text"]
