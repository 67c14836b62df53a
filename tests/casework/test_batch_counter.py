"""A batch ticket at the counter: the employee list, one case each, one by one or together."""

import pytest
import time_machine

from accounts.services import add_staff
from appointments.constants import AppointmentStatus
from appointments.tickets import ticket_url
from casework import services
from casework.models import Case
from enterprises import services as batches
from enterprises.roster import Roster
from guides.selectors import matters_with_materials
from tests.appointments.factories import id_number, local, make_centre, make_user
from tests.enterprises.factories import approved_officer

pytestmark = pytest.mark.django_db


@pytest.fixture
def batch():
    centre = make_centre(counters=40, walk_in_share=0)
    officer = make_user("hr@test.local")
    enterprise = approved_officer(officer)
    matters = matters_with_materials(["JS-RS-03", "JS-RS-07", "JS-YB-02", "JS-GJ-02"])
    rows = [
        (
            n + 2,
            {
                "姓名": name,
                "身份证号": id_number(seq=n),
                "手机号": "13951234567",
                "入职日期": "2026-12-01",
            },
        )
        for n, name in enumerate(["王伟", "李娜", "张敏"])
    ]
    with time_machine.travel(local(2026, 11, 23, 8), tick=False):
        check = batches.check_roster(Roster(rows=rows), matters=matters)
        assert not check.errors
        booked = batches.book_batch(
            enterprise=enterprise,
            officer=officer,
            centre=centre,
            start=local(2026, 11, 24, 9),
            matters=matters,
            employees=check.employees,
            bundle_code="JS-B-01",
        )
    clerk = add_staff(email="clerk@test.local", centre=centre, role="clerk", password="pw")
    return booked, clerk


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
