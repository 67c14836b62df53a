"""Case events: written with the change, posted signed to real local subscribers, never lost."""

import json
import time
from collections import Counter, defaultdict

import pytest
from django.db import transaction
from django.test import override_settings

from accounts.services import add_staff
from appointments import schedule
from appointments import services as booking
from appointments.exceptions import SlotFull
from flowback import services
from flowback.constants import DeliveryStatus, EventType, PersonalField
from flowback.models import Delivery, Event
from tests.flowback.scenario import (
    BOOKED_AT,
    BOOKING_DAY,
    book_many,
    signature_ok,
    subscribe,
    visit,
)
from tests.support.receiver import receiver
from tests.support.worker import worker

pytestmark = pytest.mark.django_db

ALL_TYPES = [t for t in EventType.values if t != EventType.BENEFIT_ELIGIBLE]


@pytest.fixture
def local_subscriber():
    with receiver() as state:
        yield state


def drain(subscriber, rounds=50):
    """Run the delivery task until nothing is pending (backoff is zero in these tests)."""
    for _ in range(rounds):
        services.deliver(subscriber.pk)
        if not Delivery.objects.filter(subscriber=subscriber, status="pending").exists():
            return
    raise AssertionError("deliveries still pending")


def test_rolled_back_change_leaves_no_event():
    before = Event.objects.count()
    with pytest.raises(RuntimeError), transaction.atomic():
        book_many(1)
        assert Event.objects.count() == before + 1
        raise RuntimeError("the request failed after booking")
    assert Event.objects.count() == before


def test_a_refused_booking_writes_no_event():
    [appointment] = book_many(1, code="FLOW02")
    appointment.slot.capacity_minutes = appointment.slot.booked_minutes
    appointment.slot.save()
    before = Event.objects.count()
    with pytest.raises(SlotFull):
        booking.book_appointment(
            centre=appointment.centre,
            start=appointment.start,
            matters=[m.matter for m in appointment.matters.all()],
            applicant=booking.Applicant(name="李四", id_number="110101199003077077", phone=""),
            booked_by=appointment.booked_by,
            now=BOOKED_AT,
        )
    assert Event.objects.count() == before


def test_events_carry_no_personal_data_themselves():
    [appointment] = book_many(1, code="FLOW03")
    event = Event.objects.get(appointment=appointment)
    assert event.type == "appointment.booked" and event.stream == appointment.reference
    stored = json.dumps(event.data, ensure_ascii=False)
    assert appointment.applicant_name not in stored
    assert appointment.applicant_phone not in stored


def test_subscribers_get_signed_events_with_only_their_fields(
    local_subscriber, django_capture_on_commit_callbacks
):
    everything = subscribe(
        "Province platform",
        f"{local_subscriber.url}/all",
        ALL_TYPES,
        personal=[PersonalField.NAME, PersonalField.ID_NUMBER_MASKED],
    )
    completions = subscribe("Archive", f"{local_subscriber.url}/done", ["case.completed"])
    with django_capture_on_commit_callbacks(execute=True):
        [appointment] = book_many(1, code="FLOW04")
    clerk_user = add_staff(
        email="clerk-flow04@test.local", centre=appointment.centre, role="clerk", password="pw"
    )
    with django_capture_on_commit_callbacks(execute=True):
        visit(appointment, clerk_user)

    arrivals = local_subscriber.accepted("/all")
    types = [a.event["type"] for a in arrivals]
    assert types == [
        "appointment.booked",
        "appointment.checked_in",
        "case.accepted",
        "case.completed",
    ]
    for arrival in arrivals:
        assert signature_ok(everything.secret, arrival)
        body = arrival.event
        assert arrival.headers["Idempotency-Key"] == body["id"]
        assert arrival.headers["X-Flowback-Event"] == body["type"]
        assert abs(int(arrival.headers["X-Flowback-Timestamp"]) - time.time()) < 3600 * 24 * 400
        assert body["stream"] == appointment.reference
        assert body["applicant"] == {
            "name": appointment.applicant_name,
            "id_number_masked": body["applicant"]["id_number_masked"],
        }
        assert "*" in body["applicant"]["id_number_masked"]
        assert body["data"]["matters"] == ["JS-MZ-01"]
    assert [a.event["sequence"] for a in arrivals] == sorted(a.event["sequence"] for a in arrivals)

    [done] = local_subscriber.accepted("/done")
    assert signature_ok(completions.secret, done)
    assert done.event["type"] == "case.completed"
    assert "applicant" not in done.event
    assert appointment.applicant_name not in done.body.decode()
    assert not signature_ok("another secret", done)


@override_settings(FLOWBACK_RETRY_BASE_SECONDS=0)
def test_failing_subscriber_recovers_and_gets_each_event_once_in_order(local_subscriber):
    subscriber = subscribe("Flaky", f"{local_subscriber.url}/flaky", ALL_TYPES, max_attempts=20)
    appointments = book_many(4, code="FLOW05")
    for appointment in appointments[:2]:
        later = schedule.bookable_starts(appointment.centre, BOOKING_DAY, BOOKED_AT)[-1]
        booking.reschedule_appointment(appointment=appointment, start=later, now=BOOKED_AT)
        booking.cancel_appointment(appointment=appointment, now=BOOKED_AT)
    expected = list(
        Event.objects.filter(stream__in=[a.reference for a in appointments]).order_by("pk")
    )
    assert len(expected) == 8
    local_subscriber.fail("/flaky", 7)

    drain(subscriber)

    tries = local_subscriber.all("/flaky")
    assert sum(a.status == 500 for a in tries) == 7
    accepted = Counter(a.headers["Idempotency-Key"] for a in tries if a.status == 200)
    assert accepted == Counter({str(e.key): 1 for e in expected})
    by_stream = defaultdict(list)
    for arrival in tries:
        by_stream[arrival.event["stream"]].append(arrival)
    for stream, arrivals in by_stream.items():
        order = [e.pk for e in expected if e.stream == stream]
        accepted_order = [a.event["sequence"] for a in arrivals if a.status == 200]
        assert accepted_order == order, stream
        # Nothing of a stream is even tried before its earlier events were accepted.
        sent = [a.event["sequence"] for a in arrivals]
        assert sent == sorted(sent), stream
    assert set(Delivery.objects.filter(subscriber=subscriber).values_list("status", flat=True)) == {
        DeliveryStatus.DELIVERED
    }


