"""Counter load: people called per hour, per counter or per smaller area."""

from __future__ import annotations

from django.db.models import Count, F, Sum
from django.utils.translation import gettext as _

from centres.models import ServiceCentre
from dashboards import rollups
from dashboards.expressions import mean, minutes
from dashboards.models import DailyCounterLoad, MonthlyCounterLoad
from dashboards.scope import HOURS, Period, Scope
from dashboards.selectors.appointments import days_of


def group_path(scope: Scope) -> str:
    """What one row of a breakdown is, as a path from a centre: the next level down."""
    return {"centre": "code", "county": "county__code", "city": "county__city__code"}[
        scope.child_level
    ]


def _groups(scope: Scope, children: list[Scope] | None) -> list[dict]:
    if scope.level == "centre":
        return [
            {"key": n, "label": _("%(n)s 号窗口") % {"n": n}, "counters": 1}
            for n in range(1, scope.place.counters + 1)
        ]
    counters = {
        row["key"]: row["counters"]
        for row in ServiceCentre.objects.filter(scope.centres(""))
        .values(key=F(group_path(scope)))
        .annotate(counters=Sum("counters"))
        .order_by()
    }
    return [
        {"key": child.code, "label": child.name, "counters": counters.get(child.code, 0)}
        for child in children
    ]


# The id of the area one level down, from a row with a county: joining on to the
# areas' codes would cost a province's page twice the time of the sums.
AREA_IDS = {"county": "county", "city": "county__city"}


def area_codes(children: list[Scope], rows: list[dict]) -> list[dict]:
    """Rows keyed by an area's id (AREA_IDS), keyed by its code instead."""
    codes = {child.place.pk: child.code for child in children}
    for row in rows:
        row["key"] = codes.get(row["key"])
    return rows


def _summed(rows, key: str) -> list[dict]:
    return list(
        rows.values("hour", key=F(key))
        .annotate(calls=Sum("calls"), wait=Sum("wait_seconds"), waited=Sum("waited"))
        .order_by()
    )


def _cells(scope: Scope, period: Period, children: list[Scope]) -> list[dict]:
    """Calls and waits per hour and counter or smaller area; whole months of a wide scope
    from the monthly rollup."""
    if scope.level == "centre":
        return _summed(days_of(scope, period, DailyCounterLoad), "counter")
    if not scope.wide:
        return _summed(days_of(scope, period, DailyCounterLoad), "centre__" + group_path(scope))
    area, counties = AREA_IDS[scope.child_level], scope.counties()
    found = rollups.across(
        period,
        ("hour", "key"),
        lambda first, last: _summed(
            MonthlyCounterLoad.objects.filter(counties, month__gte=first, month__lte=last), area
        ),
        lambda days: _summed(
            DailyCounterLoad.objects.filter(scope.centres(), days), f"centre__{area}"
        ),
    )
    return area_codes(children, found)


def _working_days(scope: Scope, period: Period, children: list[Scope]) -> list[dict]:
    """Days with any call, per counter's centre or smaller area.

    A centre's counters share its working days; wider scopes count each area's own.
    """
    if scope.wide:
        rows = days_of(scope, period).filter(calls__gt=0)
        key = AREA_IDS[scope.child_level]
    else:
        rows = days_of(scope, period, DailyCounterLoad)
        key = "centre" if scope.level == "centre" else "centre__" + group_path(scope)
    found = list(rows.values(key=F(key)).annotate(days=Count("day", distinct=True)).order_by())
    return area_codes(children, found) if scope.wide else found


def counter_load(scope: Scope, period: Period, children: list[Scope] | None = None) -> dict:
    """People called to a counter, per hour of the day, per counter or per smaller area.

    Calls come from the hall queue (appointments and walk-ins alike), the one
    record that says which counter served whom and when. A cell is the average
    number of people one counter served in that hour on a working day (a day
    with any call), so a counter or centre that sits idle while others queue
    shows up beside its neighbours; the wait from taking a number to being
    called shows where people queued.
    """
    children = scope.children() if children is None else children
    groups = _groups(scope, children)
    cells = {(row["key"], row["hour"]): row for row in _cells(scope, period, children)}
    days = {row["key"]: row["days"] for row in _working_days(scope, period, children)}
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
            called = cell["calls"] if cell else 0
            wait = mean(cell["wait"], cell["waited"]) if cell else None
            group["cells"].append(
                {
                    "hour": hour,
                    "calls": called,
                    "per_counter": round(called / group["counters"] / worked, 1)
                    if group["counters"] and worked
                    else 0,
                    "wait_minutes": minutes(wait),
                    "wait_seconds": wait,
                }
            )
    by_hour = []
    for index, hour in enumerate(hours):
        called = sum(group["cells"][index]["calls"] for group in groups)
        waited = sum(
            group["cells"][index]["calls"] * group["cells"][index]["wait_seconds"]
            for group in groups
            if group["cells"][index]["wait_seconds"] is not None
        )
        by_hour.append(
            {
                "hour": hour,
                "calls": called,
                "wait_minutes": minutes(waited / called) if called else None,
            }
        )
    return {"hours": hours, "groups": groups, "by_hour": by_hour}
