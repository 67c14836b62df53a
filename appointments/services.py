"""Booking, cancelling, rescheduling and the no-show rule.

Capacity is counter-minutes: a slot offers ``counters × slot length`` less the
walk-in share, and an appointment takes the sum of its matters' standard
handling minutes, drawn from the slot it starts in and, where they do not fit
there, from the following slots of the same session (``appointments.capacity``).
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Sequence
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Exists, Func, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _
from django_q.tasks import async_task

from appointments import capacity, limits, schedule, signals
from appointments.constants import AppointmentStatus, Relationship
from appointments.exceptions import (
    DuplicateBooking,
    InvalidBooking,
    NotCancellable,
    SlotFull,
    Suspended,
    TooFast,
    TooManyBookings,
)
from appointments.models import (
    AccountStanding,
    Appointment,
    AppointmentMatter,
    Hold,
    Person,
    ServiceCentre,
    Slot,
)
from core.personal_data import person_hash, protect
from guides.constants import Audience
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


def available_slots(
    *, centre: ServiceCentre, day: dt.date, matters: Sequence[MatterPage], people: int = 1, now=None
) -> list[tuple[Slot, bool]]:
    """Every start of the day with whether the whole booking can start there."""
    options = capacity.day_options(
        centre=centre, day=day, minutes=minutes_for(matters, people), now=now
    )
    return [(o.slot, o.available) for o in options]


def _check_matters(matters: Sequence[MatterPage]) -> None:
    if not matters:
        raise InvalidBooking(_("请至少选择一个事项。"), field="matters")
    closed = [m.title for m in matters if not m.bookable or not m.handling_minutes]
    if closed:
        raise InvalidBooking(
            _("以下事项不能网上预约：%(names)s") % {"names": "、".join(closed)}, field="matters"
        )
    for_enterprises = [m.title for m in matters if m.audience == Audience.ENTERPRISE]
    if for_enterprises:
        raise InvalidBooking(
            _("%(names)s 由企业为员工办理，请企业经办人通过“企业批量预约”预约，个人不能预约。")
            % {"names": "、".join(for_enterprises)},
            field="matters",
        )


def _count(queryset) -> Subquery:
    """A correlated COUNT(*) of ``queryset`` as one value of another query."""
    return Coalesce(
        Subquery(
            queryset.order_by()
            .annotate(n=Func("pk", function="COUNT", output_field=IntegerField()))
            .values("n")
        ),
        0,
    )


def _locked_person(id_number: str, *, booked_by, matters: Sequence[MatterPage]) -> Person:
    """The person's row, locked, with what the booking limits need: two queries.

    Locking the person's row serialises their bookings, so the per-person
    limits hold even when the same person books twice at once. The counts and
    the booking account's standing come in the same SELECT (see
    ``_check_booker`` and ``_check_person``).
    """
    id_hash = person_hash(id_number)
    Person.objects.bulk_create([Person(id_hash=id_hash)], ignore_conflicts=True)
    active = Appointment.objects.active()
    return (
        Person.objects.select_for_update()
        .annotate(
            holds_matters=Exists(
                Hold.objects.filter(person=OuterRef("pk"), active=True, matter__in=matters)
            ),
            active_count=_count(active.filter(person=OuterRef("pk"))),
            booker_suspended_until=Subquery(
                AccountStanding.objects.filter(user=booked_by).values("suspended_until")[:1]
            ),
            booker_suspension_reason=Subquery(
                AccountStanding.objects.filter(user=booked_by).values("suspension_reason")[:1]
            ),
            booker_for_others=_count(
                active.filter(booked_by=booked_by).exclude(
                    relationship__in=[Relationship.SELF, Relationship.ENTERPRISE]
                )
            ),
        )
        .get(id_hash=id_hash)
    )


def _check_person(person: Person, matters: Sequence[MatterPage], now: dt.datetime) -> None:
    """The person's suspension and limits (``person`` from ``_locked_person``)."""
    if person.is_suspended(now):
        until = timezone.localtime(person.suspended_until)
        raise Suspended(
            _(
                "因多次预约未到，该申请人的网上预约已暂停至 %(until)s（%(reason)s）。"
                "暂停期间仍可到中心现场取号办理。"
            )
            % {"until": until.strftime("%Y-%m-%d %H:%M"), "reason": person.suspension_reason}
        )
    if person.holds_matters:
        names = "、".join(sorted(held_matters(person, matters)))
        raise DuplicateBooking(
            _("该申请人已有“%(names)s”的有效预约，同一事项只能预约一次。") % {"names": names}
        )
    if person.active_count >= settings.BOOKING_MAX_ACTIVE_PER_PERSON:
        raise TooManyBookings(
            _("每人最多同时保留 %(n)s 个预约，请先办完或取消已有预约。")
            % {"n": settings.BOOKING_MAX_ACTIVE_PER_PERSON}
        )