@override_settings(FLOWBACK_RETRY_BASE_SECONDS=0)
def test_dead_letters_wait_in_order_and_an_admin_retry_delivers_them(
    local_subscriber, client, admin_user, django_capture_on_commit_callbacks
):
    subscriber = subscribe("Down", f"{local_subscriber.url}/down", ALL_TYPES, max_attempts=3)
    [appointment] = book_many(1, code="FLOW06")
    booking.cancel_appointment(appointment=appointment, now=BOOKED_AT)
    local_subscriber.fail("/down", 1000)
    for _ in range(5):
        services.deliver(subscriber.pk)
    deliveries = list(Delivery.objects.filter(subscriber=subscriber).order_by("event_id"))
    assert [d.status for d in deliveries] == ["dead", "dead"]
    assert deliveries[0].attempts == 3 and deliveries[1].attempts == 0
    assert len(local_subscriber.all("/down")) == 3

    client.force_login(admin_user)
    page = client.get("/admin/flowback/dead/")
    assert page.status_code == 200
    assert appointment.reference in page.content.decode()
    local_subscriber.fail("/down", 0)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/admin/flowback/dead/", {"delivery": [deliveries[1].pk]})
    assert response.status_code == 302
    arrivals = local_subscriber.accepted("/down")
    assert [a.event["type"] for a in arrivals] == ["appointment.booked", "appointment.cancelled"]
    assert set(Delivery.objects.filter(subscriber=subscriber).values_list("status", flat=True)) == {
        "delivered"
    }


def test_only_those_allowed_open_the_dead_letter_list(client, django_user_model):
    user = django_user_model.objects.create_user(username="noadmin", password="pw", is_staff=True)
    client.force_login(user)
    assert client.get("/admin/flowback/dead/").status_code in (302, 403)


def test_a_hanging_subscriber_does_not_delay_another(local_subscriber):
    local_subscriber.hang("/slow", 8)
    with worker(workers=2) as q:
        q.run(
            "import json\n"
            "from tests.flowback.scenario import subscribe\n"
            f"subscribe('Slow', '{local_subscriber.url}/slow', ['appointment.booked'], timeout_seconds=4)\n"
            f"subscribe('Fast', '{local_subscriber.url}/fast', ['appointment.booked'])\n"
            "print(json.dumps({}))"
        )
        started = time.monotonic()
        q.run(
            "import json\n"
            "from tests.flowback.scenario import book_many\n"
            "print(json.dumps([a.reference for a in book_many(5, code='FLOW07')]))"
        )
        committed = time.monotonic()
        fast = local_subscriber.wait_for("/fast", 5, timeout=30)
        done = max(a.at for a in fast)
        # The slow subscriber is still hanging on its first event when the other has all five.
        assert done - committed < 4, (started, committed, done)
        assert local_subscriber.accepted("/slow") == []
        assert len(local_subscriber.all("/slow")) <= 1


def test_old_delivered_events_are_pruned_and_undelivered_ones_kept(local_subscriber):
    import datetime as dt

    subscriber = subscribe("Archive", f"{local_subscriber.url}/archive", ALL_TYPES)
    delivered, stuck, recent = book_many(3, code="FLOW08")
    drain(subscriber)
    Delivery.objects.filter(event__appointment=stuck).update(status=DeliveryStatus.DEAD)
    long_ago = BOOKED_AT - dt.timedelta(days=200)
    Event.objects.filter(appointment__in=[delivered, stuck]).update(occurred_at=long_ago)

    assert services.prune(now=BOOKED_AT) == 2  # the event and its one delivery
    assert not Event.objects.filter(appointment=delivered).exists()
    assert Event.objects.filter(appointment=stuck).exists()
    assert Event.objects.filter(appointment=recent).exists()


def test_a_subscriber_that_does_not_answer_is_left_alone_until_its_retry(local_subscriber):
    import socket

    with socket.socket() as probe:  # a port nobody listens on: connection refused
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    subscriber = subscribe("Gone", f"http://127.0.0.1:{port}/events", ALL_TYPES)
    book_many(3, code="FLOW09")
    services.deliver(subscriber.pk)
    tried = list(Delivery.objects.filter(subscriber=subscriber, attempts__gt=0))
    assert len(tried) == 1  # one refused connection ends the run
    subscriber.refresh_from_db()
    assert subscriber.lease_until == tried[0].next_attempt_at
    # New events' tasks find the subscriber paused and try nothing.
    services.deliver(subscriber.pk)
    assert Delivery.objects.filter(subscriber=subscriber, attempts__gt=0).count() == 1
    assert sum(d.attempts for d in Delivery.objects.filter(subscriber=subscriber)) == 1
