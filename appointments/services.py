"""Booking, cancelling, rescheduling and the no-show rule.

Capacity is counter-minutes: a slot offers ``counters × slot length`` less the
walk-in share, and an appointment takes the sum of its matters' standard
handling minutes. A single guarded UPDATE reserves them, so concurrent
requests can never overbook (and a CHECK constraint backs it up).
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Sequence
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django_q.tasks import async_task

from appointments import schedule
from appointments.constants import AppointmentStatus, Relationship
from appointments.exceptions import (
    DuplicateBooking,
    InvalidBooking,
    NotCancellable,
    SlotFull,
    Suspended,
    TooManyBookings,
)
from appointments.models import Appointment, AppointmentMatter, Hold, Person, ServiceCentre, Slot
from appointments.personal_data import person_hash, protect
from flowback.constants import EventType
from flowback.services import record_event
from guides.models import MatterPage

REFERENCE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: keyed in by clerks


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


def ensure_slots(centre: ServiceCentre, starts: Sequence[dt.datetime]) -> dict[dt.datetime, Slot]:
    """The Slot rows of these starts, made on first use with the centre's capacity."""
    step = dt.timedelta(minutes=centre.slot_minutes)
    Slot.objects.bulk_create(
        [
            Slot(
                centre=centre,
                start=s,
                end=s + step,
                capacity_minutes=centre.online_minutes_per_slot,
            )
            for s in starts
        ],
        ignore_conflicts=True,
    )
    return {slot.start: slot for slot in Slot.objects.filter(centre=centre, start__in=starts)}


def available_slots(
    *, centre: ServiceCentre, day: dt.date, matters: Sequence[MatterPage], people: int = 1, now=None
) -> list[tuple[Slot, bool]]:
    """Every slot of the day with whether it can still take these matters."""
    now = now or timezone.now()
    starts = schedule.bookable_starts(centre, day, now)
    needed = minutes_for(matters, people)
    slots = ensure_slots(centre, starts)
    return [(slots[s], slots[s].free_minutes >= needed) for s in starts]


def _check_matters(matters: Sequence[MatterPage]) -> None:
    if not matters:
        raise InvalidBooking(_("请至少选择一个事项。"), field="matters")
    closed = [m.title for m in matters if not m.bookable or not m.handling_minutes]
    if closed:
        raise InvalidBooking(
            _("以下事项不能网上预约：%(names)s") % {"names": "、".join(closed)}, field="matters"
        )


def _locked_person(id_number: str) -> Person:
    person, _created = Person.objects.get_or_create(id_hash=person_hash(id_number))
    # Locking the person's row serialises their bookings, so the per-person
    # limits below hold even when the same person books twice at once.
    return Person.objects.select_for_update().get(pk=person.pk)


def _check_person(person: Person, matters: Sequence[MatterPage], now: dt.datetime) -> None:
    if person.is_suspended(now):
        until = timezone.localtime(person.suspended_until)
        raise Suspended(
            _(
                "因多次预约未到，该申请人的网上预约已暂停至 %(until)s（%(reason)s）。"
                "暂停期间仍可到中心现场取号办理。"
            )
            % {"until": until.strftime("%Y-%m-%d %H:%M"), "reason": person.suspension_reason}
        )
    taken = held_matters(person, matters)
    if taken:
        names = "、".join(sorted(taken))
        raise DuplicateBooking(
            _("该申请人已有“%(names)s”的有效预约，同一事项只能预约一次。") % {"names": names}
        )
    active = Appointment.objects.active().filter(person=person).count()
    if active >= settings.BOOKING_MAX_ACTIVE_PER_PERSON:
        raise TooManyBookings(
            _("每人最多同时保留 %(n)s 个预约，请先办完或取消已有预约。")
            % {"n": settings.BOOKING_MAX_ACTIVE_PER_PERSON}
        )


def held_matters(person: Person, matters: Sequence[MatterPage]) -> set[str]:
    """Names of the matters this person already holds an active booking for."""
    holds = Hold.objects.filter(person=person, active=True, matter__in=matters).select_related(
        "matter"
    )
    return {hold.matter.title for hold in holds}


