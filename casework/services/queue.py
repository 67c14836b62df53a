"""The hall queue: a number on arrival, calls in the stated order, served, or gone."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import F
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from appointments.models import Appointment
from casework import selectors
from casework.constants import WALK_IN_DUE_AFTER_MINUTES, QueueStatus
from casework.exceptions import AlreadyDone, NotFound
from casework.models import QueueTicket
from casework.services.access import clerk_centre, next_number
from centres.models import ServiceCentre

# How many of the first waiting tickets one call tries before reading the queue again.
CALL_WINDOW = 8


def due_at(*, arrival: dt.datetime, appointment: Appointment | None, walk_in: bool) -> dt.datetime:
    """When a person is due to be called (README, "Call order")."""
    if walk_in or appointment is None:
        return arrival + dt.timedelta(minutes=WALK_IN_DUE_AFTER_MINUTES)
    # Late past the end of their booked time: due from arrival, like anyone else.
    return appointment.start if arrival <= appointment.end else arrival


def enqueue(
    *,
    centre: ServiceCentre,
    now: dt.datetime,
    appointment: Appointment | None = None,
    walk_in: bool = False,
    counter: int | None = None,
) -> QueueTicket:
    """A number for someone who arrived; at a counter they are served there and then."""
    day = timezone.localdate(now)
    prefix = "W" if walk_in or appointment is None else "A"
    ticket = QueueTicket(
        centre=centre,
        date=day,
        number=f"{prefix}{next_number(centre.pk, day, prefix):03d}",
        appointment=appointment,
        sort_at=due_at(arrival=now, appointment=appointment, walk_in=walk_in),
        created_at=now,
    )
    if counter:
        ticket.status, ticket.counter, ticket.called_at = QueueStatus.CALLED, counter, now
        ticket.intake_started_at = now
    ticket.save()
    return ticket


@transaction.atomic
def issue_walk_in(*, centre: ServiceCentre, now: dt.datetime | None = None) -> QueueTicket:
    """A queue number for someone who came without booking; details are taken when called."""
    return enqueue(centre=centre, now=now or timezone.now(), walk_in=True)


def call_next(*, clerk, counter: int, now: dt.datetime | None = None) -> QueueTicket | None:
    """Call the next person waiting to a counter; None when nobody waits.

    Two counters calling at once never get the same person: each call takes a
    ticket with an UPDATE guarded by its status, and tries the next on losing.
    """
    now = now or timezone.now()
    centre = clerk_centre(clerk)
    while True:
        candidates = list(
            selectors.waiting(centre.pk, now).values_list("pk", flat=True)[:CALL_WINDOW]
        )
        if not candidates:
            return None
        for pk in candidates:
            if QueueTicket.objects.filter(pk=pk, status=QueueStatus.WAITING).update(
                status=QueueStatus.CALLED, counter=counter, called_at=now
            ):
                return QueueTicket.objects.select_related("appointment").get(pk=pk)


def _ticket(clerk, number: str, now: dt.datetime) -> QueueTicket:
    centre = clerk_centre(clerk)
    ticket = QueueTicket.objects.filter(
        centre=centre, date=timezone.localdate(now), number=(number or "").strip().upper()
    ).first()
    if ticket is None:
        raise NotFound(_("今天没有这个排队号。"), field="number")
    return ticket


def skip(*, clerk, number: str, now: dt.datetime | None = None) -> QueueTicket:
    """过号: a called person who did not come to the counter is not called again."""
    now = now or timezone.now()
    ticket = _ticket(clerk, number, now)
    if not QueueTicket.objects.filter(pk=ticket.pk, status=QueueStatus.CALLED).update(
        status=QueueStatus.GONE
    ):
        raise AlreadyDone(_("只有已叫号、尚未办理的号码可以过号。"))
    ticket.refresh_from_db()
    return ticket


def requeue(*, clerk, number: str, now: dt.datetime | None = None) -> QueueTicket:
    """Someone whose number was passed turns up after all: back in the queue as if arriving now."""
    now = now or timezone.now()
    ticket = _ticket(clerk, number, now)
    due = due_at(arrival=now, appointment=ticket.appointment, walk_in=ticket.number[0] == "W")
    if not QueueTicket.objects.filter(pk=ticket.pk, status=QueueStatus.GONE).update(
        status=QueueStatus.WAITING, counter=None, called_at=None, sort_at=due, created_at=now
    ):
        raise AlreadyDone(_("这个号码不是过号状态。"))
    ticket.refresh_from_db()
    return ticket


def start_intake(*, appointment: Appointment, now: dt.datetime) -> None:
    """The clerk opened the person's intake form: the first time counts."""
    QueueTicket.objects.filter(appointment=appointment, intake_started_at__isnull=True).update(
        intake_started_at=now
    )


def mark_served(*, appointment: Appointment, now: dt.datetime) -> QueueTicket | None:
    """The case is open: the person leaves the queue, whether called or taken up directly."""
    QueueTicket.objects.filter(
        appointment=appointment, status__in=(QueueStatus.WAITING, QueueStatus.CALLED)
    ).update(
        status=QueueStatus.SERVED,
        served_at=now,
        called_at=Coalesce(F("called_at"), now),
        intake_started_at=Coalesce(F("intake_started_at"), now),
    )
    return QueueTicket.objects.filter(appointment=appointment).first()
