"""Ratings given in a period."""

from __future__ import annotations

from django.db.models import Sum

from dashboards.expressions import mean, rate
from dashboards.scope import Period, Scope
from dashboards.selectors.appointments import summed


def ratings(scope: Scope, period: Period) -> dict:
    """Ratings given in the period: how many, the average score, the share of 1–2."""
    [sums] = summed(
        scope,
        period,
        (),
        lambda rows: [rows.aggregate(count=Sum("ratings"), score=Sum("score_sum"), low=Sum("low"))],
    )
    count, low = sums["count"] or 0, sums["low"] or 0
    average = mean(sums["score"], count)
    return {
        "count": count,
        "average": None if average is None else round(average, 2),
        "low": low,
        "low_share": rate(low, count),
    }