def reserve(slot: Slot, minutes: int) -> None:
    """Take counter-minutes of a slot in one guarded UPDATE, or raise SlotFull."""
    reserved = Slot.objects.filter(
        pk=slot.pk, booked_minutes__lte=F("capacity_minutes") - minutes
    ).update(booked_minutes=F("booked_minutes") + minutes)
    if not reserved:
        raise SlotFull()


def release(slot_id: int, minutes: int) -> None:
    Slot.objects.filter(pk=slot_id).update(booked_minutes=F("booked_minutes") - minutes)


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
    """Book one slot for one person; a repeated submission returns the first booking."""
    if idempotency_key:
        existing = Appointment.objects.filter(
            booked_by=booked_by, idempotency_key=idempotency_key
        ).first()
        if existing:
            return existing
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
    except IntegrityError:
        # A simultaneous twin of this submission won the race: answer with it.
        existing = (
            idempotency_key
            and Appointment.objects.filter(
                booked_by=booked_by, idempotency_key=idempotency_key
            ).first()
        )
        if existing:
            return existing
        raise DuplicateBooking() from None


@transaction.atomic
def _book(*, centre, start, matters, situation_codes, applicant, booked_by, idempotency_key, now):
    _check_matters(matters)
    schedule.check_start(centre, start, now)
    person = _locked_person(applicant.id_number)
    _check_person(person, matters, now)
    minutes = minutes_for(matters)
    slot = ensure_slots(centre, [start])[start]
    reserve(slot, minutes)
    appointment = create_appointment(
        centre=centre,
        slot=slot,
        minutes=minutes,
        booked_by=booked_by,
        applicant=applicant,
        person=person,
        matters=matters,
        situation_codes=situation_codes,
        idempotency_key=idempotency_key,
    )
    Hold.objects.bulk_create(
        [Hold(person=person, matter=matter, appointment=appointment) for matter in matters]
    )
    transaction.on_commit(
        lambda: async_task("appointments.tasks.send_confirmation", appointment.pk)
    )
    return appointment


