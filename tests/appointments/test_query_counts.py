"""What the hot paths of the 8 o'clock rush cost the database and the queue (both databases).

Counted through the real API and the booking page form. The test's own transaction turns the booking's
BEGIN and COMMIT into a SAVEPOINT and its RELEASE, which production does not
send as statements, so those two are left out of the count.
"""

import datetime as dt
import re
from contextlib import contextmanager

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from appointments.models import Appointment
from flowback.constants import EventType
from flowback.models import Delivery
from tests.flowback.scenario import subscribe

from .factories import CalendarOverrideFactory, id_number, local, make_centre, make_user

pytestmark = pytest.mark.django_db

NOW = local(2026, 11, 23, 8, 0)
START = "2026-11-24T09:00:00+08:00"


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture(autouse=True)
def calendar_cached(settings):
    # The holiday calendar is read from the cache after the first look-up, as in
    # production (tests otherwise read it from the database every time).
    settings.CALENDAR_CACHE_SECONDS = 300
    from centres.calendar import year_confirmed

    assert year_confirmed(2026)  # read once, as the first look-up of the day would


@pytest.fixture
def centre():
    return make_centre()


@contextmanager
def at_most(limit: int):
    with CaptureQueriesContext(connection) as context:
        yield
    statements = [
        q["sql"]
        for q in context.captured_queries
        if not q["sql"].startswith(("SAVEPOINT", "RELEASE SAVEPOINT"))
    ]
    assert len(statements) <= limit, "\n\n".join(statements)


def slots_url(centre, people):
    return (
        f"/api/v1/centres/{centre.pk}/slots?date=2026-11-24"
        f"&matters=JS-MZ-04,JS-MZ-01&people={people}"
    )


@pytest.mark.parametrize("people", [1, 6])
def test_a_centre_day_costs_at_most_two_queries(
    client, centre, people, django_assert_max_num_queries
):
    # The centre with its sessions, the day's override and the matters' minutes; the slots.
    first = client.get(slots_url(centre, people)).json()  # the day's slots are made
    with django_assert_max_num_queries(2):
        data = client.get(slots_url(centre, people)).json()
    assert data == first
    assert len(data) == 13
    assert {s["max_people"] for s in data} != {0}


def test_a_day_with_a_closure_reads_the_override_in_the_centre_query(
    client, centre, django_assert_max_num_queries
):
    from centres.constants import OverrideKind

    CalendarOverrideFactory(centre=centre, date=dt.date(2026, 11, 24), kind=OverrideKind.CLOSED)
    with django_assert_max_num_queries(2):
        assert client.get(slots_url(centre, 1)).json() == []


def test_unknown_matters_are_still_named(client, centre):
    response = client.get(
        f"/api/v1/centres/{centre.pk}/slots?date=2026-11-24&matters=JS-MZ-04,JS-NO-99"
    )
    assert response.status_code == 422
    assert "JS-NO-99" in response.json()["detail"]


def body(centre):
    return {
        "centre_id": centre.pk,
        "start": START,
        "matters": ["JS-MZ-04"],
        "applicant": {
            "name": "高秀英",
            "id_number": id_number(dt.date(1956, 3, 8)),
            "phone": "13951234567",
        },
    }


def test_a_booking_costs_few_queries_and_one_enqueue(
    client, centre, django_capture_on_commit_callbacks, settings
):
    # Production keeps sessions in Redis, shared by the app servers (portal.settings.base).
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    for n in range(3):
        subscribe(f"sub{n}", f"https://sub{n}.example.cn/hook", [EventType.APPOINTMENT_BOOKED])
    client.force_login(make_user())
    client.get(slots_url(centre, 1))
    # The first booking after the caches were emptied: 1 to know the caller (account and
    # staff or not; the session is in the cache), 1 for the centre's day with its sessions
    # and the slot at the start, 3 for the matters with their material lists, 1 for the
    # subscribers, 8 to book (31 before issue 17; a warm booking costs 10, below).
    with at_most(14), django_capture_on_commit_callbacks() as callbacks:
        response = client.post(
            "/api/v1/appointments", body(centre), content_type="application/json"
        )
    assert response.status_code == 201, response.content
    appointment = Appointment.objects.get(reference=response.json()["reference"])
    # Three subscribers, one task: it kicks them and sends the confirmation.
    assert len(callbacks) == 1
    assert Delivery.objects.filter(event__appointment=appointment).count() == 3


def test_the_booking_itself_costs_at_most_nine_queries(centre):
    from appointments import capacity, schedule, services
    from centres import calendar
    from guides.selectors import matters_with_materials

    from .factories import applicant

    for n in range(3):
        subscribe(f"sub{n}", f"https://sub{n}.example.cn/hook", [EventType.APPOINTMENT_BOOKED])
    user = make_user()
    start = dt.datetime.fromisoformat(START)
    matters = matters_with_materials(["JS-MZ-04"])
    capacity.ensure_slots(centre, calendar.slot_starts(centre, start.date()))
    read = schedule.centre_for_day(centre.pk, start.date(), related=True, start=start)
    # Person (made if new and locked in one upsert), the slot's update guarded by the
    # limits, the appointment, its draw, its matter, the event, the subscribers (from
    # the cache after this first time), their deliveries and the hold.
    with at_most(9):
        appointment = services.book_appointment(
            centre=read, start=start, matters=matters, applicant=applicant(), booked_by=user
        )
    assert appointment.slot.start == start
    assert Delivery.objects.filter(event__appointment=appointment).count() == 3


