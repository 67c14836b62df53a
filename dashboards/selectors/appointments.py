"""Appointments per day: booked, checked in, no-shows, cancelled."""

from __future__ import annotations

from django.db.models import Sum

from dashboards import rollups
from dashboards.expressions import APPOINTMENT_COUNTS
from dashboards.models import DailyCentreFigures, DailyCountyFigures, MonthlyCountyFigures
from dashboards.scope import Period, Scope


def days_of(scope: Scope, period: Period, model=DailyCentreFigures):
    """The daily rows of ``model`` for the scope's centres within the period.

    For the province or a city, the centres' figures come summed per county
    (DailyCountyFigures): the same sums in a twelfth of the rows.
    """
    if model is DailyCentreFigures and scope.wide:
        return DailyCountyFigures.objects.filter(
            scope.counties(), day__gte=period.first, day__lte=period.last
        )
    return model.objects.filter(scope.centres(), day__gte=period.first, day__lte=period.last)


def summed(scope: Scope, period: Period, keys: tuple[str, ...], summarise) -> list[dict]:
    """``summarise(rows)`` of the scope's centre figures over the period, per ``keys``.

    A wide scope reads the whole months from MonthlyCountyFigures and the days
    around them from DailyCountyFigures: a year is some 1,250 rows.
    """
    if not scope.wide:
        return summarise(days_of(scope, period))
    counties = scope.counties()
    return rollups.across(
        period,
        keys,
        lambda first, last: summarise(
            MonthlyCountyFigures.objects.filter(counties, month__gte=first, month__lte=last)
        ),
        lambda days: summarise(DailyCountyFigures.objects.filter(counties, days)),
    )


def appointments_per_day(scope: Scope, period: Period) -> list[dict]:
    """Per day of the appointment's start: booked (all), checked in, no-shows, cancelled."""
    rows = (
        days_of(scope, period)
        .values("day")
        .annotate(**{key: Sum(key) for key in APPOINTMENT_COUNTS})
        .order_by("day")
    )
    found = {row["day"]: row for row in rows}
    empty = dict.fromkeys(APPOINTMENT_COUNTS, 0)
    return [
        {"day": day, **{key: found.get(day, empty)[key] or 0 for key in APPOINTMENT_COUNTS}}
        for day in period.days()
    ]
