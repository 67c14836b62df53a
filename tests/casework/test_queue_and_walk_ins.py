"""One queue at the counter (issue #13): numbers, calls, walk-ins, 补正 return visits, times."""

import datetime as dt

import pytest
import time_machine
from django.core import mail

from appointments.selectors import checklist_of
from appointments.tickets import ticket_path
from casework import services
from casework.constants import CaseAction, CaseStatus, QueueStatus
from casework.models import Case, QueueTicket
from flowback.constants import PersonalField
from flowback.services import deliver
from tests.accounts.factories import StaffFactory
from tests.appointments.factories import id_number, make_centre, make_user
from tests.casework.factories import VISIT_DAY, CounterAppointmentFactory
from tests.flowback.scenario import subscribe
from tests.support.receiver import receiver

pytestmark = pytest.mark.django_db

JSON = {"content_type": "application/json"}


@pytest.fixture(autouse=True)
def at_the_counter():
    with time_machine.travel(VISIT_DAY, tick=False):
        yield


@pytest.fixture
def centre():
    return make_centre(counters=20)


@pytest.fixture
def clerk(centre):
    return StaffFactory(email="clerk-q@test.local", centre=centre)


def all_ids(appointment):
    return [line.material_id for line in checklist_of(appointment)]


def test_reception_scan_queues_and_an_accepted_person_is_never_called(client, centre, clerk):
    client.force_login(clerk)
    queued = CounterAppointmentFactory(centre=centre, booked_by__email="q1@test.local")
    body = client.post("/api/v1/counter/scan", {"code": queued.reference}, **JSON).json()
    assert body["queue_number"] == "A001" and body["minutes"] == queued.minutes
    assert QueueTicket.objects.get(appointment=queued).status == QueueStatus.WAITING
    # Served straight away through intake (as at a counter): out of the queue.
    response = client.post(
        "/api/v1/counter/intake",
        {"reference": queued.reference, "received": all_ids(queued)},
        **JSON,
    )
    assert response.json()["status"] == "accepted"
    ticket = QueueTicket.objects.get(appointment=queued)
    assert ticket.status == QueueStatus.SERVED and ticket.served_at is not None
    assert client.post("/api/v1/counter/call-next", {"counter": 2}, **JSON).status_code == 204

    # Scanned at a counter: served there, never in the waiting list.
    at_counter = CounterAppointmentFactory(centre=centre, booked_by__email="q2@test.local")
    body = client.post(
        "/api/v1/counter/scan", {"code": at_counter.reference, "counter": 4}, **JSON
    ).json()
    ticket = QueueTicket.objects.get(appointment=at_counter)
    assert (ticket.status, ticket.counter) == (QueueStatus.CALLED, 4)
    assert client.post("/api/v1/counter/call-next", {"counter": 2}, **JSON).status_code == 204


def test_call_next_api_answers_number_reference_and_counter(client, centre, clerk):
    client.force_login(clerk)
    appointment = CounterAppointmentFactory(centre=centre)
    client.post("/api/v1/counter/scan", {"code": appointment.reference}, **JSON)
    response = client.post("/api/v1/counter/call-next", {"counter": 3}, **JSON)
    assert response.status_code == 200
    assert response.json() == {
        "queue_number": "A001",
        "reference": appointment.reference,
        "counter": 3,
    }
    assert client.post("/api/v1/counter/call-next", {"counter": 0}, **JSON).status_code == 422


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


def test_completing_with_a_missing_material_needs_a_reason_kept_in_history(
    client, centre, clerk, django_capture_on_commit_callbacks
):
    client.force_login(clerk)
    appointment = CounterAppointmentFactory(centre=centre)
    client.post("/api/v1/counter/scan", {"code": appointment.reference, "counter": 1}, **JSON)
    with django_capture_on_commit_callbacks(execute=True):
        body = client.post(
            "/api/v1/counter/intake",
            {"reference": appointment.reference, "received": all_ids(appointment)[:-1]},
            **JSON,
        ).json()
    assert body["status"] == "returned"
    url = f"/api/v1/counter/cases/{body['case_number']}/complete"
    refused = client.post(url, {}, **JSON)
    assert refused.status_code == 409 and "银行卡" in refused.json()["detail"]
    done = client.post(url, {"reason": "银行卡由民政所代办"}, **JSON)
    assert done.status_code == 200 and done.json()["status"] == "completed"
    step = Case.objects.get().steps.get(action=CaseAction.COMPLETED_WITH_MISSING)
    assert "银行卡由民政所代办" in step.note and "银行卡" in step.note