def test_a_cancel_costs_one_enqueue_too(client, centre, django_capture_on_commit_callbacks):
    for n in range(3):
        subscribe(f"sub{n}", f"https://sub{n}.example.cn/hook", [EventType.APPOINTMENT_CANCELLED])
    client.force_login(make_user())
    reference = client.post(
        "/api/v1/appointments", body(centre), content_type="application/json"
    ).json()["reference"]
    with django_capture_on_commit_callbacks() as callbacks:
        response = client.post(f"/api/v1/appointments/{reference}/cancel")
    assert response.status_code == 200, response.content
    assert len(callbacks) == 1
    assert Delivery.objects.filter(event__type=EventType.APPOINTMENT_CANCELLED).count() == 3


@contextmanager
def one_request(django_assert_max_num_queries, limit: int):
    """At most ``limit`` statements in one transaction, as production sends them.

    The test's own transaction turns the request's BEGIN and COMMIT (which the
    database driver sends, not Django's cursor) into one SAVEPOINT and its
    RELEASE: those two are allowed on top, and no other savepoint is.
    """
    with django_assert_max_num_queries(limit + 2) as captured:
        yield
    statements = [q["sql"] for q in captured.captured_queries]
    savepoints = [sql for sql in statements if sql.startswith("SAVEPOINT")]
    assert len(savepoints) <= 1, "\n\n".join(statements)
    assert len(statements) - 2 * len(savepoints) <= limit, "\n\n".join(statements)


def applicant_body(centre, n: int, start: str = START) -> dict:
    return {
        **body(centre),
        "start": start,
        "applicant": {
            "name": "高秀英",
            "id_number": id_number(dt.date(1956, 3, 8), seq=n),
            "phone": "13951234567",
        },
    }


@pytest.fixture
def rush(settings):
    """What a booking meets at 8 o'clock: sessions in the cache (Redis in production),
    three subscribers of the booking event, a resident logged in."""
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    for n in range(3):
        subscribe(f"sub{n}", f"https://sub{n}.example.cn/hook", [EventType.APPOINTMENT_BOOKED])
    return make_user()


def test_a_booking_through_the_api_costs_at_most_ten_queries(
    client, centre, rush, django_assert_max_num_queries, django_capture_on_commit_callbacks
):
    client.force_login(rush)
    # An earlier booking of the same matter at the same centre: what the process
    # and the cache keep between requests is kept (the holiday calendar, the guide).
    first = client.post(
        "/api/v1/appointments", applicant_body(centre, 1), content_type="application/json"
    )
    assert first.status_code == 201, first.content
    with (
        one_request(django_assert_max_num_queries, 10),
        django_capture_on_commit_callbacks() as callbacks,
    ):
        response = client.post(
            "/api/v1/appointments", applicant_body(centre, 2), content_type="application/json"
        )
    assert response.status_code == 201, response.content
    assert len(callbacks) == 1
    appointment = Appointment.objects.get(reference=response.json()["reference"])
    assert Delivery.objects.filter(event__appointment=appointment).count() == 3
    assert response.json()["checklist"] == first.json()["checklist"]


def page_form(client, centre, n: int) -> dict:
    state = {"matters": "JS-MZ-04", "centre": centre.pk, "date": "2026-11-24", "start": START}
    html = client.get("/book/confirm/", state).content.decode()
    return {
        "matters": "JS-MZ-04",
        "centre": centre.pk,
        "date": "2026-11-24",
        "start": START,
        "submission": f"form-{n}",
        "relationship": "self",
        "name": "高秀英",
        "id_number": id_number(dt.date(1956, 3, 8), seq=n),
        "phone": "13951234567",
        "materials": re.findall(r'name="materials" value="(\d+)"', html),
    }


def test_a_booking_through_the_page_form_costs_at_most_ten_queries(
    client, centre, rush, django_assert_max_num_queries, django_capture_on_commit_callbacks
):
    client.force_login(rush)
    assert client.post("/book/confirm/", page_form(client, centre, 1)).status_code == 302
    form = page_form(client, centre, 2)
    with (
        one_request(django_assert_max_num_queries, 10),
        django_capture_on_commit_callbacks() as callbacks,
    ):
        response = client.post("/book/confirm/", form)
    assert response.status_code == 302, response.content.decode()[-2000:]
    assert len(callbacks) == 1
    appointment = Appointment.objects.get(idempotency_key="form-2")
    assert response["Location"] == f"/appointments/{appointment.reference}/"
    assert Delivery.objects.filter(event__appointment=appointment).count() == 3
    # The page after the redirect still greets the booking once.
    assert "panel-confirmation" in client.get(response["Location"]).content.decode()
