"""Cases started in a period: by status, by matter, and how long they took."""

from __future__ import annotations

from django.db.models import Sum

from casework.constants import CaseStatus
from dashboards import rollups
from dashboards.expressions import mean, minutes, rate
from dashboards.models import DailyMatterFigures, MonthlyMatterFigures
from dashboards.scope import Period, Scope
from dashboards.selectors.appointments import days_of, summed
from guides.models import MatterPage


def case_totals(scope: Scope, period: Period) -> dict:
    """Cases started in the period, by status, and their average handling minutes."""
    fields = [
        "cases",
        *CaseStatus.values,
        "done",
        "closing_seconds",
        "wait_seconds",
        "waited",
        "counter_seconds",
        "countered",
    ]
    [found] = summed(
        scope, period, (), lambda rows: [rows.aggregate(**{key: Sum(key) for key in fields})]
    )
    sums = {key: value or 0 for key, value in found.items()}
    return {
        "total": sums["cases"],
        **{status: sums[status] for status in CaseStatus.values},
        "avg_minutes": minutes(mean(sums["closing_seconds"], sums["done"])),
        "wait_minutes": minutes(mean(sums["wait_seconds"], sums["waited"])),
        "counter_minutes": minutes(mean(sums["counter_seconds"], sums["countered"])),
    }


def _matter_sums(
    scope: Scope, period: Period, group: tuple[str, ...], sums: dict[str, str], **filters
) -> list[dict]:
    """Matter rows summed per ``group``: for a wide scope, whole months from the monthly rollup."""

    def grouped(rows) -> list[dict]:
        return list(
            rows.filter(**filters)
            .values(*group)
            .annotate(**{name: Sum(field) for name, field in sums.items()})
            .order_by()
        )

    if not scope.wide:
        return grouped(days_of(scope, period, DailyMatterFigures))
    counties = scope.counties()
    return rollups.across(
        period,
        group,
        lambda first, last: grouped(
            MonthlyMatterFigures.objects.filter(counties, month__gte=first, month__lte=last)
        ),
        lambda days: grouped(DailyMatterFigures.objects.filter(scope.centres(), days)),
    )


def _named(rows: list[dict]) -> list[dict]:
    """Rows summed per matter id, with the matter's code, title and standard, by code.

    The names are fetched apart (some thirty matters): joined to every daily
    row, they made these two the slowest queries of the province's page.
    """
    pages = {
        page["pk"]: page
        for page in MatterPage.objects.filter(pk__in={row["matter"] for row in rows}).values(
            "pk", "code", "title", "handling_minutes"
        )
    }
    for row in rows:
        page = pages[row["matter"]]
        row.update(code=page["code"], title=page["title"], standard=page["handling_minutes"])
    return sorted(rows, key=lambda row: row["code"])


def cases_by_matter(scope: Scope, period: Period) -> list[dict]:
    """Cases per matter and status; a case of two matters counts under both."""
    rows = _named(_matter_sums(scope, period, ("status", "matter"), {"n": "cases"}))
    matters: dict[str, dict] = {}
    for row in rows:
        matter = matters.setdefault(
            row["code"],
            {"code": row["code"], "title": row["title"], "total": 0}
            | dict.fromkeys(CaseStatus.values, 0),
        )
        matter[row["status"]] += row["n"]
        matter["total"] += row["n"]
    return list(matters.values())


def handling_by_matter(scope: Scope, period: Period) -> list[dict]:
    """Average minutes of completed cases per matter, beside the matter's standard minutes.

    Waiting (arrival → call), at the counter (call → case opened) and closing
    (all materials in → closed) apart. A case of several matters shares its
    counter and closing time among them in proportion to their standard
    minutes (dashboards.expressions.matter_share).
    """
    rows = _named(
        _matter_sums(
            scope,
            period,
            ("matter",),
            {
                "cases": "done",
                "wait": "wait_seconds",
                "waited": "waited",
                "counter": "counter_seconds",
                "countered": "countered",
                "closing": "closing_seconds",
                "closed": "closed",
            },
            status=CaseStatus.COMPLETED,
            done__gt=0,
        )
    )
    result = []
    for row in rows:
        counter = mean(row["counter"], row["countered"])
        closing = mean(row["closing"], row["closed"])
        handled = [x for x in (counter, closing) if x is not None]
        result.append(
            {
                "code": row["code"],
                "title": row["title"],
                "cases": row["cases"],
                "wait_minutes": minutes(mean(row["wait"], row["waited"])),
                "counter_minutes": minutes(counter),
                "avg_minutes": minutes(closing),
                "standard": row["standard"],
                # Handling (counter and closing) against the standard, from unrounded averages.
                "ratio": rate(sum(handled) / 60, row["standard"]) if handled else None,
            }
        )
    return result
