"""When a centre is open: its weekly sessions, the holiday calendar and its date overrides.

Public holidays and adjusted working days (调休) come from the year's
HolidayCalendar (seeded from chinese-calendar, kept by a provincial
administrator); a centre's own CalendarOverride for a date wins over both.
A day of a year whose calendar is not confirmed is never open nor a working day.
What may be booked of it (horizon, same-day cut-off) is appointments.schedule's.
"""

from __future__ import annotations

import datetime as dt
from enum import Enum
from time import monotonic

from django.conf import settings
from django.core.cache import cache
from django.db.models import FilteredRelation, Q
from django.utils import timezone

from centres.constants import OverrideKind
from centres.models import HolidayCalendar, HolidayCalendarDay, HolidayDayKind, ServiceCentre


class DayKind(Enum):
    NORMAL = "normal"
    HOLIDAY = "holiday"  # a statutory holiday: closed
    ADJUSTED_WORKDAY = "adjusted_workday"  # a weekend day worked in exchange (调休)
    UNCONFIRMED = "unconfirmed"  # the year's holiday calendar is not confirmed: closed


UNCONFIRMED_YEAR = "unconfirmed"


# A booking or a slot look-up asks about several days; each ask would be a
# round trip to the shared cache. This process keeps what the cache answered
# for a second: an administrator's edit reaches every process within a second.
LOCAL_SECONDS = 1.0
_local: dict[int, tuple[float, dict[str, str] | str]] = {}


def _cache_key(year: int) -> str:
    return f"holiday-calendar:{year}"


def forget_calendar(year: int) -> None:
    """Drop a year's cached calendar (after an administrator edits it)."""
    _local.pop(year, None)
    cache.delete(_cache_key(year))


def forget_local_copies() -> None:
    """Drop this process's copies (the shared cache was cleared)."""
    _local.clear()


def year_days(year: int) -> dict[str, str] | None:
    """ISO date -> HolidayDayKind of a confirmed year's calendar; None when not confirmed."""
    now = monotonic()
    held = _local.get(year)
    if held is not None and held[0] > now:
        days = held[1]
    else:
        days = _shared_year_days(year)
        _local[year] = (now + LOCAL_SECONDS, days)
    return None if days == UNCONFIRMED_YEAR else days


def _shared_year_days(year: int) -> dict[str, str] | str:
    key = _cache_key(year)
    days = cache.get(key)
    if days is None:
        if HolidayCalendar.objects.filter(year=year, confirmed=True).exists():
            rows = HolidayCalendarDay.objects.filter(calendar__year=year).values_list(
                "date", "kind"
            )
            days = {day.isoformat(): kind for day, kind in rows}
        else:
            days = UNCONFIRMED_YEAR
        cache.set(key, days, settings.CALENDAR_CACHE_SECONDS)
    return days


def year_confirmed(year: int) -> bool:
    return year_days(year) is not None


def day_kind(day: dt.date) -> DayKind:
    days = year_days(day.year)
    if days is None:
        # The State Council publishes next year's schedule each November;
        # until an administrator confirms it, nothing of that year is booked
        # or counted, rather than guessed from the weekdays.
        return DayKind.UNCONFIRMED
    kind = days.get(day.isoformat())
    if kind == HolidayDayKind.HOLIDAY:
        return DayKind.HOLIDAY
    if kind == HolidayDayKind.WORKDAY and day.weekday() >= 5:
        return DayKind.ADJUSTED_WORKDAY
    return DayKind.NORMAL


def is_workday(day: dt.date) -> bool:
    """An official working day: Monday to Friday except holidays, plus adjusted days."""
    kind = day_kind(day)
    return kind == DayKind.ADJUSTED_WORKDAY or (kind == DayKind.NORMAL and day.weekday() < 5)


def _sessions(centre: ServiceCentre, weekday: int) -> list[tuple[dt.time, dt.time]]:
    return [(s.start, s.end) for s in centre.sessions.all() if s.weekday == weekday]


def _workday_sessions(centre: ServiceCentre) -> list[tuple[dt.time, dt.time]]:
    # An adjusted working day or an extra opening uses the centre's first
    # weekday with hours (normally Monday's).
    for weekday in range(5):
        if sessions := _sessions(centre, weekday):
            return sessions
    return []


def _override(centre: ServiceCentre, day: dt.date):
    # A centre read for its day (read_for_day) has the one override of that day already.
    if getattr(centre, "calendar_day", None) == day:
        # The join found no row: Django sets no attribute for a missing reverse row.
        return getattr(centre, "day_override", None)
    return next((o for o in centre.overrides.all() if o.date == day), None)


def opening_ranges(centre: ServiceCentre, day: dt.date) -> list[tuple[dt.time, dt.time]]:
    kind = day_kind(day)
    if kind is DayKind.UNCONFIRMED:
        return []
    override = _override(centre, day)
    if override is not None:
        if override.kind == OverrideKind.CLOSED:
            return []
        if override.start and override.end:
            return [(override.start, override.end)]
        return _workday_sessions(centre)
    if kind is DayKind.HOLIDAY:
        return []
    if kind is DayKind.ADJUSTED_WORKDAY:
        return _sessions(centre, day.weekday()) or _workday_sessions(centre)
    return _sessions(centre, day.weekday())


def session_starts(centre: ServiceCentre, day: dt.date) -> list[list[dt.datetime]]:
    """The slot starts of a day, one list per opening session (a booking never spans two)."""
    tz = timezone.get_current_timezone()
    step = dt.timedelta(minutes=centre.slot_minutes)
    sessions = []
    for begin, end in opening_ranges(centre, day):
        t = dt.datetime.combine(day, begin, tzinfo=tz)
        close = dt.datetime.combine(day, end, tzinfo=tz)
        starts = []
        while t + step <= close:
            starts.append(t)
            t += step
        if starts:
            sessions.append(starts)
    return sessions


def slot_starts(centre: ServiceCentre, day: dt.date) -> list[dt.datetime]:
    return [start for session in session_starts(centre, day) for start in session]


def centre_with_calendar(centre_id: int) -> ServiceCentre:
    """The centre with its sessions and overrides prefetched for the functions above."""
    return (
        ServiceCentre.objects.prefetch_related("sessions", "overrides")
        .select_related("county__city")
        .get(pk=centre_id)
    )


def centres_for_day(day: dt.date, *, related: bool = False):
    """Centres with their sessions and just this day's override, joined in their own query.

    Of ``day``'s overrides there is at most one per centre; a centre read
    from here is passed to ``read_for_day`` before the functions above use it.
    ``related``: with the county and city, for answers that name them.
    """
    qs = (
        ServiceCentre.objects.annotate(
            day_override=FilteredRelation("overrides", condition=Q(overrides__date=day))
        )
        .select_related("day_override")
        .prefetch_related("sessions")
    )
    return qs.select_related("county__city") if related else qs


def read_for_day(centre: ServiceCentre, day: dt.date) -> ServiceCentre:
    """Mark a centre of ``centres_for_day(day)``: its joined override answers for ``day``.

    For any other day the functions above read ``overrides`` as usual.
    """
    centre.calendar_day = day
    return centre


def centre_for_day(
    centre_id: int, day: dt.date, *, related: bool = False, **annotations
) -> ServiceCentre:
    """The centre with its sessions and just this day's override: two queries, not three.

    ``annotations``: more values for the same query.
    """
    qs = centres_for_day(day, related=related)
    if annotations:
        qs = qs.annotate(**annotations)
    return read_for_day(qs.get(pk=centre_id), day)
