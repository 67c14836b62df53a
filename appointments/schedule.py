"""When a centre is open and which slot starts it offers on a day.

Public holidays and adjusted working days (调休) come from the year's
HolidayCalendar (seeded from chinese-calendar, kept by a provincial
administrator); a centre's own CalendarOverride for a date wins over both.
A day of a year whose calendar is not confirmed is never open nor a working day.
"""

from __future__ import annotations

import datetime as dt
from enum import Enum

from django.conf import settings
from django.core.cache import cache
from django.db.models import FilteredRelation, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from appointments.exceptions import InvalidBooking
from centres.constants import OverrideKind
from centres.models import HolidayCalendar, HolidayCalendarDay, HolidayDayKind, ServiceCentre


class DayKind(Enum):
    NORMAL = "normal"
    HOLIDAY = "holiday"  # a statutory holiday: closed
    ADJUSTED_WORKDAY = "adjusted_workday"  # a weekend day worked in exchange (调休)
    UNCONFIRMED = "unconfirmed"  # the year's holiday calendar is not confirmed: closed


UNCONFIRMED_YEAR = "unconfirmed"


def _cache_key(year: int) -> str:
    return f"holiday-calendar:{year}"


def forget_calendar(year: int) -> None:
    """Drop a year's cached calendar (after an administrator edits it)."""
    cache.delete(_cache_key(year))


def year_days(year: int) -> dict[str, str] | None:
    """ISO date -> HolidayDayKind of a confirmed year's calendar; None when not confirmed."""
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
    return None if days == UNCONFIRMED_YEAR else days


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
    # centre_for_day has read the one override of its day already (or found none).
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


def last_bookable_day(centre: ServiceCentre, now: dt.datetime) -> dt.date:
    return timezone.localdate(now) + dt.timedelta(days=centre.booking_horizon_days)


def day_is_past_cutoff(centre: ServiceCentre, day: dt.date, now: dt.datetime) -> bool:
    local = timezone.localtime(now)
    return day == local.date() and local.time() > centre.same_day_cutoff


def bookable_starts(centre: ServiceCentre, day: dt.date, now: dt.datetime) -> list[dt.datetime]:
    """The slot starts of a day that the rules still allow booking (capacity aside)."""
    if day < timezone.localdate(now) or day > last_bookable_day(centre, now):
        return []
    if day_is_past_cutoff(centre, day, now):
        return []
    return [s for s in slot_starts(centre, day) if s > now]


def bookable_days(centre: ServiceCentre, now: dt.datetime) -> list[dt.date]:
    today = timezone.localdate(now)
    days = (today + dt.timedelta(days=n) for n in range(centre.booking_horizon_days + 1))
    return [day for day in days if bookable_starts(centre, day, now)]


def aware(start: dt.datetime) -> dt.datetime:
    """A time without an offset is read as the centre's time (Asia/Shanghai)."""
    return timezone.make_aware(start) if timezone.is_naive(start) else start


def check_start(centre: ServiceCentre, start: dt.datetime, now: dt.datetime) -> None:
    """Raise InvalidBooking with the reason a start cannot be booked, if it cannot."""
    start = aware(start)
    local = timezone.localtime(start)
    day = local.date()
    if start <= now:
        raise InvalidBooking(_("不能预约已经过去的时间。"), field="start")
    if day > last_bookable_day(centre, now):
        raise InvalidBooking(
            _("只能预约 %(days)s 天以内的时段。") % {"days": centre.booking_horizon_days},
            field="start",
        )
    if not year_confirmed(day.year):
        raise InvalidBooking(
            _("%(year)s 年的节假日安排尚未确认，暂不能预约该年的日期。") % {"year": day.year},
            field="start",
        )
    ranges = opening_ranges(centre, day)
    if not ranges:
        raise InvalidBooking(
            _("%(day)s 该中心不开放（节假日或闭馆）。") % {"day": day}, field="start"
        )
    if not any(begin <= local.time() < end for begin, end in ranges):
        raise InvalidBooking(_("所选时间不在该中心的开放时间内。"), field="start")
    if start not in slot_starts(centre, day):
        raise InvalidBooking(
            _("预约时间须是时段的开始时间（每 %(m)s 分钟一个时段）。") % {"m": centre.slot_minutes},
            field="start",
        )
    if day_is_past_cutoff(centre, day, now):
        raise InvalidBooking(
            _("当天的预约已于 %(t)s 截止，请预约其他日期。")
            % {"t": centre.same_day_cutoff.strftime("%H:%M")},
            field="start",
        )


def centre_with_calendar(centre_id: int) -> ServiceCentre:
    """The centre with its sessions and overrides prefetched for the functions above."""
    return (
        ServiceCentre.objects.prefetch_related("sessions", "overrides")
        .select_related("county__city")
        .get(pk=centre_id)
    )


def centre_for_day(
    centre_id: int,
    day: dt.date,
    *,
    related: bool = False,
    start: dt.datetime | None = None,
    **annotations,
) -> ServiceCentre:
    """The centre with its sessions and just this day's override: two queries, not three.

    The override comes in the centre's own query (a join on the day's row, of
    which there is at most one); the other functions here use it for ``day``
    and read ``overrides`` as usual for any other day. ``related``: with the
    county and city, for answers that name them. ``annotations``: more values
    for the same query. ``start``: with the slot row at that start, if it exists
    (``start_slot``, for ``capacity.draw``).
    """
    qs = (
        ServiceCentre.objects.annotate(
            day_override=FilteredRelation("overrides", condition=Q(overrides__date=day))
        )
        .select_related("day_override")
        .prefetch_related("sessions")
    )
    if annotations:
        qs = qs.annotate(**annotations)
    if related:
        qs = qs.select_related("county__city")
    if start is not None:
        qs = qs.annotate(
            start_slot=FilteredRelation("slots", condition=Q(slots__start=start))
        ).select_related("start_slot")
    centre = qs.get(pk=centre_id)
    centre.calendar_day = day
    if start is not None:
        # Django sets no attribute for a missing reverse row.
        centre.slot_at = (start, getattr(centre, "start_slot", None))
    return centre
