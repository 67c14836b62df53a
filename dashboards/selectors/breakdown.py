"""The main figures per area one level down, and the headline numbers."""

from __future__ import annotations

from django.db.models import F, Sum

from casework.constants import CaseStatus
from dashboards.expressions import APPOINTMENT_COUNTS, mean, minutes, no_show_rate, rate
from dashboards.scope import Period, Scope
from dashboards.selectors.appointments import summed
from dashboards.selectors.load import AREA_IDS, area_codes, group_path

SUMMED = (*APPOINTMENT_COUNTS, "cases", "done", "closing_seconds", "ratings", "score_sum", "low")


def breakdown(scope: Scope, period: Period, children: list[Scope] | None = None) -> list[dict]:
    """The main figures for each area or centre one level down; empty for a centre."""
    if scope.child_level is None:
        return []
    children = scope.children() if children is None else children
    key = AREA_IDS[scope.child_level] if scope.wide else f"centre__{group_path(scope)}"
    found = summed(
        scope,
        period,
        ("key",),
        lambda rows: list(
            rows.values(key=F(key)).annotate(**{field: Sum(field) for field in SUMMED}).order_by()
        ),
    )
    if scope.wide:
        area_codes(children, found)
    found = {row["key"]: row for row in found}
    empty = dict.fromkeys(SUMMED, 0)
    rows = []
    for child in children:
        row = found.get(child.code) or empty
        average = mean(row["score_sum"], row["ratings"])
        rows.append(
            {
                "scope": child,
                "code": child.code,
                "name": child.name,
                **{key: row[key] for key in APPOINTMENT_COUNTS},
                "no_show_rate": no_show_rate(row),
                "cases": row["cases"],
                "completed": row["done"],
                "avg_minutes": minutes(mean(row["closing_seconds"], row["done"])),
                "ratings": row["ratings"],
                "average_score": None if average is None else round(average, 2),
                "low_share": rate(row["low"], row["ratings"]),
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
