"""Keeping the daily figures (dashboards.models) in step with appointments, cases and ratings.

The worker refreshes the days that changed every few minutes
(``refresh_recent``); ``manage.py rebuild_dashboard_figures`` recomputes any
span of days. A day is always recomputed whole, from the live rows, in one
transaction, so the figures of a day are either the old ones or the new ones.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db import connection, transaction
from django.db.models import Count, F, Max, Min, Q, Sum
from django.db.models.functions import ExtractHour, TruncDate
from django.utils import timezone

from appointments.models import Appointment
from casework.constants import CaseStatus, QueueStatus
from casework.models import Case, QueueTicket
from dashboards import grouped, rollups
from dashboards.expressions import (
    APPOINTMENT_FILTERS,
    AT_COUNTER,
    CLOSING,
    COMPLETED,
    WAITING,
    matter_share,
    seconds_between,
)
from dashboards.grouped import Grouped
from dashboards.models import DailyCentreFigures, DailyCounterLoad, DailyMatterFigures
from dashboards.scope import CHINA
from ratings.models import Rating

# How far back the worker looks for changed rows; a few runs overlap, so a missed run loses nothing.
LOOK_BACK = dt.timedelta(minutes=30)


def _bounds(first: dt.date, last: dt.date) -> tuple[dt.datetime, dt.datetime]:
    return (
        dt.datetime.combine(first, dt.time.min, tzinfo=CHINA),
        dt.datetime.combine(last + dt.timedelta(days=1), dt.time.min, tzinfo=CHINA),
    )


def _day(field: str) -> TruncDate:
    return TruncDate(field, tzinfo=CHINA)


def _centre_rows(first: dt.date, last: dt.date) -> list[Grouped]:
    """A centre's day from its appointments, cases and ratings: a row where any of them is."""
    start, end = _bounds(first, last)
    return [
        Grouped(
            Appointment.objects.filter(start__gte=start, start__lt=end),
            keys={"centre_id": F("centre"), "day": _day("start")},
            sums={key: Count("pk", filter=f) for key, f in APPOINTMENT_FILTERS.items()},
        ),
        Grouped(
            Case.objects.filter(scanned_at__gte=start, scanned_at__lt=end),
            keys={"centre_id": F("centre"), "day": _day("scanned_at")},
            sums={
                "cases": Count("pk"),
                **{status: Count("pk", filter=Q(status=status)) for status in CaseStatus.values},
                "done": Count("pk", filter=COMPLETED),
                "closing_seconds": Sum(CLOSING, filter=COMPLETED),
                "wait_seconds": Sum(WAITING),
                "waited": Count(WAITING),
                "counter_seconds": Sum(AT_COUNTER),
                "countered": Count(AT_COUNTER),
            },
        ),
        Grouped(
            Rating.objects.filter(created_at__gte=start, created_at__lt=end),
            keys={"centre_id": F("case__centre"), "day": _day("created_at")},
            sums={
                "ratings": Count("pk"),
                "score_sum": Sum("score"),
                "low": Count("pk", filter=Q(score__lte=2)),
            },
        ),
    ]


def _matter_rows(first: dt.date, last: dt.date) -> list[Grouped]:
    start, end = _bounds(first, last)
    return [
        Grouped(
            Case.objects.filter(
                scanned_at__gte=start, scanned_at__lt=end, appointment__matters__isnull=False
            ),
            keys={
                "day": _day("scanned_at"),
                "status": F("status"),
                "centre_id": F("centre"),
                "matter_id": F("appointment__matters__matter"),
            },
            sums={
                "cases": Count("pk"),
                "done": Count("pk", filter=COMPLETED),
                "wait_seconds": Sum(WAITING, filter=COMPLETED),
                "waited": Count(WAITING, filter=COMPLETED),
                "counter_seconds": Sum(matter_share(AT_COUNTER), filter=COMPLETED),
                "countered": Count(matter_share(AT_COUNTER), filter=COMPLETED),
                "closing_seconds": Sum(matter_share(CLOSING), filter=COMPLETED),
                "closed": Count(matter_share(CLOSING), filter=COMPLETED),
            },
        )
    ]


