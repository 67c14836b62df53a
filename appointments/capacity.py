"""Counter-minutes across consecutive slots: what is free, and drawing or giving it back.

A booking of M counter-minutes that starts at T draws them from the slot at T
and, where they do not fit there, from the following slots of the same
opening session, as several counters working in parallel or one after another
would. Each draw is a ``SlotDraw`` row, so a slot's booked minutes always
equal the minutes its appointments draw from it.

Locks and guarded updates are always taken in slot-start order, so two
overlapping multi-slot bookings can neither overbook nor deadlock; the
``CHECK`` constraints on ``Slot`` are the last line of defence.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.db.models import Case, F, Value, When
from django.utils import timezone

from appointments import schedule
from appointments.exceptions import SlotFull
from appointments.models import Appointment, Slot, SlotDraw
from centres import calendar
from centres.models import ServiceCentre


@dataclass(frozen=True)
class StartOption:
    """One start time of a day, and what a booking of some minutes would get there."""

    slot: Slot
    available: bool  # the whole booking can start here and end within the session
    full: bool  # the slot at this start has no minute left for this kind of booking
    end: dt.datetime | None  # when the booking would end, where it is available
    room: int  # counter-minutes free from this start to the end of its session


def free_minutes(slot: Slot, *, batch: bool) -> int:
    """Minutes of a slot still open to a resident's booking or, with ``batch``, to a batch."""
    free = slot.capacity_minutes - slot.booked_minutes
    if batch:
        free = min(free, slot.batch_capacity_minutes - slot.batch_minutes)
    return max(free, 0)


def ensure_slots(centre: ServiceCentre, starts: Sequence[dt.datetime]) -> dict[dt.datetime, Slot]:
    """The Slot rows of these starts, made on first use with the centre's capacity."""
    found = {slot.start: slot for slot in Slot.objects.filter(centre=centre, start__in=starts)}
    if len(found) == len(set(starts)):
        return found  # the common case: one read, no write
    step = dt.timedelta(minutes=centre.slot_minutes)
    Slot.objects.bulk_create(
        [
            Slot(
                centre=centre,
                start=s,
                end=s + step,
                capacity_minutes=centre.online_minutes_per_slot,
                batch_capacity_minutes=centre.batch_minutes_per_slot,
            )
            for s in starts
        ],
        ignore_conflicts=True,
    )
    return {slot.start: slot for slot in Slot.objects.filter(centre=centre, start__in=starts)}


def day_options(
    *,
    centre: ServiceCentre,
    day: dt.date,
    minutes: int,
    batch: bool = False,
    now: dt.datetime | None = None,
) -> list[StartOption]:
    """Every bookable start of a day, with whether ``minutes`` fit from there."""
    now = now or timezone.now()
    allowed = set(schedule.bookable_starts(centre, day, now))
    sessions = [
        [s for s in session if s in allowed] for session in calendar.session_starts(centre, day)
    ]
    slots = ensure_slots(centre, [s for session in sessions for s in session])
    options = []
    for session in sessions:
        rows = [slots[s] for s in session]
        room = sum(free_minutes(slot, batch=batch) for slot in rows)
        for i, slot in enumerate(rows):
            plan = _plan(rows[i:], minutes, batch=batch)
            full = free_minutes(slot, batch=batch) == 0
            options.append(
                StartOption(
                    slot=slot,
                    available=plan is not None and not full,
                    full=full,
                    end=plan[-1][0].end if plan else None,
                    room=room,
                )
            )
            room -= free_minutes(slot, batch=batch)
    return options


def _plan(rows: Sequence[Slot], minutes: int, *, batch: bool) -> list[tuple[Slot, int]] | None:
    """Draw greedily from the first slot on; None when the session cannot hold it all."""
    plan = []
    remaining = minutes
    for slot in rows:
        if remaining <= 0:
            break
        take = min(free_minutes(slot, batch=batch), remaining)
        if take:
            plan.append((slot, take))
            remaining -= take
    return plan if remaining <= 0 and plan else None


def window(centre: ServiceCentre, start: dt.datetime) -> list[dt.datetime]:
    """The slot starts from ``start`` to the end of its opening session."""
    local = timezone.localtime(start)
    for session in calendar.session_starts(centre, local.date()):
        if start in session:
            return session[session.index(start) :]
    return []


def _take(slot: Slot, minutes: int, *, batch: bool, guard: Sequence = ()) -> bool:
    """One guarded UPDATE: the minutes, or nothing (also when a ``guard`` condition fails)."""
    room = {"booked_minutes__lte": F("capacity_minutes") - minutes}
    change = {"booked_minutes": F("booked_minutes") + minutes}
    if batch:
        room["batch_minutes__lte"] = F("batch_capacity_minutes") - minutes
        change["batch_minutes"] = F("batch_minutes") + minutes
    return bool(Slot.objects.filter(*guard, pk=slot.pk, **room).update(**change))


def _take_all(plan: Sequence[tuple[Slot, int]], *, batch: bool, guard: Sequence = ()) -> bool:
    """The minutes of a plan over several slots in one UPDATE, all of them or none.

    The slots are locked (``_locked``), so only a ``guard`` condition can refuse
    now; the row count tells. The ``CHECK`` constraints stay the last line of defence.
    """
    if len(plan) == 1:
        return _take(plan[0][0], plan[0][1], batch=batch, guard=guard)
    minutes = Case(*(When(pk=slot.pk, then=Value(m)) for slot, m in plan))
    change = {"booked_minutes": F("booked_minutes") + minutes}
    if batch:
        change["batch_minutes"] = F("batch_minutes") + minutes
    ids = [slot.pk for slot, _m in plan]
    return Slot.objects.filter(*guard, pk__in=ids).update(**change) == len(ids)


