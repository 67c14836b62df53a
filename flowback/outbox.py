"""Recording events in the outbox, in the transaction of the change they report.

``record_event`` is called inside the transaction of the change it reports, so
the event and its deliveries exist exactly when the change does; after commit
one task (whatever the number of subscribers) kicks the subscribers' delivery.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone
from django_q.tasks import async_task

from appointments.models import Appointment
from centres.models import ServiceCentre
from flowback.constants import EventType
from flowback.models import Delivery, Event, Subscriber
from flowback.rules import apply_rules


def _facts(appointment: Appointment, case, matters: Sequence[str], centre=None) -> dict:
    """What any subscriber may know: no names, ID numbers or phone numbers.

    ``centre``: the appointment's centre with its county and city, when the
    caller has it already.
    """
    if centre is None or centre.pk != appointment.centre_id:
        centre = ServiceCentre.objects.select_related("county__city").get(pk=appointment.centre_id)
    facts = {
        "centre": {
            "id": centre.pk,
            "code": centre.code,
            "name": centre.name,
            "county": centre.county.name,
            "city": centre.county.city.name,
        },
        "appointment": {
            "reference": appointment.reference,
            "status": appointment.status,
            "start": timezone.localtime(appointment.start).isoformat(),
            "end": timezone.localtime(appointment.end).isoformat(),
            "people": appointment.people,
        },
        "matters": list(matters),
    }
    if case is not None:
        facts["case"] = {
            "case_number": case.case_number,
            "status": case.status,
            "missing": list(case.missing or []),
            "accepted_at": timezone.localtime(case.accepted_at).isoformat()
            if case.accepted_at
            else None,
            "closed_at": timezone.localtime(case.closed_at).isoformat() if case.closed_at else None,
            "reason": case.close_reason,
        }
    return facts


def record_event(
    *,
    type: str,
    appointment: Appointment,
    case=None,
    matters: Sequence[str] | None = None,
    now: dt.datetime | None = None,
    centre: ServiceCentre | None = None,
    enqueue: bool = True,
) -> Event:
    """Write the event and its deliveries in the caller's transaction.

    After commit one task kicks the subscribers that want it (``enqueue``); a
    caller that sends a task of its own passes False and calls
    ``flowback.delivery.kick(event.subscriber_ids)`` in it, so that the change
    costs the queue one enqueue, however many subscribers there are.
    """
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        raise RuntimeError("record_event must run inside the transaction of the change")
    if matters is None:
        matters = list(appointment.matters.order_by("pk").values_list("matter__code", flat=True))
    event = write(
        type=type,
        appointment=appointment,
        case=case,
        matters=matters,
        data=_facts(appointment, case, matters, centre),
        occurred_at=now or timezone.now(),
    )
    if type == EventType.CASE_COMPLETED and case is not None:
        derived = apply_rules(event, appointment=appointment, case=case, matters=matters)
        event.subscriber_ids = sorted(
            set(event.subscriber_ids).union(*(d.subscriber_ids for d in derived))
        )
    if enqueue and event.subscriber_ids:
        ids = event.subscriber_ids
        transaction.on_commit(lambda: async_task("flowback.tasks.kick", ids, group="flowback"))
    return event


def write(*, type, appointment, case, matters, data, occurred_at) -> Event:
    """The event row, and a delivery for each subscriber that wants it (their ids: ``subscriber_ids``)."""
    event = Event.objects.create(
        type=type,
        stream=appointment.reference,
        centre_id=appointment.centre_id,
        appointment=appointment,
        case=case,
        data=data,
        occurred_at=occurred_at,
    )
    subscribers = [s for s in active_subscribers() if s.wants(type, matters)]
    Delivery.objects.bulk_create(
        [Delivery(event=event, subscriber=s, next_attempt_at=occurred_at) for s in subscribers]
    )
    event.subscriber_ids = [s.pk for s in subscribers]
    return event


# The active subscribers' routes (id, event types, matters) are kept in the cache
# with the version they were read at; any change of a subscriber gives a new
# version (``forget_subscribers``), so a list read before the change is never used
# after it, even when its reader writes it back late.
ROUTES_KEY = "flowback:subscriber-routes"
ROUTES_VERSION_KEY = "flowback:subscriber-routes:version"
ROUTES_SECONDS = 3600


def active_subscribers() -> list[Subscriber]:
    """The active subscribers with what ``Subscriber.wants`` reads: from the cache, one round trip."""
    held = cache.get_many([ROUTES_VERSION_KEY, ROUTES_KEY])
    version = held.get(ROUTES_VERSION_KEY)
    if version is None:
        # A new version (never a counter starting again) when the key was lost.
        cache.add(ROUTES_VERSION_KEY, uuid.uuid4().hex, None)
        version = cache.get(ROUTES_VERSION_KEY)
    known = held.get(ROUTES_KEY)
    if known is not None and known[0] == version:
        routes = known[1]
    else:
        routes = list(
            Subscriber.objects.filter(active=True).values_list("pk", "event_types", "matters")
        )
        cache.set(ROUTES_KEY, (version, routes), ROUTES_SECONDS)
    return [
        Subscriber(pk=pk, event_types=types, matters=matters, active=True)
        for pk, types, matters in routes
    ]


def forget_subscribers() -> None:
    """After a subscriber is added, changed or deleted: the routes are read again."""
    cache.set(ROUTES_VERSION_KEY, uuid.uuid4().hex, None)
