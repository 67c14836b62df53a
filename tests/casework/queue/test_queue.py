"""One queue at the counter (issue #13): numbers, calls, the wait shown, the hall, printouts."""

import pytest

from appointments.tickets import ticket_path
from casework import services
from casework.constants import QueueStatus
from casework.models import QueueTicket
from tests.appointments.factories import make_user
from tests.casework.factories import CounterAppointmentFactory
from tests.casework.queue.support import JSON, all_ids

pytestmark = pytest.mark.django_db


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