def check_rate(*, user, address: str) -> None:
    """Raise TooFast when this account or address books faster than a person would."""
    wait = limits.hit(
        "book-account", str(user.pk), limit=settings.BOOKING_RATE_PER_ACCOUNT
    ) or limits.hit("book-address", address, limit=settings.BOOKING_RATE_PER_ADDRESS)
    if wait:
        raise TooFast(_("预约操作太频繁，请 %(s)s 秒后再试。") % {"s": wait}, retry_after=wait)


def _check_booker(person: Person, relationship: str, now: dt.datetime) -> None:
    """The booking account's own limits: its suspension and its bookings for others.

    ``person`` from ``_locked_person`` carries the account's standing and count.
    """
    until = person.booker_suspended_until
    if until is not None and until > now:
        raise Suspended(
            _("因代他人预约多次未到，本账号的网上预约已暂停至 %(until)s（%(reason)s）。")
            % {
                "until": timezone.localtime(until).strftime("%Y-%m-%d %H:%M"),
                "reason": person.booker_suspension_reason,
            }
        )
    if relationship == Relationship.SELF:
        return
    if person.booker_for_others >= settings.BOOKING_MAX_ACTIVE_FOR_OTHERS:
        raise TooManyBookings(
            _("一个账号最多同时为他人保留 %(n)s 个预约，请先办完或取消已有预约。")
            % {"n": settings.BOOKING_MAX_ACTIVE_FOR_OTHERS}
        )