def _load_rows(first: dt.date, last: dt.date) -> list[Grouped]:
    wait = seconds_between("called_at", "created_at")
    return [
        Grouped(
            QueueTicket.objects.filter(
                status__in=(QueueStatus.CALLED, QueueStatus.SERVED),
                called_at__isnull=False,
                date__gte=first,
                date__lte=last,
            ),
            keys={
                "hour": ExtractHour("called_at", tzinfo=CHINA),
                "counter": F("counter"),
                "centre_id": F("centre"),
                "day": F("date"),
            },
            sums={"calls": Count("pk"), "wait_seconds": Sum(wait), "waited": Count(wait)},
        )
    ]


@transaction.atomic
def rebuild(first: dt.date, last: dt.date) -> int:
    """Recompute the figures of every day from ``first`` to ``last``, and the rollups that
    hold them; return the rows written.

    The database groups the live rows and writes the figures itself (grouped.insert):
    no row passes through Python.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            # The matters' shares are correlated subqueries the planner prices far above what
            # they cost, so it compiles each statement (seconds) to save milliseconds.
            cursor.execute("SET LOCAL jit = off")
    written = 0
    for model, build in (
        (DailyCentreFigures, _centre_rows),
        (DailyMatterFigures, _matter_rows),
        (DailyCounterLoad, _load_rows),
    ):
        model.objects.filter(day__gte=first, day__lte=last).delete()
        written += grouped.insert(model, *build(first, last))
    return written + rollups.rebuild(first, last)


def spans(days: Iterable[dt.date]) -> list[tuple[dt.date, dt.date]]:
    """Runs of consecutive days, so a week is recomputed in one go rather than seven."""
    result: list[list[dt.date]] = []
    for day in sorted(set(days)):
        if result and day - result[-1][1] == dt.timedelta(days=1):
            result[-1][1] = day
        else:
            result.append([day, day])
    return [(a, b) for a, b in result]


def refresh(days: Iterable[dt.date]) -> int:
    return sum(rebuild(first, last) for first, last in spans(days))


def changed_days(since: dt.datetime) -> set[dt.date]:
    """Days whose figures rows changed after ``since`` may have moved.

    A case counts on the day of its arrival however late it closes, and an
    appointment on the day of its start however early it was booked or
    cancelled; ratings, queue tickets and no-shows fall on the present day.
    """
    today = timezone.localdate(timezone.now(), CHINA)
    days = {today, today - dt.timedelta(days=1)}
    touched = (
        Q(scanned_at__gte=since)
        | Q(accepted_at__gte=since)
        | Q(complete_at__gte=since)
        | Q(closed_at__gte=since)
    )
    days |= set(
        Case.objects.filter(touched)
        .annotate(day=TruncDate("scanned_at", tzinfo=CHINA))
        .values_list("day", flat=True)
        .distinct()
    )
    booked = Q(created_at__gte=since) | Q(cancelled_at__gte=since) | Q(checked_in_at__gte=since)
    days |= set(
        Appointment.objects.filter(booked)
        .annotate(day=TruncDate("start", tzinfo=CHINA))
        .values_list("day", flat=True)
        .distinct()
    )
    return days


def refresh_recent() -> int:
    """The worker's job: recompute the days that changed lately."""
    return refresh(changed_days(timezone.now() - LOOK_BACK))


def data_span() -> tuple[dt.date, dt.date] | None:
    """The first and last day that any appointment, case or rating falls on."""
    found = []
    for model, field in ((Appointment, "start"), (Case, "scanned_at"), (Rating, "created_at")):
        span = model.objects.aggregate(first=Min(field), last=Max(field))
        if span["first"] is not None:
            found += [span["first"], span["last"]]
    if not found:
        return None
    return (
        timezone.localdate(min(found), CHINA),
        timezone.localdate(max(found), CHINA),
    )