def create_appointment(
    *,
    centre: ServiceCentre,
    slot: Slot,
    minutes: int,
    booked_by,
    applicant: Applicant,
    matters: Sequence[MatterPage],
    situation_codes: Sequence[str] = (),
    person: Person | None = None,
    people: int = 1,
    idempotency_key: str = "",
) -> Appointment:
    """The appointment and its matters (with the guide versions) on a slot already reserved."""
    appointment = Appointment.objects.create(
        reference=new_reference(),
        centre=centre,
        slot=slot,
        start=slot.start,
        end=slot.end,
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
    codes = set(situation_codes)
    AppointmentMatter.objects.bulk_create(
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
    record_event(
        type=EventType.APPOINTMENT_BOOKED,
        appointment=appointment,
        matters=[matter.code for matter in matters],
    )
    return appointment


@transaction.atomic
def cancel_appointment(*, appointment: Appointment, now: dt.datetime | None = None) -> Appointment:
    """Cancel before the cut-off; the slot's minutes are free again at once."""
    now = now or timezone.now()
    appointment = Appointment.objects.select_for_update().get(pk=appointment.pk)
    if not appointment.is_cancellable(now):
        raise NotCancellable(_cutoff_message(appointment))
    appointment.status = AppointmentStatus.CANCELLED
    appointment.cancelled_at = now
    appointment.save(update_fields=["status", "cancelled_at"])
    release(appointment.slot_id, appointment.minutes)
    appointment.holds.update(active=False)
    record_event(type=EventType.APPOINTMENT_CANCELLED, appointment=appointment, now=now)
    return appointment


@transaction.atomic
def reschedule_appointment(
    *, appointment: Appointment, start: dt.datetime, now: dt.datetime | None = None
) -> Appointment:
    """Move a booking to another slot of the same centre: all of it, or nothing."""
    now = now or timezone.now()
    appointment = (
        Appointment.objects.select_for_update().select_related("centre").get(pk=appointment.pk)
    )
    if not appointment.is_cancellable(now):
        raise NotCancellable(_cutoff_message(appointment))
    centre = schedule.centre_with_calendar(appointment.centre_id)
    schedule.check_start(centre, start, now)
    slot = ensure_slots(centre, [start])[start]
    if slot.pk == appointment.slot_id:
        return appointment
    reserve(slot, appointment.minutes)
    release(appointment.slot_id, appointment.minutes)
    appointment.slot, appointment.start, appointment.end = slot, slot.start, slot.end
    appointment.reminder_sent_at = None
    appointment.save(update_fields=["slot", "start", "end", "reminder_sent_at"])
    record_event(type=EventType.APPOINTMENT_RESCHEDULED, appointment=appointment, now=now)
    return appointment


def _cutoff_message(appointment: Appointment) -> str:
    if appointment.status != AppointmentStatus.BOOKED:
        return _("该预约当前状态为“%(s)s”，不能取消或改约。") % {
            "s": appointment.get_status_display()
        }
    deadline = timezone.localtime(appointment.cancellation_deadline())
    return _("预约开始前 %(h)s 小时内不能取消或改约（截止于 %(t)s）。") % {
        "h": settings.BOOKING_CANCEL_CUTOFF_HOURS,
        "t": deadline.strftime("%Y-%m-%d %H:%M"),
    }


@transaction.atomic
def mark_no_shows(*, now: dt.datetime | None = None) -> int:
    """Mark bookings whose time has passed without a check-in; suspend repeat no-shows."""
    now = now or timezone.now()
    missed = Appointment.objects.filter(status=AppointmentStatus.BOOKED, end__lte=now)
    people = set(missed.values_list("person_id", flat=True))
    Hold.objects.filter(appointment__in=missed).update(active=False)
    count = missed.update(status=AppointmentStatus.NO_SHOW)
    since = now - dt.timedelta(days=settings.NO_SHOW_WINDOW_DAYS)
    for person in Person.objects.select_for_update().filter(pk__in=people):
        recent = person.appointments.filter(
            status=AppointmentStatus.NO_SHOW, start__gte=since
        ).count()
        if recent >= settings.NO_SHOW_LIMIT:
            person.suspended_until = now + dt.timedelta(days=settings.NO_SHOW_SUSPENSION_DAYS)
            person.suspension_reason = _("%(days)s 天内预约未到 %(n)s 次") % {
                "days": settings.NO_SHOW_WINDOW_DAYS,
                "n": recent,
            }
            person.save(update_fields=["suspended_until", "suspension_reason"])
    return count


@transaction.atomic
def register_walk_in(
    *,
    centre: ServiceCentre,
    matters: Sequence[MatterPage],
    situation_codes: Sequence[str] = (),
    applicant: Applicant,
    registered_by,
    now: dt.datetime | None = None,
) -> Appointment:
    """The record of someone served without a booking: checked in now, no slot capacity taken.

    The walk-in share of every slot is already kept off the online capacity, so
    nothing is reserved. ``Appointment.slot`` cannot be empty, so the record is
    filed under the slot the visit falls in; its start and end are the visit's own.
    """
    now = now or timezone.now()
    if not matters:
        raise InvalidBooking(_("请至少选择一个事项。"), field="matters")
    step = dt.timedelta(minutes=centre.slot_minutes)
    local = timezone.localtime(now)
    midnight = local.replace(hour=0, minute=0, second=0, microsecond=0)
    starts = [s for s in schedule.slot_starts(centre, local.date()) if s <= now]
    start = starts[-1] if starts else midnight + step * ((local - midnight) // step)
    slot = ensure_slots(centre, [start])[start]
    person, _created = Person.objects.get_or_create(id_hash=person_hash(applicant.id_number))
    appointment = create_appointment(
        centre=centre,
        slot=slot,
        minutes=minutes_for(matters),
        booked_by=registered_by,
        applicant=applicant,
        person=person,
        matters=matters,
        situation_codes=situation_codes,
    )
    appointment.start, appointment.end = now, now + dt.timedelta(minutes=appointment.minutes)
    appointment.status, appointment.checked_in_at = AppointmentStatus.CHECKED_IN, now
    appointment.save(update_fields=["start", "end", "status", "checked_in_at"])
    return appointment
