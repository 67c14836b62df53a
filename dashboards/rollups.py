"""The rollups (county days, county months) summed from the daily figures, and reading them.

A province's or a city's year would read a row per centre and day, some
400,000 of them per table; the rollups hold the same sums per county, and for
the matters and the counter load per calendar month too. Wide scopes
(province, city) read them: the days of a whole month from the monthly rows,
the days before the first and after the last whole month from the daily
rows, so the figures are exactly those of the daily rows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db.models import F, Q, Sum
from django.db.models.functions import TruncMonth

from dashboards import grouped
from dashboards.grouped import Grouped
from dashboards.models import (
    DailyCentreFigures,
    DailyCounterLoad,
    DailyCountyFigures,
    DailyMatterFigures,
    MonthlyCounterLoad,
    MonthlyCountyFigures,
    MonthlyMatterFigures,
)


def _sums(model, *grouping: str) -> list[str]:
    keys = {"id", *grouping}
    return [f.attname for f in model._meta.concrete_fields if f.attname not in keys]


CENTRE_SUMS = _sums(DailyCentreFigures, "centre_id", "day")
MATTER_SUMS = _sums(DailyMatterFigures, "centre_id", "day", "matter_id", "status")
LOAD_SUMS = _sums(DailyCounterLoad, "centre_id", "day", "hour", "counter")


def month_of(day: dt.date) -> dt.date:
    return day.replace(day=1)


def next_month(day: dt.date) -> dt.date:
    return (day.replace(day=1) + dt.timedelta(days=32)).replace(day=1)


def split(first: dt.date, last: dt.date) -> tuple[tuple[dt.date, dt.date] | None, list]:
    """The whole months within ``first``–``last`` (first days of the first and last), and the
    spans of days left before and after them."""
    start = first if first.day == 1 else next_month(first)
    end = next_month(last) if next_month(last) - dt.timedelta(days=1) == last else month_of(last)
    if start >= end:
        return None, [(first, last)]
    edges = []
    if first < start:
        edges.append((first, start - dt.timedelta(days=1)))
    if end <= last:
        edges.append((end, last))
    return (start, end - dt.timedelta(days=1)), edges


def across(period, keys: tuple[str, ...], whole_months, days) -> list[dict]:
    """Rows summed over a period: ``whole_months(first, last)`` gives the grouped rows of the
    whole months (first days of the first and last), ``days(q)`` those of the days matching
    ``q`` around them; the rows of both are added up per ``keys``."""
    months, edges = split(period.first, period.last)
    found = []
    if months:
        found.append(whole_months(*months))
    if edges:
        found.append(days(in_days(edges)))
    return merged(keys, *found)


def in_days(spans: Iterable[tuple[dt.date, dt.date]], field: str = "day") -> Q:
    q = Q(pk__in=[])
    for first, last in spans:
        q |= Q(**{f"{field}__gte": first, f"{field}__lte": last})
    return q


def merged(keys: tuple[str, ...], *found: Iterable[dict]) -> list[dict]:
    """Rows of several grouped queries with the same keys, their other values summed."""
    rows: dict[tuple, dict] = {}
    for source in found:
        for row in source:
            key = tuple(row[k] for k in keys)
            if key not in rows:
                rows[key] = dict(row)
                continue
            target = rows[key]
            for name, value in row.items():
                if name not in keys:
                    target[name] = (target[name] or 0) + (value or 0)
    return list(rows.values())


# ---------------------------------------------------------------- keeping them


def rebuild(first: dt.date, last: dt.date) -> int:
    """Recompute the county days from ``first`` to ``last`` and the months that hold them.

    Called inside the transaction that rewrote those daily rows (figures.rebuild); the
    database sums them and writes the sums itself (grouped.insert).
    """
    DailyCountyFigures.objects.filter(day__gte=first, day__lte=last).delete()
    days = {"day__gte": first, "day__lte": last}
    county_day = {"county_id": F("centre__county"), "day": F("day")}
    written = grouped.insert(
        DailyCountyFigures,
        Grouped(
            DailyCentreFigures.objects.filter(**days),
            keys=county_day,
            sums={name: Sum(name) for name in CENTRE_SUMS},
        ),
        # The county's counter calls, also on days without a centre's figures.
        Grouped(
            DailyCounterLoad.objects.filter(**days), keys=county_day, sums={"calls": Sum("calls")}
        ),
    )
    start, end = month_of(first), next_month(last) - dt.timedelta(days=1)
    for monthly, daily, county, grouping, sums in (
        (MonthlyCountyFigures, DailyCountyFigures, "county", (), CENTRE_SUMS),
        (
            MonthlyMatterFigures,
            DailyMatterFigures,
            "centre__county",
            ("matter_id", "status"),
            MATTER_SUMS,
        ),
        (MonthlyCounterLoad, DailyCounterLoad, "centre__county", ("hour",), LOAD_SUMS),
    ):
        monthly.objects.filter(month__gte=start, month__lte=end).delete()
        written += grouped.insert(
            monthly,
            Grouped(
                daily.objects.filter(day__gte=start, day__lte=end),
                keys={
                    **{name: F(name) for name in grouping},
                    "month": TruncMonth("day"),
                    "county_id": F(county),
                },
                sums={name: Sum(name) for name in sums},
            ),
        )
    return written
