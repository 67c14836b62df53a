"""Booking one slot for one person, and the appointment record every booking path makes.

Capacity is counter-minutes: a slot offers ``counters × slot length`` less the
walk-in share, and an appointment takes the sum of its matters' standard
handling minutes, drawn from the slot it starts in and, where they do not fit
there, from the following slots of the same session (``appointments.capacity``).
"""

from __future__ import annotations

import datetime as dt
import functools
import secrets
from collections.abc import Sequence
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_q.brokers import get_broker
from django_q.tasks import async_task

from appointments import capacity, schedule, signals
from appointments.constants import Relationship
from appointments.exceptions import BookingError, DuplicateBooking, InvalidBooking, SlotFull
from appointments.models import (
    Appointment,
    AppointmentMatter,
    Hold,
    Person,
    Slot,
)
from appointments.services.checks import (
    check_booker,
    check_matters,
    check_person,
    limits_guard,
    lock_person,
    person_limits,
)
from centres.models import ServiceCentre
from core.personal_data import protect
from guides.models import MatterPage

REFERENCE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: keyed in by clerks


@functools.cache
def _broker():
    # One queue connection per process: django-q2 opens a new one for every task
    # it is not given a broker for (a connection and its handshake per booking on Redis).
    return get_broker()


@dataclass(frozen=True)
class Applicant:
    """A validated applicant (see ``appointments.forms.ApplicantForm``)."""

    name: str
    id_number: str
    phone: str
    relationship: str = Relationship.SELF


def new_reference() -> str:
    return "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(8))


def minutes_for(matters: Sequence[MatterPage], people: int = 1) -> int:
    return sum(m.handling_minutes or 0 for m in matters) * people


def available_slots(
    *, centre: ServiceCentre, day: dt.date, matters: Sequence[MatterPage], people: int = 1, now=None
) -> list[tuple[Slot, bool]]:
    """Every start of the day with whether the whole booking can start there."""
    options = capacity.day_options(
        centre=centre, day=day, minutes=minutes_for(matters, people), now=now
    )
    return [(o.slot, o.available) for o in options]


def book_appointment(
    *,
    centre: ServiceCentre,
    start: dt.datetime,
    matters: Sequence[MatterPage],
    situation_codes: Sequence[str] = (),
    applicant: Applicant,
    booked_by,
    idempotency_key: str = "",
    now: dt.datetime | None = None,
) -> Appointment:
    """Book one slot for one person; a repeated submission returns the first booking.

    ``centre`` as ``appointments.selectors.centre_for_booking`` reads it (or
    ``schedule.centre_for_day``): with the slot at the start, a booking that
    fits there takes its minutes with one guarded UPDATE.
    """
    try:
        return _book(
            centre=centre,
            start=start,
            matters=matters,
            situation_codes=situation_codes,
            applicant=applicant,
            booked_by=booked_by,
            idempotency_key=idempotency_key,
            now=now or timezone.now(),
        )
    except (BookingError, IntegrityError) as exc:
        # A repeated submission is not looked up first: it meets its first booking
        # (the person's hold, the slot's last place, the key's unique index)
        # and is answered with it here, after the rollback.
        existing = (
            idempotency_key
            and Appointment.objects.filter(
                booked_by=booked_by, idempotency_key=idempotency_key
            ).first()
        )
        if existing:
            return existing
        if isinstance(exc, IntegrityError):
            raise DuplicateBooking() from None
        raise