def _give(slot_id: int, minutes: int, *, batch: bool) -> None:
    change = {"booked_minutes": F("booked_minutes") - minutes}
    if batch:
        change["batch_minutes"] = F("batch_minutes") - minutes
    Slot.objects.filter(pk=slot_id).update(**change)


def _locked(centre: ServiceCentre, starts: Sequence[dt.datetime]) -> list[Slot]:
    """The slots of these starts, made if missing, locked in start order by one SELECT."""
    rows = Slot.objects.select_for_update().filter(centre=centre, start__in=starts)
    slots = list(rows.order_by("start"))
    if len(slots) < len(starts):
        ensure_slots(centre, starts)
        slots = list(rows.order_by("start"))
    return slots


def draw(
    *,
    centre: ServiceCentre,
    start: dt.datetime,
    minutes: int,
    batch: bool,
    begins: bool = True,
    guard: Sequence = (),
) -> list[tuple[Slot, int]]:
    """Reserve ``minutes`` from ``start`` on, slot by slot in start order, or raise SlotFull.

    Where the centre was read with the slot at the start (``schedule.centre_for_day``)
    and the booking fits there, it costs one guarded UPDATE. Otherwise the
    slots from the start to the end of its session are locked in start order
    with one SELECT, the minutes are planned from them, and one UPDATE takes
    them all. A new booking ``begins`` at ``start``, so that slot must have
    room; more minutes for an existing one may come from later slots only.
    ``guard``: more conditions of the UPDATE (``checks.limits_guard``); when
    one fails, SlotFull too, and the caller asks why. Call inside a
    transaction: a refusal rolls every draw back.
    """
    starts = window(centre, start)
    if not starts:
        raise SlotFull()
    known_start, first = getattr(centre, "slot_at", (None, None))
    if (
        first is not None
        and known_start == starts[0]
        and free_minutes(first, batch=batch) >= minutes
        and _take(first, minutes, batch=batch, guard=guard)
    ):
        return [(first, minutes)]
    slots = _locked(centre, starts)
    if begins and free_minutes(slots[0], batch=batch) == 0:
        raise SlotFull()
    plan = _plan(slots, minutes, batch=batch)
    if plan is None or not _take_all(plan, batch=batch, guard=guard):
        raise SlotFull()
    return plan


def record(appointment: Appointment, plan: Iterable[tuple[Slot, int]]) -> None:
    """Write the draws of a new appointment (its minutes per slot)."""
    SlotDraw.objects.bulk_create(
        [SlotDraw(appointment=appointment, slot=slot, minutes=m) for slot, m in plan]
    )


def give_back(appointment: Appointment) -> None:
    """Return every minute an appointment draws, in slot-start order, and forget the draws."""
    batch = appointment.is_batch
    draws = list(appointment.draws.order_by("slot__start").values_list("slot_id", "minutes"))
    for slot_id, minutes in draws:
        _give(slot_id, minutes, batch=batch)
    appointment.draws.all().delete()


def lock_window(appointment: Appointment, extra_starts: Sequence[dt.datetime] = ()) -> None:
    """Lock the slots an appointment draws from (and more), in start order, before changing it."""
    ids = set(appointment.draws.values_list("slot_id", flat=True))
    if extra_starts:
        ids |= set(
            Slot.objects.filter(
                centre_id=appointment.centre_id, start__in=extra_starts
            ).values_list("pk", flat=True)
        )
    list(Slot.objects.select_for_update().filter(pk__in=ids).order_by("start").values("pk"))


def draw_more(*, appointment: Appointment, minutes: int) -> None:
    """Add minutes to an appointment from its own start on (more employees in a batch)."""
    centre = calendar.centre_with_calendar(appointment.centre_id)
    starts = window(centre, appointment.start)
    ensure_slots(centre, starts)
    lock_window(appointment, starts)
    plan = draw(
        centre=centre,
        start=appointment.start,
        minutes=minutes,
        batch=appointment.is_batch,
        begins=False,
    )
    for slot, m in plan:
        updated = SlotDraw.objects.filter(appointment=appointment, slot=slot).update(
            minutes=F("minutes") + m
        )
        if not updated:
            SlotDraw.objects.create(appointment=appointment, slot=slot, minutes=m)


def give_back_some(*, appointment: Appointment, minutes: int) -> None:
    """Return minutes of an appointment from its last slots first (an employee taken off)."""
    lock_window(appointment)
    remaining = minutes
    for d in appointment.draws.select_related("slot").order_by("-slot__start"):
        if remaining <= 0:
            break
        back = min(d.minutes, remaining)
        _give(d.slot_id, back, batch=appointment.is_batch)
        if back == d.minutes:
            d.delete()
        else:
            SlotDraw.objects.filter(pk=d.pk).update(minutes=F("minutes") - back)
        remaining -= back


def span(appointment: Appointment) -> tuple[Slot, dt.datetime]:
    """The first slot and the expected end of an appointment, from its draws."""
    draws = list(appointment.draws.select_related("slot").order_by("slot__start"))
    return draws[0].slot, draws[-1].slot.end
