"""The resident and public appointment endpoints: shapes, status codes, messages."""

import datetime as dt

import pytest
import time_machine
from django.core import mail

from appointments.models import Appointment, Person

from .factories import booking_payload, id_number, local, make_user, with_check

pytestmark = pytest.mark.django_db

NOW = local(2026, 11, 23, 8, 0)
START = "2026-11-24T09:00:00+08:00"


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def payload(centre, **applicant):
    return booking_payload(centre, start=START, applicant=applicant)


def post(client, data, **headers):
    return client.post(
        "/api/v1/appointments", data, content_type="application/json", headers=headers
    )


def test_centres_and_search(client, centre):
    data = client.get("/api/v1/centres").json()
    assert {"id", "name", "city", "county", "address"} <= set(data[0])
    assert [c["id"] for c in client.get("/api/v1/centres?q=测试区").json()] == [centre.pk]
    assert client.get("/api/v1/centres?q=没有这个地方").json() == []


def test_slots_say_which_can_take_the_matters(client, centre):
    data = client.get(f"/api/v1/centres/{centre.pk}/slots?date=2026-11-24&matters=JS-MZ-04").json()
    assert data[0]["start"].startswith("2026-11-24T09:00:00+08:00")
    assert len(data) == 13  # 6 morning and 7 afternoon half-hours
    assert all(s["available"] for s in data)
    # A batch larger than any slot fits nowhere.
    big = client.get(
        f"/api/v1/centres/{centre.pk}/slots?date=2026-11-24&matters=JS-MZ-04&people=50"
    ).json()
    assert not any(s["available"] for s in big)
    assert (
        client.get(f"/api/v1/centres/{centre.pk}/slots?date=2026-11-28&matters=JS-MZ-04").json()
        == []
    )


@pytest.mark.parametrize(
    "url, status",
    [
        ("/api/v1/centres/999999/slots?date=2026-11-24&matters=JS-MZ-04", 404),
        ("/api/v1/centres/{c}/slots?date=2026-13-45&matters=JS-MZ-04", 422),
        ("/api/v1/centres/{c}/slots?matters=JS-MZ-04", 422),
        ("/api/v1/centres/{c}/slots?date=2026-11-24&matters=JS-NO-99", 422),
    ],
)
def test_slot_query_errors(client, centre, url, status):
    response = client.get(url.format(c=centre.pk))
    assert response.status_code == status
    assert response.json()["detail"]


def test_booking_returns_the_documented_shape(client, centre, resident):
    response = post(client, payload(centre))
    assert response.status_code == 201, response.content
    body = response.json()
    assert set(body) >= {
        "reference",
        "status",
        "start",
        "end",
        "centre",
        "matters",
        "checklist",
        "ticket_url",
        "qr_svg_url",
    }
    assert body["status"] == "booked" and body["matters"] == ["JS-MZ-04"]
    assert (
        body["applicant"]["id_number_masked"].startswith("3201")
        and "*" * 10 in body["applicant"]["id_number_masked"]
    )
    assert body["applicant"]["phone_masked"] == "139****4567"
    assert client.get(body["ticket_url"]).status_code == 200
    assert client.get(body["qr_svg_url"])["Content-Type"] == "image/svg+xml"
    listed = client.get("/api/v1/appointments").json()
    assert [a["reference"] for a in listed] == [body["reference"]]


def test_confirmation_email_is_sent_by_the_queue(
    client, centre, resident, django_capture_on_commit_callbacks
):
    resident.email = "gao@test.local"
    resident.save()
    with django_capture_on_commit_callbacks(execute=True):
        body = post(client, payload(centre)).json()
    assert len(mail.outbox) == 1
    assert body["reference"] in mail.outbox[0].subject


def test_login_required(client, centre):
    response = post(client, payload(centre))
    assert response.status_code == 401
    assert response.json()["detail"]


def test_csrf_is_enforced_for_session_clients(centre):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(make_user())
    response = post(client, payload(centre))
    assert response.status_code == 403


