"""How a case ends (issue #13): a missing material, a rejection, a 补正 return visit, the times."""

import datetime as dt

import pytest
import time_machine
from django.core import mail

from appointments.tickets import ticket_path
from casework import services
from casework.constants import CaseAction, CaseStatus
from casework.models import Case
from tests.accounts.factories import StaffFactory
from tests.appointments.factories import make_centre
from tests.casework.factories import VISIT_DAY, CounterAppointmentFactory
from tests.casework.queue.support import JSON, all_ids

pytestmark = pytest.mark.django_db


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
