"""A resident books no enterprise matter as an individual, and is not offered the
enterprise relationship (issue 18)."""

import pytest

from appointments.exceptions import InvalidBooking
from appointments.forms import ApplicantForm
from appointments.models import Appointment

from .factories import AppointmentFactory, applicant

pytestmark = pytest.mark.django_db


def book(codes, **person):
    return AppointmentFactory(codes=codes, applicant=applicant(**person))


def test_an_enterprise_matter_is_refused_with_where_to_book_it():
    with pytest.raises(InvalidBooking) as excinfo:
        book(["JS-MZ-04", "JS-RS-03"])
    assert "就业登记" in excinfo.value.message and "企业批量预约" in excinfo.value.message
    assert "尊老金" not in excinfo.value.message
    assert not Appointment.objects.exists()


def test_the_enterprise_relationship_is_refused_and_not_offered():
    with pytest.raises(InvalidBooking):
        book(["JS-MZ-04"], relationship="enterprise")
    form = ApplicantForm()
    values = [value for value, _label in form.fields["relationship"].choices]
    assert "enterprise" not in values and "self" in values
    bound = ApplicantForm(
        {
            "name": "高秀英",
            "id_number": applicant().id_number,
            "phone": "13951234567",
            "relationship": "enterprise",
        }
    )
    assert not bound.is_valid() and "relationship" in bound.errors


def test_the_booking_start_page_lists_no_enterprise_matter_or_bundle(client):
    html = client.get("/book/?edit=1").content.decode()
    assert 'value="JS-MZ-04"' in html
    for code in ("JS-RS-03", "JS-RS-07", "JS-YB-02", "JS-GJ-01", "JS-GJ-02", "JS-SC-01", "JS-B-01"):
        assert f'value="{code}"' not in html
    assert "企业为员工批量预约" not in html


def test_a_link_to_book_an_enterprise_matter_says_where_to_go(client):
    response = client.get("/book/?matters=JS-RS-03")
    assert response.status_code == 200  # not taken on to the next step
    html = response.content.decode()
    assert 'id="enterprise-matters"' in html and "就业登记" in html
    assert 'href="/enterprise/"' in html
    bundle = client.get("/book/?bundle=JS-B-01")
    assert bundle.status_code == 200 and 'value="JS-B-01" checked' not in bundle.content.decode()