@transaction.atomic
def _book(*, centre, start, matters, situation_codes, applicant, booked_by, idempotency_key, now):
    check_matters(matters)
    start = schedule.aware(start)
    schedule.check_start(centre, start, now)
    if applicant.relationship == Relationship.ENTERPRISE:
        raise InvalidBooking(_("企业为员工批量预约请使用“企业批量预约”。"), field="relationship")
    minutes = minutes_for(matters)
    person = lock_person(applicant.id_number)
    # The limits ride on the UPDATE that takes the minutes: one statement for both.
    guard = limits_guard(
        person=person,
        booked_by=booked_by,
        relationship=applicant.relationship,
        matters=matters,
        now=now,
    )
    try:
        plan = capacity.draw(centre=centre, start=start, minutes=minutes, batch=False, guard=guard)
    except SlotFull:
        # Refused: a limit says why, or else the time is full.
        limits = person_limits(person, booked_by=booked_by, matters=matters)
        check_booker(limits, applicant.relationship, now)
        check_person(limits, matters, now)
        raise SlotFull(too_long_message(centre, start, minutes, now)) from None
    appointment = create_appointment(
        centre=centre,
        plan=plan,
        minutes=minutes,
        booked_by=booked_by,
        applicant=applicant,
        person=person,
        matters=matters,
        situation_codes=situation_codes,
        idempotency_key=idempotency_key,
        enqueue=False,
    )
    Hold.objects.bulk_create(
        [Hold(person=person, matter=matter, appointment=appointment) for matter in matters]
    )
    # One task per booking: it hands the receivers' work over, then sends the confirmation.
    pk, handover = appointment.pk, appointment.handover
    transaction.on_commit(
        lambda: async_task("appointments.tasks.send_confirmation", pk, handover, broker=_broker())
    )
    return appointment


def too_long_message(centre: ServiceCentre, start: dt.datetime, minutes: int, now) -> str:
    """Why a start was refused, and where the same booking still fits that day."""
    day = timezone.localdate(start)
    options = capacity.day_options(centre=centre, day=day, minutes=minutes, now=now)
    fits = [timezone.localtime(o.slot.start).strftime("%H:%M") for o in options if o.available]
    if not fits:
        return _("%(day)s 已没有能办完这些事项（约 %(m)s 分钟）的时间，请换一天。") % {
            "day": day,
            "m": minutes,
        }
    return _("所选时间已约满。这个组合需要约 %(m)s 分钟，可选 %(times)s 开始。") % {
        "m": minutes,
        "times": "、".join(fits[:6]),
    }


def create_appointment(
    *,
    centre: ServiceCentre,
    plan: Sequence[tuple[Slot, int]],
    minutes: int,
    booked_by,
    applicant: Applicant,
    matters: Sequence[MatterPage],
    situation_codes: Sequence[str] = (),
    person: Person | None = None,
    people: int = 1,
    idempotency_key: str = "",
    span: tuple[dt.datetime, dt.datetime] | None = None,
    enqueue: bool = True,
) -> Appointment:
    """The appointment, its draws and its matters (with the guide versions), minutes already drawn.

    A walk-in draws from no slot (``plan`` empty) and gives its own ``span``.
    ``enqueue``: receivers of ``appointment_booked`` queue their own work after
    commit; a caller that sends its own task after commit passes False and
    passes ``appointment.handover`` to it, so the change costs one enqueue.
    """
    start, end = span or (plan[0][0].start, plan[-1][0].end)
    appointment = Appointment.objects.create(
        reference=new_reference(),
        centre=centre,
        slot=plan[0][0] if plan else None,
        start=start,
        end=end,
        minutes=minutes,
        people=people,
        booked_by=booked_by,
        person=person,
        relationship=applicant.relationship,
        applicant_name=applicant.name,
        applicant_id_encrypted=protect(applicant.id_number),
        applicant_phone=applicant.phone,
        idempotency_key=idempotency_key,
    )
    capacity.record(appointment, plan)
    codes = set(situation_codes)
    appointment.booked_matters = AppointmentMatter.objects.bulk_create(
        [
            AppointmentMatter(
                appointment=appointment,
                matter=matter,
                situation_code=next(
                    (s.code for s in matter.situations.all() if s.code in codes), ""
                ),
                guide_revision_id=matter.live_revision_id,
            )
            for matter in matters
        ]
    )
    appointment.handover = handover_of(
        signals.appointment_booked.send(
            sender=Appointment,
            appointment=appointment,
            centre=centre,
            matters=[matter.code for matter in matters],
            enqueue=enqueue,
        )
    )
    return appointment


def handover_of(responses) -> dict:
    """What the receivers of a booking signal left for the change's one task.

    A receiver that was asked not to enqueue (``enqueue=False``) returns a dict
    of JSON-able work (flowback: the subscribers to kick); the task hands it
    back through ``signals.change_committed`` once the change is committed.
    """
    handover = {}
    for _receiver, response in responses:
        if isinstance(response, dict):
            handover.update(response)
    return handover
