"""Reads for the dashboards, from the daily figures the worker keeps (dashboards.figures).

Every figure is summed in the database over days and centres, so a page
costs the same few queries whatever the number of cases, and a province-wide
year reads at most one row per centre and day. Days and hours are those of
Asia/Shanghai, on SQLite and PostgreSQL alike.
"""

from dashboards.expressions import no_show_rate, rate
from dashboards.selectors.appointments import appointments_per_day
from dashboards.selectors.breakdown import breakdown, summary
from dashboards.selectors.cases import case_totals, cases_by_matter, handling_by_matter
from dashboards.selectors.load import counter_load
from dashboards.selectors.ratings import ratings

__all__ = [
    "appointments_per_day",
    "breakdown",
    "case_totals",
    "cases_by_matter",
    "counter_load",
    "handling_by_matter",
    "no_show_rate",
    "rate",
    "ratings",
    "summary",
]
