"""What a centre's public page shows: this week's hours, the next open day, map links."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from urllib.parse import quote, urlencode

from django.utils import timezone
from django.utils.translation import gettext as _

from centres import calendar
from centres.models import ServiceCentre

HOTLINE = "12345"
# How far ahead to look for the next open day: past the longest holiday (Spring Festival).
LOOKAHEAD_DAYS = 30


@dataclass(frozen=True)
class OpeningDay:
    day: dt.date
    ranges: list[tuple[dt.time, dt.time]]
    note: str  # why the day differs from the weekly hours, if it does
    today: bool


def _note(centre: ServiceCentre, day: dt.date, ranges) -> str:
    kind = calendar.day_kind(day)
    if kind is calendar.DayKind.UNCONFIRMED:
        return _("节假日安排尚未公布")
    if any(o.date == day for o in centre.overrides.all()):
        return _("特殊安排") if ranges else _("暂停开放")
    if kind is calendar.DayKind.HOLIDAY:
        return _("法定节假日休息")
    if kind is calendar.DayKind.ADJUSTED_WORKDAY:
        return _("调休上班")
    return ""


def week(centre: ServiceCentre, today: dt.date) -> list[OpeningDay]:
    """Monday to Sunday of the week holding ``today``, holidays and 调休 applied."""
    monday = today - dt.timedelta(days=today.weekday())
    days = []
    for n in range(7):
        day = monday + dt.timedelta(days=n)
        ranges = calendar.opening_ranges(centre, day)
        days.append(OpeningDay(day, ranges, _note(centre, day, ranges), day == today))
    return days


def next_open(centre: ServiceCentre, now: dt.datetime) -> tuple[dt.date, dt.time] | None:
    """The next day and time the centre opens (or is open now): None within the look-ahead."""
    local = timezone.localtime(now)
    for n in range(LOOKAHEAD_DAYS + 1):
        day = local.date() + dt.timedelta(days=n)
        for start, end in calendar.opening_ranges(centre, day):
            if n > 0 or end > local.time():
                return day, start
    return None


def open_now(centre: ServiceCentre, now: dt.datetime) -> bool:
    local = timezone.localtime(now)
    return any(
        start <= local.time() < end for start, end in calendar.opening_ranges(centre, local.date())
    )


def tel_href(phone: str) -> str:
    """A tel: link target: digits, and a leading + or extension comma only."""
    kept = "".join(c for c in phone if c.isdigit() or c in "+,")
    return f"tel:{kept}" if kept else ""


def map_links(centre: ServiceCentre) -> list[tuple[str, str]]:
    """Plain links to the map apps' public web addresses, which open the app on a phone.

    Only links: no map script, tile or key is loaded by the page.
    """
    place = f"{centre.county.city.name}{centre.county.name}{centre.address}"
    return [
        (_("高德地图"), "https://uri.amap.com/search?" + urlencode({"keyword": place})),
        (
            _("百度地图"),
            "https://api.map.baidu.com/geocoder?"
            + urlencode({"address": place, "output": "html", "src": "jiangsu.bmfw"}),
        ),
        (
            _("腾讯地图"),
            "https://apis.map.qq.com/uri/v1/search?"
            + urlencode({"keyword": place, "referer": "jiangsu.bmfw"}),
        ),
        (_("苹果地图"), "https://maps.apple.com/?q=" + quote(place)),
    ]