def test_rejection_tells_the_applicant_why_by_mail_and_text(
    client, centre, clerk, django_capture_on_commit_callbacks, capsys
):
    client.force_login(clerk)
    appointment = CounterAppointmentFactory(centre=centre)
    client.post("/api/v1/counter/scan", {"code": appointment.reference, "counter": 1}, **JSON)
    number = client.post(
        "/api/v1/counter/intake",
        {"reference": appointment.reference, "received": all_ids(appointment)},
        **JSON,
    ).json()["case_number"]
    url = f"/api/v1/counter/cases/{number}/reject"
    assert client.post(url, {"reason": " "}, **JSON).status_code == 422
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"reason": "不符合申请条件：家庭收入超过标准"}, **JSON)
    assert response.status_code == 200 and response.json()["status"] == "rejected"
    assert len(mail.outbox) == 1 and "家庭收入超过标准" in mail.outbox[0].body
    assert "家庭收入超过标准" in capsys.readouterr().out  # the console SMS backend
    other = StaffFactory(email="other-q@test.local", centre=make_centre())
    client.force_login(other)
    assert client.post(url, {"reason": "x"}, **JSON).status_code == 403


def test_return_visit_found_by_id_number_and_days_away_are_not_handling(
    client, centre, clerk, django_capture_on_commit_callbacks
):
    client.force_login(clerk)
    appointment = CounterAppointmentFactory(centre=centre)
    client.post("/api/v1/counter/scan", {"code": appointment.reference}, **JSON)
    with time_machine.travel(VISIT_DAY + dt.timedelta(minutes=10), tick=False):
        client.post("/api/v1/counter/call-next", {"counter": 1}, **JSON)
    with time_machine.travel(VISIT_DAY + dt.timedelta(minutes=20), tick=False):
        services.accept_intake(
            appointment=appointment, clerk=clerk, received=all_ids(appointment)[:-1]
        )
    case = Case.objects.get()
    assert (case.waiting_seconds, case.counter_seconds) == (600, 600)
    # The ticket page says 需补正 with the list, not 已签到.
    page = client.get(ticket_path(appointment.reference)).content.decode()
    assert "需补正" in page and "银行卡" in page and "已签到" not in page

    from core.personal_data import reveal

    back = VISIT_DAY + dt.timedelta(days=3)
    # Staff sessions end after 30 idle minutes: the clerk logs in again each time.
    with time_machine.travel(back, tick=False):
        client.force_login(clerk)
        found = client.get("/counter/find/", {"q": reveal(appointment.applicant_id_encrypted)})
        assert found["Location"] == f"/counter/cases/{case.case_number}/"
        # Typed with a Chinese input method: full-width digits and Ｘ (issue 18).
        typed = reveal(appointment.applicant_id_encrypted).translate(
            str.maketrans("0123456789X", "０１２３４５６７８９Ｘ")
        )
        assert client.get("/counter/find/", {"q": typed})["Location"] == found["Location"]
        missing = case.materials.get(received=False)
        client.post(found["Location"], {"action": "receive", "received": [missing.material_id]})
    with time_machine.travel(back + dt.timedelta(minutes=30), tick=False):
        client.force_login(clerk)
        client.post(found["Location"], {"action": "complete"})
    case.refresh_from_db()
    assert case.status == CaseStatus.COMPLETED and case.complete_at == back
    assert case.handling_seconds == 30 * 60
    assert [s.action for s in case.steps.all()] == ["returned", "received", "completed"]


def test_ticket_and_my_appointments_show_the_number_and_the_wait(client, centre, clerk):
    resident = make_user("resident-q@test.local")
    mine = CounterAppointmentFactory(centre=centre, booked_by=resident)
    client.force_login(clerk)
    first = CounterAppointmentFactory(centre=centre, booked_by__email="first-q@test.local")
    client.post("/api/v1/counter/scan", {"code": first.reference}, **JSON)
    client.post("/api/v1/counter/scan", {"code": mine.reference}, **JSON)
    page = client.get(ticket_path(mine.reference)).content.decode()
    assert "A002" in page and "前面还有 1 人" in page
    client.force_login(resident)
    assert "A002" in client.get("/appointments/").content.decode()
    detail = client.get(f"/appointments/{mine.reference}/").content.decode()
    assert "A002" in detail
    client.force_login(clerk)
    client.post("/api/v1/counter/call-next", {"counter": 7}, **JSON)
    client.post("/api/v1/counter/call-next", {"counter": 8}, **JSON)
    assert "请到 8 号窗口" in client.get(ticket_path(mine.reference)).content.decode()


