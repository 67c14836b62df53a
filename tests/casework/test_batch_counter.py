"""A batch ticket at the counter: the employee list, one case each, one by one or together."""

import pytest
import time_machine

from appointments.constants import AppointmentStatus
from appointments.tickets import ticket_url
from casework import services
from casework.models import Case
from tests.accounts.factories import StaffFactory
from tests.appointments.factories import local
from tests.enterprises.factories import BatchFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def batch():
    """Three employees (王伟, 李娜, 张敏) booked for onboarding, and a clerk of the centre."""
    booked = BatchFactory()
    return booked, StaffFactory(email="clerk@test.local", centre=booked.appointment.centre)


def test_batch_ticket_lists_employees_and_opens_a_case_each(client, batch):
    booked, clerk = batch
    client.force_login(clerk)
    with time_machine.travel(local(2026, 11, 24, 8, 55), tick=False):
        body = client.post(
            "/api/v1/counter/scan",
            {"code": ticket_url(booked.appointment.reference)},
            content_type="application/json",
        ).json()
        assert body["people"] == 3
        assert [e["name"] for e in body["employees"]] == ["王伟", "李娜", "张敏"]
        assert all("*" in e["id_number_masked"] for e in body["employees"])
        all_ids = [line["id"] for line in body["checklist"]]
        dropped = next(line["id"] for line in body["checklist"] if line["required"])
        first = body["employees"][0]["id"]
        one = client.post(
            "/api/v1/counter/intake",
            {"reference": booked.appointment.reference, "employees": [first], "received": all_ids},
            content_type="application/json",
        ).json()
        assert one.get("status") == "accepted", one
        assert len(one["cases"]) == 1
        rest = client.post(
            "/api/v1/counter/intake",
            {
                "reference": booked.appointment.reference,
                "employees": [e["id"] for e in body["employees"]],
                "received": [i for i in all_ids if i != dropped],
            },
            content_type="application/json",
        ).json()
        assert len(rest["cases"]) == 2 and all(c["status"] == "returned" for c in rest["cases"])
        html = client.get(f"/counter/intake/{booked.appointment.reference}/").content.decode()
        assert html.count('href="/counter/cases/') == 3
        for case in Case.objects.filter(appointment=booked.appointment):
            if case.status == "returned":
                # The returned employees bring what was missing (补正) before completion.
                services.receive_materials(case=case, clerk=clerk, received=[dropped])
            services.complete_case(case=case, clerk=clerk)
    booked.appointment.refresh_from_db()
    assert booked.appointment.status == AppointmentStatus.COMPLETED


def test_an_individual_intake_on_a_batch_is_refused(client, batch):
    booked, clerk = batch
    client.force_login(clerk)
    with time_machine.travel(local(2026, 11, 24, 8, 55), tick=False):
        client.post(
            "/api/v1/counter/scan",
            {"code": booked.appointment.reference},
            content_type="application/json",
        )
        response = client.post(
            "/api/v1/counter/intake",
            {"reference": booked.appointment.reference, "received": []},
            content_type="application/json",
        )
    assert response.status_code == 422 and "employees" in response.json()["errors"]
