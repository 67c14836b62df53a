"""Cities, counties, centres with their counters and weekly hours, and slots."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.db.models.functions import TruncDate
from django.utils import timezone

from appointments.models import Slot
from centres import calendar
from centres.models import City, County, OpeningSession, ServiceCentre
from portal.scale import bulk

CITIES = [
    "南京",
    "无锡",
    "徐州",
    "常州",
    "苏州",
    "南通",
    "连云港",
    "淮安",
    "盐城",
    "扬州",
    "镇江",
    "泰州",
    "宿迁",
]
COUNTIES_PER_CITY = 8
CODE_PREFIX = "SIM"
# Counters per centre as seen across a province: most towns have 3 or 4, a few
# big street centres in city districts ten or more.
COUNTERS = (2, 3, 3, 3, 4, 4, 4, 5, 6, 8, 3, 4, 12)
MORNING, AFTERNOON = (dt.time(9), dt.time(12)), (dt.time(13, 30), dt.time(17))
# Some centres keep summer hours, and some open on Saturday mornings.
SUMMER = ((dt.time(8, 30), dt.time(12)), (dt.time(14), dt.time(17, 30)))


def centre_code(n: int) -> str:
    return f"{CODE_PREFIX}{n:05d}"


def sessions_of(n: int) -> list[tuple[int, dt.time, dt.time]]:
    day = SUMMER if n % 5 == 0 else (MORNING, AFTERNOON)
    rows = [(weekday, start, end) for weekday in range(5) for start, end in day]
    if n % 7 == 0:
        rows.append((5, *MORNING))
    return rows


def sim_centres():
    return ServiceCentre.objects.filter(code__startswith=CODE_PREFIX)


def seed_places(centres: int, say: Callable[[str], None]) -> int:
    """The 13 cities, 8 counties each, and ``centres`` centres with hours; returns centres added."""
    cities = [
        City.objects.get_or_create(code=f"39{n:02d}00", defaults={"name": f"{name}市（模拟）"})[0]
        for n, name in enumerate(CITIES, start=1)
    ]
    counties = [
        County.objects.get_or_create(
            code=f"39{c:02d}{k:02d}",
            defaults={"city": cities[c - 1], "name": f"第{k}区（模拟）"},
        )[0]
        for c in range(1, len(cities) + 1)
        for k in range(1, COUNTIES_PER_CITY + 1)
    ]
    existing = set(sim_centres().values_list("code", flat=True))
    new = [
        ServiceCentre(
            county=counties[n % len(counties)],
            code=centre_code(n),
            name=f"模拟第{n}便民服务中心",
            address=f"{counties[n % len(counties)]}模拟路{n}号",
            phone=f"025-{80000000 + n}",
            counters=COUNTERS[n % len(COUNTERS)],
        )
        for n in range(1, centres + 1)
        if centre_code(n) not in existing
    ]
    ServiceCentre.objects.bulk_create(new, batch_size=1000)
    made = {c.code: c.pk for c in sim_centres().filter(code__in=[c.code for c in new])}
    bulk.insert(
        OpeningSession,
        ("centre_id", "weekday", "start", "end"),
        (
            (made[centre_code(n)], weekday, start, end)
            for n in range(1, centres + 1)
            if centre_code(n) in made
            for weekday, start, end in sessions_of(n)
        ),
    )
    say(f"centres: {len(new)} added, {len(existing) + len(new)} in all")
    return len(new)


def window(days: int, past_days: int) -> tuple[dt.date, dt.date]:
    """The first and last day that have slots."""
    today = timezone.localdate()
    first = today - dt.timedelta(days=past_days)
    return first, first + dt.timedelta(days=days - 1)


def seed_slots(days: int, past_days: int, say: Callable[[str], None]) -> int:
    if days <= 0:
        return 0
    first, last = window(days, past_days)
    tz = timezone.get_current_timezone()
    # A centre's day is made whole in one transaction, so a day with any slot has them all.
    existing = set(
        Slot.objects.filter(
            centre__code__startswith=CODE_PREFIX,
            start__gte=dt.datetime.combine(first, dt.time.min, tzinfo=tz),
            start__lt=dt.datetime.combine(last + dt.timedelta(days=1), dt.time.min, tzinfo=tz),
        )
        .annotate(day=TruncDate("start", tzinfo=tz))
        .values_list("centre_id", "day")
        .distinct()
    )
    # Fetched before the COPY starts: the connection runs nothing else meanwhile.
    centres = list(sim_centres().prefetch_related("sessions", "overrides"))

    def rows():
        for centre in centres:
            step = dt.timedelta(minutes=centre.slot_minutes)
            for offset in range((last - first).days + 1):
                day = first + dt.timedelta(days=offset)
                if (centre.pk, day) in existing:
                    continue
                for start in calendar.slot_starts(centre, day):
                    yield (
                        centre.pk,
                        start,
                        start + step,
                        centre.online_minutes_per_slot,
                        0,
                        centre.batch_minutes_per_slot,
                        0,
                    )

    added = bulk.insert(
        Slot,
        (
            "centre_id",
            "start",
            "end",
            "capacity_minutes",
            "booked_minutes",
            "batch_capacity_minutes",
            "batch_minutes",
        ),
        rows(),
    )
    say(f"slots: {added} added for {first} to {last}")
    return added