@pytest.mark.parametrize(
    "change, field, words",
    [
        ({"id_number": "320105195603081234"}, "applicant.id_number", "校验位"),
        ({"id_number": with_check("32010519560230123")}, "applicant.id_number", "出生日期"),
        ({"id_number": with_check("32010520990101123")}, "applicant.id_number", "出生日期"),
        ({"id_number": with_check("99999919560308123")}, "applicant.id_number", "地区码"),
        ({"id_number": "3201051956"}, "applicant.id_number", "18位"),
        ({"phone": "025-87770101"}, "applicant.phone", "手机"),
        ({"phone": "12345"}, "applicant.phone", "手机"),
        ({"name": "<script>alert(1)</script>"}, "applicant.name", "汉字"),
        ({"name": ""}, "applicant.name", ""),
    ],
)
def test_bad_applicant_input_is_refused_and_nothing_saved(
    client, centre, resident, change, field, words
):
    response = post(client, payload(centre, **change))
    assert response.status_code == 422
    body = response.json()
    assert field in body["errors"]
    assert words in " ".join(body["errors"][field])
    assert not Appointment.objects.exists() and not Person.objects.exists()


@pytest.mark.parametrize(
    "change, status, field",
    [
        ({"start": "2026-11-24T09:10:00+08:00"}, 422, "start"),
        ({"start": "not a time"}, 422, "start"),
        ({"matters": ["JS-NO-99"]}, 422, "matters"),
        ({"matters": []}, 422, "matters"),
        ({"centre_id": 999999}, 404, None),
    ],
)
def test_bad_booking_input(client, centre, resident, change, status, field):
    data = {**payload(centre), **change}
    response = post(client, data)
    assert response.status_code == status, response.content
    if field:
        assert field in response.json()["errors"]
    assert not Appointment.objects.exists()


def test_missing_field_is_named(client, centre, resident):
    data = payload(centre)
    del data["start"]
    response = post(client, data)
    assert response.status_code == 422
    assert "start" in response.json()["errors"]


def test_idempotency_key_makes_a_retry_safe(client, centre, resident):
    data = payload(centre)
    first = post(client, data, **{"Idempotency-Key": "abc-1"}).json()
    second = post(client, data, **{"Idempotency-Key": "abc-1"})
    assert second.status_code == 201
    assert second.json()["reference"] == first["reference"]
    assert Appointment.objects.count() == 1


def test_duplicate_and_full_are_409(client, centre, resident):
    data = payload(centre)
    assert post(client, data).status_code == 201
    again = post(client, data)
    assert again.status_code == 409
    assert "同一事项只能预约一次" in again.json()["detail"]


def test_cancel_and_reschedule(client, centre, resident):
    ref = post(client, payload(centre)).json()["reference"]
    moved = client.post(
        f"/api/v1/appointments/{ref}/reschedule",
        {"start": "2026-11-25T14:00:00+08:00"},
        content_type="application/json",
    )
    assert moved.status_code == 200
    assert moved.json()["start"].startswith("2026-11-25T14:00:00")
    cancelled = client.post(f"/api/v1/appointments/{ref}/cancel")
    assert cancelled.status_code == 200 and cancelled.json()["status"] == "cancelled"
    assert client.post(f"/api/v1/appointments/{ref}/cancel").status_code == 409


def test_cancel_after_the_cut_off_is_409(client, centre, resident):
    ref = post(client, payload(centre)).json()["reference"]
    with time_machine.travel(local(2026, 11, 24, 7, 30), tick=False):
        response = client.post(f"/api/v1/appointments/{ref}/cancel")
    assert response.status_code == 409
    assert "2 小时" in response.json()["detail"]


def test_someone_elses_appointment_is_not_found(client, centre, resident):
    ref = post(client, payload(centre)).json()["reference"]
    client.force_login(make_user("other@test.local"))
    assert client.post(f"/api/v1/appointments/{ref}/cancel").status_code == 404
    assert client.get("/api/v1/appointments").json() == []


def test_suspended_person_gets_403_with_the_date(client, centre, resident):
    number = id_number(dt.date(1960, 5, 5))
    from core.personal_data import person_hash

    Person.objects.create(
        id_hash=person_hash(number),
        suspended_until=local(2026, 12, 20),
        suspension_reason="90 天内预约未到 3 次",
    )
    response = post(client, payload(centre, id_number=number))
    assert response.status_code == 403
    assert "2026-12-20" in response.json()["detail"]
