"""Which starts of a centre's open days may be booked: the horizon, the same-day cut-off.

When a centre is open (sessions, holidays, overrides) is centres.calendar's.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import FilteredRelation, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from appointments.exceptions import InvalidBooking
from centres import calendar
from centres.models import ServiceCentre


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
    return [s for s in calendar.slot_starts(centre, day) if s > now]


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
    if not calendar.year_confirmed(day.year):
        raise InvalidBooking(
            _("%(year)s 年的节假日安排尚未确认，暂不能预约该年的日期。") % {"year": day.year},
            field="start",
        )
    ranges = calendar.opening_ranges(centre, day)
    if not ranges:
        raise InvalidBooking(
            _("%(day)s 该中心不开放（节假日或闭馆）。") % {"day": day}, field="start"
        )
    if not any(begin <= local.time() < end for begin, end in ranges):
        raise InvalidBooking(_("所选时间不在该中心的开放时间内。"), field="start")
    if start not in calendar.slot_starts(centre, day):
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


def centre_for_day(
    centre_id: int, day: dt.date, *, start: dt.datetime, related: bool = False, **annotations
) -> ServiceCentre:
    """calendar.centre_for_day, with the slot row at ``start`` if it exists: still two queries.

    The slot comes in the centre's own query (``slot_at``, for ``capacity.draw``).
    """
    qs = (
        calendar.centres_for_day(day, related=related)
        .annotate(
            **annotations,
            start_slot=FilteredRelation("slots", condition=Q(slots__start=start)),
        )
        .select_related("start_slot")
    )
    centre = calendar.read_for_day(qs.get(pk=centre_id), day)
    # Django sets no attribute for a missing reverse row.
    centre.slot_at = (start, getattr(centre, "start_slot", None))
    return centre
