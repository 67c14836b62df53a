"""Which figures the wanted tables need, and the tables built from them."""

from __future__ import annotations

from dashboards import selectors
from dashboards.scope import Period, Scope
from dashboards.tables.counters import hours_table, load_table
from dashboards.tables.matters import cases_table, handling_table
from dashboards.tables.overview import breakdown_table, daily_table, summary_table
from dashboards.tables.table import Table


def figures(
    scope: Scope,
    period: Period,
    wanted: set[str] | None = None,
    children: list[Scope] | None = None,
) -> dict:
    """Only the figures the wanted tables need, so one CSV costs only its own queries."""
    need = wanted or set(BUILDERS)
    found: dict = {}
    if children is None and need & {"load", "hours", "breakdown"}:
        children = scope.children()
    if need & {"summary", "daily"}:
        found["daily"] = selectors.appointments_per_day(scope, period)
    if "summary" in need:
        found["summary"] = selectors.summary(
            found["daily"],
            selectors.case_totals(scope, period),
            selectors.ratings(scope, period),
        )
    if "cases" in need:
        found["cases_by_matter"] = selectors.cases_by_matter(scope, period)
    if "handling" in need:
        found["handling"] = selectors.handling_by_matter(scope, period)
    if need & {"load", "hours"}:
        found["load"] = selectors.counter_load(scope, period, children)
    if "breakdown" in need:
        found["breakdown"] = selectors.breakdown(scope, period, children)
    return found


BUILDERS = {
    "summary": lambda f, scope: summary_table(f),
    "daily": lambda f, scope: daily_table(f),
    "cases": lambda f, scope: cases_table(f),
    "handling": lambda f, scope: handling_table(f),
    "load": load_table,
    "hours": lambda f, scope: hours_table(f),
    "breakdown": breakdown_table,
}


def tables(
    scope: Scope,
    period: Period,
    wanted: set[str] | None = None,
    children: list[Scope] | None = None,
) -> list[Table]:
    found = figures(scope, period, wanted, children)
    built = [BUILDERS[slug](found, scope) for slug in BUILDERS if wanted is None or slug in wanted]
    return [table for table in built if table is not None]
