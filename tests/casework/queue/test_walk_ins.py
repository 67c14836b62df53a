"""Walk-ins (issue #13): the same intake as a booking, a bare number registered later."""

import pytest

from casework import services
from casework.constants import QueueStatus
from casework.models import Case, QueueTicket
from flowback.constants import PersonalField
from flowback.services import deliver
from tests.appointments.factories import id_number
from tests.casework.queue.support import JSON
from tests.flowback.scenario import subscribe
from tests.support.receiver import receiver

pytestmark = pytest.mark.django_db


def test_walk_in_gets_the_same_intake_and_bad_fields_are_named(client, centre, clerk):
    client.force_login(clerk)
    bad = client.post(
        "/api/v1/counter/walk-in",
        {
            "matters": ["JS-MZ-03", "NOPE"],
            "applicant": {"name": "<b>", "id_number": "1234", "phone": "12"},
        },
        **JSON,
    )
    assert bad.status_code == 422
    assert set(bad.json()["errors"]) == {"matters"}
    bad = client.post(
        "/api/v1/counter/walk-in",
        {"matters": ["JS-MZ-03"], "applicant": {"name": "<b>", "id_number": "1234", "phone": "12"}},
        **JSON,
    )
    assert bad.status_code == 422
    assert set(bad.json()["errors"]) == {
        "applicant.name",
        "applicant.id_number",
        "applicant.phone",
    }
    assert not QueueTicket.objects.exists()
    response = client.post(
        "/api/v1/counter/walk-in",
        {
            "matters": ["JS-MZ-03"],
            "situations": ["JS-MZ-03-02"],
            "applicant": {"name": "王大爷", "id_number": id_number(), "phone": ""},
            "counter": 2,
        },
        **JSON,
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["queue_number"] == "W001" and body["status"] == "checked_in"
    assert body["applicant"]["name"] == "王大爷" and len(body["checklist"]) == 8
    assert body["matters"][0]["situation"] == "支出型"
    intake = client.post(
        "/api/v1/counter/intake",
        {"reference": body["reference"], "received": [c["id"] for c in body["checklist"]]},
        **JSON,
    )
    assert intake.status_code == 201 and intake.json()["status"] == "accepted"
    # Nobody's "my appointments" holds a walk-in, and the walk-in account cannot log in.
    case = Case.objects.get()
    assert case.appointment.booked_by.email == "" and not case.appointment.booked_by.is_active


def test_a_number_taken_without_details_is_registered_when_called(client, centre, clerk):
    client.force_login(clerk)
    ticket = services.issue_walk_in(centre=centre)
    response = client.post("/counter/queue/next/", {"counter": "5"})
    assert response["Location"] == f"/counter/walk-in/?number={ticket.number}"
    form = client.get(response["Location"]).content.decode()
    assert ticket.number in form
    response = client.post(
        "/counter/walk-in/",
        {
            "matters": ["JS-MZ-04"],
            "name": "李秀兰",
            "id_number": id_number(),
            "phone": "13951234567",
            "queue_number": ticket.number,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    ticket.refresh_from_db()
    assert response["Location"] == f"/counter/intake/{ticket.appointment.reference}/"
    assert ticket.status == QueueStatus.CALLED and ticket.counter == 5


def test_walk_in_form_errors_are_shown_with_422(client, centre, clerk):
    client.force_login(clerk)
    response = client.post("/counter/walk-in/", {"name": "王", "id_number": "x"})
    assert response.status_code == 422
    html = response.content.decode()
    assert "身份证号" in html and "请至少选择一个事项" in html


def test_a_walk_ins_case_reaches_a_flow_back_subscriber(
    client, centre, clerk, django_capture_on_commit_callbacks
):
    with receiver() as inbox:
        subscriber = subscribe(
            "Province platform",
            f"{inbox.url}/all",
            ["appointment.checked_in", "case.accepted", "case.completed"],
            personal=[PersonalField.NAME],
        )
        client.force_login(clerk)
        with django_capture_on_commit_callbacks(execute=True):
            body = client.post(
                "/api/v1/counter/walk-in",
                {
                    "matters": ["JS-MZ-04"],
                    "applicant": {"name": "赵阿姨", "id_number": id_number(), "phone": ""},
                    "counter": 1,
                },
                **JSON,
            ).json()
            intake = client.post(
                "/api/v1/counter/intake",
                {"reference": body["reference"], "received": [c["id"] for c in body["checklist"]]},
                **JSON,
            ).json()
            client.post(f"/api/v1/counter/cases/{intake['case_number']}/complete", {}, **JSON)
        deliver(subscriber.pk)
        events = [a.event for a in inbox.accepted("/all")]
    assert [e["type"] for e in events] == [
        "appointment.checked_in",
        "case.accepted",
        "case.completed",
    ]
    assert all(e["stream"] == body["reference"] for e in events)
    assert events[-1]["applicant"] == {"name": "赵阿姨"}
    assert events[-1]["data"]["case"]["case_number"] == intake["case_number"]