def held_matters(person: Person, matters: Sequence[MatterPage]) -> set[str]:
    """Names of the matters this person already holds an active booking for."""
    holds = Hold.objects.filter(person=person, active=True, matter__in=matters).select_related(
        "matter"
    )
    return {hold.matter.title for hold in holds}


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
    start = schedule.aware(start)
    schedule.check_start(centre, start, now)
    if applicant.relationship == Relationship.ENTERPRISE:
        raise InvalidBooking(_("企业为员工批量预约请使用“企业批量预约”。"), field="relationship")
    person = _locked_person(applicant.id_number, booked_by=booked_by, matters=matters)
    _check_booker(person, applicant.relationship, now)
    _check_person(person, matters, now)
    minutes = minutes_for(matters)
    try:
        plan = capacity.draw(centre=centre, start=start, minutes=minutes, batch=False)
    except SlotFull:
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
    transaction.on_commit(lambda: async_task("appointments.tasks.send_confirmation", pk, handover))
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
    appointment.handover = _handover(
        signals.appointment_booked.send(
            sender=Appointment,
            appointment=appointment,
            centre=centre,
            matters=[matter.code for matter in matters],
            enqueue=enqueue,
        )
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
    capacity.give_back(appointment)
    appointment.holds.update(active=False)
    handover = _handover(
        signals.appointment_cancelled.send(sender=Appointment, appointment=appointment, now=now)
    )
    _text_later(appointment, "booking_cancelled", handover)
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
    start = schedule.aware(start)
    schedule.check_start(centre, start, now)
    if start == appointment.start:
        return appointment
    # Every slot either booking touches is locked first, in start order.
    capacity.ensure_slots(centre, capacity.window(centre, start))
    capacity.lock_window(appointment, capacity.window(centre, start))
    capacity.give_back(appointment)
    try:
        plan = capacity.draw(
            centre=centre, start=start, minutes=appointment.minutes, batch=appointment.is_batch
        )
    except SlotFull:
        raise SlotFull(too_long_message(centre, start, appointment.minutes, now)) from None
    capacity.record(appointment, plan)
    appointment.slot, appointment.start, appointment.end = plan[0][0], start, plan[-1][0].end
    appointment.reminder_sent_at = None
    appointment.save(update_fields=["slot", "start", "end", "reminder_sent_at"])
    handover = _handover(
        signals.appointment_rescheduled.send(sender=Appointment, appointment=appointment, now=now)
    )
    _text_later(appointment, "booking_rescheduled", handover)
    return appointment


def _handover(responses) -> dict:
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


def _text_later(appointment: Appointment, template: str, handover: dict) -> None:
    """Text the people concerned from the worker once the change is committed.

    The same task hands the receivers' work over (flowback's kick): one enqueue.
    """
    pk = appointment.pk
    transaction.on_commit(
        lambda: async_task("appointments.tasks.text_about", pk, template, handover)
    )


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
    """Mark bookings whose time has passed without a check-in; suspend repeat no-shows.

    A no-show counts against the person only when she booked for herself, and
    against the booking account when it booked for someone else.
    """
    now = now or timezone.now()
    missed = Appointment.objects.filter(status=AppointmentStatus.BOOKED, end__lte=now)
    people = set(missed.filter(relationship=Relationship.SELF).values_list("person_id", flat=True))
    accounts = set(
        missed.exclude(relationship=Relationship.SELF).values_list("booked_by_id", flat=True)
    )
    Hold.objects.filter(appointment__in=missed).update(active=False)
    count = missed.update(status=AppointmentStatus.NO_SHOW)
    since = now - dt.timedelta(days=settings.NO_SHOW_WINDOW_DAYS)
    recent = Appointment.objects.filter(status=AppointmentStatus.NO_SHOW, start__gte=since)
    for person in Person.objects.select_for_update().filter(pk__in=people):
        n = recent.filter(person=person, relationship=Relationship.SELF).count()
        if n >= settings.NO_SHOW_LIMIT:
            person.suspended_until, person.suspension_reason = _suspension(now, n)
            person.save(update_fields=["suspended_until", "suspension_reason"])
    for user_id in accounts:
        n = recent.filter(booked_by_id=user_id).exclude(relationship=Relationship.SELF).count()
        if n >= settings.NO_SHOW_LIMIT:
            until, reason = _suspension(now, n)
            AccountStanding.objects.update_or_create(
                user_id=user_id, defaults={"suspended_until": until, "suspension_reason": reason}
            )
    return count


def _suspension(now: dt.datetime, n: int) -> tuple[dt.datetime, str]:
    reason = _("%(days)s 天内预约未到 %(n)s 次") % {"days": settings.NO_SHOW_WINDOW_DAYS, "n": n}
    return now + dt.timedelta(days=settings.NO_SHOW_SUSPENSION_DAYS), reason


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
    nothing is drawn from any slot; its start and end are the visit's own.
    """
    now = now or timezone.now()
    if not matters:
        raise InvalidBooking(_("请至少选择一个事项。"), field="matters")
    person, _created = Person.objects.get_or_create(id_hash=person_hash(applicant.id_number))
    minutes = minutes_for(matters)
    appointment = create_appointment(
        centre=centre,
        plan=(),
        span=(now, now + dt.timedelta(minutes=minutes)),
        minutes=minutes,
        booked_by=registered_by,
        applicant=applicant,
        person=person,
        matters=matters,
        situation_codes=situation_codes,
    )
    appointment.status, appointment.checked_in_at = AppointmentStatus.CHECKED_IN, now
    appointment.save(update_fields=["status", "checked_in_at"])
    return appointment