def test_hall_calls_json_is_chinese_whatever_the_browser(client, centre, clerk):
    client.force_login(clerk)
    appointment = CounterAppointmentFactory(centre=centre)
    client.post("/api/v1/counter/scan", {"code": appointment.reference}, **JSON)
    services.call_next(clerk=clerk, counter=6)
    client.logout()
    body = client.get(f"/hall/{centre.code}/calls.json", HTTP_ACCEPT_LANGUAGE="en").json()
    assert body["calls"][0]["text"] == "请 A001 号到 6 号窗口"
    assert body["waiting_text"] == "等候 0 人"


def test_printouts_are_chinese_for_an_english_browser(client, centre, clerk):
    client.force_login(clerk)
    client.cookies["django_language"] = "en"
    appointment = CounterAppointmentFactory(centre=centre)
    response = client.post("/counter/reception/", {"code": appointment.reference})
    slip = client.get(response["Location"]).content.decode()
    assert "A001" in slip and "取号时间" in slip
    case = services.accept_intake(
        appointment=appointment, clerk=clerk, received=all_ids(appointment)[:-1]
    )
    notice = client.get(f"/counter/cases/{case.case_number}/print/").content.decode()
    assert "补正材料一次性告知书" in notice and "银行卡" in notice


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


def test_dashboards_split_waiting_counter_and_closing_time(client, centre, clerk):
    from dashboards import selectors as figures
    from dashboards.figures import refresh
    from dashboards.scope import Period, Scope

    client.force_login(clerk)
    appointment = CounterAppointmentFactory(centre=centre)  # JS-MZ-03 only
    client.post("/api/v1/counter/scan", {"code": appointment.reference}, **JSON)
    minutes = [VISIT_DAY + dt.timedelta(minutes=m) for m in (10, 22)]
    with time_machine.travel(minutes[0], tick=False):
        services.call_next(clerk=clerk, counter=1)
    with time_machine.travel(minutes[1], tick=False):
        case = services.accept_intake(
            appointment=appointment, clerk=clerk, received=all_ids(appointment)[:-1]
        )
    back = VISIT_DAY + dt.timedelta(days=1)
    with time_machine.travel(back, tick=False):
        services.receive_materials(
            case=case, clerk=clerk, received=[case.materials.get(received=False).material_id]
        )
    with time_machine.travel(back + dt.timedelta(minutes=20), tick=False):
        services.complete_case(case=case, clerk=clerk)
    scope, period = Scope("centre", centre), Period(VISIT_DAY.date(), back.date())
    refresh(period.days())  # the worker's job
    totals = figures.case_totals(scope, period)
    assert (totals["wait_minutes"], totals["counter_minutes"], totals["avg_minutes"]) == (
        10.0,
        12.0,
        20.0,
    )
    [row] = figures.handling_by_matter(scope, period)
    assert (row["wait_minutes"], row["counter_minutes"], row["avg_minutes"]) == (10.0, 12.0, 20.0)
    assert row["ratio"] == round(100 * 32 / row["standard"], 1)


def test_scan_to_accepted_takes_a_bounded_number_of_queries(client, centre, clerk):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(clerk)
    warm = CounterAppointmentFactory(centre=centre, booked_by__email="warm-q@test.local")
    client.post("/counter/scan/", {"code": warm.reference, "counter": "1"})
    appointment = CounterAppointmentFactory(centre=centre, booked_by__email="measured-q@test.local")
    counts = {}
    with CaptureQueriesContext(connection) as ctx:
        scanned = client.post("/counter/scan/", {"code": appointment.reference, "counter": "1"})
    counts["scan"] = len(ctx.captured_queries)
    with CaptureQueriesContext(connection) as ctx:
        client.get(scanned["Location"])
    counts["intake"] = len(ctx.captured_queries)
    form = {f"m-{pk}": "received" for pk in all_ids(appointment)} | {"action": "accept"}
    with CaptureQueriesContext(connection) as ctx:
        accepted = client.post(scanned["Location"], form)
    counts["accept"] = len(ctx.captured_queries)
    with CaptureQueriesContext(connection) as ctx:
        client.get(accepted["Location"])
    counts["case"] = len(ctx.captured_queries)
    # Fixed costs (session, profile, audit — opening the intake is logged too —,
    # events), not one per material.
    assert counts["scan"] <= 22 and counts["intake"] <= 18, counts
    assert counts["accept"] <= 36 and counts["case"] <= 10, counts
