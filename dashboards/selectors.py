"""Reads for the dashboards: whose figures a user may see, and the figures themselves.

Every figure is grouped and counted in the database (values/annotate), so the
number of queries stays the same however many centres, appointments or cases
a scope holds. Days and hours are those of Asia/Shanghai, on SQLite and
PostgreSQL alike.
"""

from __future__ import annotations

from django.db.models import (
    Avg,
    Count,
    F,
    FloatField,
    Func,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce, ExtractHour, NullIf, TruncDate
from django.utils.translation import gettext as _

from appointments.constants import AppointmentStatus
from appointments.models import Appointment, AppointmentMatter, ServiceCentre
from casework.constants import CaseStatus, QueueStatus
from casework.models import Case, QueueTicket
from dashboards.scope import CHINA, HOURS, Period, Scope
from ratings.models import Rating

# ---------------------------------------------------------------- expressions


class EpochSeconds(Func):
    """Seconds since 1970 of a timestamp, so durations average as plain numbers."""

    output_field = FloatField()
    template = "CAST(EXTRACT(EPOCH FROM %(expressions)s) AS double precision)"

    def as_sqlite(self, compiler, connection, **extra):
        return self.as_sql(compiler, connection, template="(julianday(%(expressions)s) * 86400.0)")


def _seconds(end, start):
    return EpochSeconds(end) - EpochSeconds(start)


# The times of a case (casework.models.Case): waiting is arrival → call; handling
# is call → case opened at the counter, and all materials in → closed, so a
# 补正 case's days away count as neither.
WAITING = _seconds("called_at", "scanned_at")
AT_COUNTER = _seconds("accepted_at", "called_at")
CLOSING = _seconds("closed_at", Coalesce("complete_at", "accepted_at"))


CHECKED_IN = Q(checked_in_at__isnull=False)
APPOINTMENT_COUNTS = {
    "booked": Count("pk"),
    "checked_in": Count("pk", filter=CHECKED_IN),
    "no_show": Count("pk", filter=Q(status=AppointmentStatus.NO_SHOW)),
    "cancelled": Count("pk", filter=Q(status=AppointmentStatus.CANCELLED)),
}
COMPLETED = Q(status=CaseStatus.COMPLETED, closed_at__isnull=False)


def rate(part, whole) -> float | None:
    """A percentage, or None where there is nothing to divide by."""
    return round(100 * part / whole, 1) if whole else None


def no_show_rate(row: dict) -> float | None:
    """No-shows among the appointments that fell due: checked in or missed.

    Cancelled appointments and ones still booked (not yet due, or not yet
    marked) say nothing about turning up, so they are left out.
    """
    return rate(row["no_show"], row["checked_in"] + row["no_show"])


def _minutes(seconds) -> float | None:
    # Whole seconds first: julianday() on SQLite carries a little float noise.
    return None if seconds is None else round(round(float(seconds)) / 60, 1)


# ---------------------------------------------------------------- figures


def appointments_per_day(scope: Scope, period: Period) -> list[dict]:
    """Per day of the appointment's start: booked (all), checked in, no-shows, cancelled."""
    rows = (
        Appointment.objects.filter(scope.centres(), start__gte=period.start, start__lt=period.end)
        .annotate(day=TruncDate("start", tzinfo=CHINA))
        .values("day")
        .annotate(**APPOINTMENT_COUNTS)
        .order_by("day")
    )
    found = {row["day"]: row for row in rows}
    empty = dict.fromkeys(APPOINTMENT_COUNTS, 0)
    return [
        {"day": day, **{key: found.get(day, empty)[key] for key in APPOINTMENT_COUNTS}}
        for day in period.days()
    ]


def _cases(scope: Scope, period: Period):
    return Case.objects.filter(
        scope.centres(), scanned_at__gte=period.start, scanned_at__lt=period.end
    )


def case_totals(scope: Scope, period: Period) -> dict:
    """Cases started in the period, by status, and their average handling minutes."""
    totals = _cases(scope, period).aggregate(
        total=Count("pk"),
        **{status: Count("pk", filter=Q(status=status)) for status in CaseStatus.values},
        avg_seconds=Avg(CLOSING, filter=COMPLETED),
        wait_seconds=Avg(WAITING),
        counter_seconds=Avg(AT_COUNTER),
    )
    totals["avg_minutes"] = _minutes(totals.pop("avg_seconds"))
    totals["wait_minutes"] = _minutes(totals.pop("wait_seconds"))
    totals["counter_minutes"] = _minutes(totals.pop("counter_seconds"))
    return totals


def cases_by_matter(scope: Scope, period: Period) -> list[dict]:
    """Cases per matter and status; a case of two matters counts under both."""
    rows = (
        _cases(scope, period)
        .values(
            "status",
            code=F("appointment__matters__matter__code"),
            title=F("appointment__matters__matter__title"),
        )
        .annotate(n=Count("pk"))
        .order_by("code")
    )
    matters: dict[str, dict] = {}
    for row in rows:
        if row["code"] is None:
            continue
        matter = matters.setdefault(
            row["code"],
            {"code": row["code"], "title": row["title"], "total": 0}
            | dict.fromkeys(CaseStatus.values, 0),
        )
        matter[row["status"]] += row["n"]
        matter["total"] += row["n"]
    return list(matters.values())


def _weight(standard_minutes: str):
    """A matter's share of a case's time: its standard minutes, or one minute without them."""
    return Coalesce(NullIf(F(standard_minutes), Value(0)), 1)


def handling_by_matter(scope: Scope, period: Period) -> list[dict]:
    """Average minutes of completed cases per matter, beside the matter's standard minutes.

    Waiting (arrival → call), at the counter (call → case opened) and closing
    (all materials in → closed) apart. The counter times a whole case, not each
    matter in it, so a case of several matters shares its time among them in
    proportion to their standard minutes (a matter without one weighs one minute).
    """
    weight = _weight("appointment__matters__matter__handling_minutes")
    case_weight = Subquery(
        AppointmentMatter.objects.filter(appointment=OuterRef("appointment"))
        .order_by()
        .values("appointment")
        .annotate(w=Sum(_weight("matter__handling_minutes")))
        .values("w")
    )

    def share(seconds):
        return Avg(seconds * weight / case_weight, output_field=FloatField())

    rows = (
        _cases(scope, period)
        .filter(COMPLETED, appointment__matters__isnull=False)
        .values(
            code=F("appointment__matters__matter__code"),
            title=F("appointment__matters__matter__title"),
            standard=F("appointment__matters__matter__handling_minutes"),
        )
        .annotate(
            cases=Count("pk"),
            wait_seconds=Avg(WAITING, output_field=FloatField()),
            counter_seconds=share(AT_COUNTER),
            avg_seconds=share(CLOSING),
        )
        .order_by("code")
    )
    result = []
    for row in rows:
        handled = [row[k] for k in ("counter_seconds", "avg_seconds") if row[k] is not None]
        result.append(
            {
                "code": row["code"],
                "title": row["title"],
                "cases": row["cases"],
                "wait_minutes": _minutes(row["wait_seconds"]),
                "counter_minutes": _minutes(row["counter_seconds"]),
                "avg_minutes": _minutes(row["avg_seconds"]),
                "standard": row["standard"],
                # Handling (counter and closing) against the standard, from unrounded averages.
                "ratio": rate(sum(float(x) for x in handled) / 60, row["standard"])
                if handled
                else None,
            }
        )
    return result


def _group_path(scope: Scope) -> str:
    """What one row of a breakdown is, as a path from a centre: the next level down."""
    return {"centre": "code", "county": "county__code", "city": "county__city__code"}[
        scope.child_level
    ]


def counter_load(scope: Scope, period: Period, children: list[Scope] | None = None) -> dict:
    """People called to a counter, per hour of the day, per counter or per smaller area.

    Calls come from the hall queue (appointments and walk-ins alike), the one
    record that says which counter served whom and when. A cell is the average
    number of people one counter served in that hour on a working day (a day
    with any call), so a counter or centre that sits idle while others queue
    shows up beside its neighbours; the wait from taking a number to being
    called shows where people queued.
    """
    tickets = QueueTicket.objects.filter(
        scope.centres(),
        status__in=(QueueStatus.CALLED, QueueStatus.SERVED),
        called_at__isnull=False,
        date__gte=period.first,
        date__lte=period.last,
    )
    if scope.level == "centre":
        key = "counter"
        groups = [
            {"key": n, "label": _("%(n)s 号窗口") % {"n": n}, "counters": 1}
            for n in range(1, scope.place.counters + 1)
        ]
    else:
        key = "centre__" + _group_path(scope)
        counters = {
            row["key"]: row["counters"]
            for row in ServiceCentre.objects.filter(scope.centres(""))
            .values(key=F(_group_path(scope)))
            .annotate(counters=Sum("counters"))
            .order_by()
        }
        children = scope.children() if children is None else children
        groups = [
            {"key": child.code, "label": child.name, "counters": counters.get(child.code, 0)}
            for child in children
        ]
    cells = {
        (row["key"], row["hour"]): row
        for row in tickets.annotate(hour=ExtractHour("called_at", tzinfo=CHINA))
        .values("hour", key=F(key))
        .annotate(calls=Count("pk"), wait=Avg(_seconds("called_at", "created_at")))
        .order_by()
    }
    # A centre's counters share its working days; wider scopes count each area's own.
    day_key = "centre" if scope.level == "centre" else key
    days = {
        row["key"]: row["days"]
        for row in tickets.values(key=F(day_key))
        .annotate(days=Count("date", distinct=True))
        .order_by()
    }
    known = {group["key"] for group in groups}
    for group_key in sorted({k for k, _h in cells if k is not None and k not in known}, key=str):
        # A counter number above today's count (the centre shrank): still show it.
        groups.append({"key": group_key, "label": str(group_key), "counters": 1})
    hours = sorted(set(HOURS) | {hour for _k, hour in cells})
    for group in groups:
        worked = days.get(scope.place.pk if scope.level == "centre" else group["key"], 0)
        group["days"] = worked
        group["cells"] = []
        for hour in hours:
            cell = cells.get((group["key"], hour))
            calls = cell["calls"] if cell else 0
            per_counter = (
                round(calls / group["counters"] / worked, 1) if group["counters"] and worked else 0
            )
            group["cells"].append(
                {
                    "hour": hour,
                    "calls": calls,
                    "per_counter": per_counter,
                    "wait_minutes": _minutes(cell["wait"]) if cell else None,
                    "wait_seconds": float(cell["wait"])
                    if cell and cell["wait"] is not None
                    else None,
                }
            )
    by_hour = []
    for index, hour in enumerate(hours):
        calls = sum(group["cells"][index]["calls"] for group in groups)
        waited = sum(
            group["cells"][index]["calls"] * group["cells"][index]["wait_seconds"]
            for group in groups
            if group["cells"][index]["wait_seconds"] is not None
        )
        by_hour.append(
            {
                "hour": hour,
                "calls": calls,
                "wait_minutes": _minutes(waited / calls) if calls else None,
            }
        )
    return {"hours": hours, "groups": groups, "by_hour": by_hour}


def ratings(scope: Scope, period: Period) -> dict:
    """Ratings given in the period: how many, the average score, the share of 1–2."""
    totals = Rating.objects.filter(
        scope.centres("case__centre"), created_at__gte=period.start, created_at__lt=period.end
    ).aggregate(count=Count("pk"), average=Avg("score"), low=Count("pk", filter=Q(score__lte=2)))
    totals["average"] = None if totals["average"] is None else round(float(totals["average"]), 2)
    totals["low_share"] = rate(totals["low"], totals["count"])
    return totals


def breakdown(scope: Scope, period: Period, children: list[Scope] | None = None) -> list[dict]:
    """The main figures for each area or centre one level down; empty for a centre."""
    if scope.child_level is None:
        return []
    children = scope.children() if children is None else children
    path = _group_path(scope)
    appointments = {
        row["key"]: row
        for row in Appointment.objects.filter(
            scope.centres(), start__gte=period.start, start__lt=period.end
        )
        .values(key=F(f"centre__{path}"))
        .annotate(**APPOINTMENT_COUNTS)
        .order_by()
    }
    cases = {
        row["key"]: row
        for row in _cases(scope, period)
        .values(key=F(f"centre__{path}"))
        .annotate(
            cases=Count("pk"),
            completed=Count("pk", filter=COMPLETED),
            avg_seconds=Avg(CLOSING, filter=COMPLETED),
        )
        .order_by()
    }
    scores = {
        row["key"]: row
        for row in Rating.objects.filter(
            scope.centres("case__centre"),
            created_at__gte=period.start,
            created_at__lt=period.end,
        )
        .values(key=F(f"case__centre__{path}"))
        .annotate(count=Count("pk"), average=Avg("score"), low=Count("pk", filter=Q(score__lte=2)))
        .order_by()
    }
    rows = []
    for child in children:
        counts = appointments.get(child.code) or dict.fromkeys(APPOINTMENT_COUNTS, 0)
        case = cases.get(child.code) or {"cases": 0, "completed": 0, "avg_seconds": None}
        score = scores.get(child.code) or {"count": 0, "average": None, "low": 0}
        rows.append(
            {
                "scope": child,
                "code": child.code,
                "name": child.name,
                **{key: counts[key] for key in APPOINTMENT_COUNTS},
                "no_show_rate": no_show_rate(counts),
                "cases": case["cases"],
                "completed": case["completed"],
                "avg_minutes": _minutes(case["avg_seconds"]),
                "ratings": score["count"],
                "average_score": None
                if score["average"] is None
                else round(float(score["average"]), 2),
                "low_share": rate(score["low"], score["count"]),
            }
        )
    return rows


def summary(daily: list[dict], cases: dict, scores: dict) -> dict:
    """The headline numbers, from figures already fetched."""
    counts = {key: sum(day[key] for day in daily) for key in APPOINTMENT_COUNTS}
    return {
        **counts,
        "no_show_rate": no_show_rate(counts),
        "cases": cases["total"],
        "completed": cases[CaseStatus.COMPLETED],
        "avg_minutes": cases["avg_minutes"],
        "wait_minutes": cases["wait_minutes"],
        "counter_minutes": cases["counter_minutes"],
        "ratings": scores["count"],
        "average_score": scores["average"],
        "low_share": scores["low_share"],
    }
