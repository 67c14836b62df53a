"""The dashboard's tables: the same rows feed the page, its charts and the CSV downloads.

No table holds personal data: only counts, averages, and the names and codes
of places and matters.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass

from django.http import HttpResponse
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from casework.constants import CaseStatus
from core.spreadsheets import neutralise
from dashboards import charts, selectors
from dashboards.scope import Period, Scope


@dataclass
class Table:
    slug: str
    title: str
    headers: list[str]
    rows: list[list]
    chart: SafeString | None = None
    note: str = ""


def _level_name(level: str) -> str:
    return {
        "centre": _("便民服务中心"),
        "county": _("县（市、区）"),
        "city": _("设区市"),
    }[level]


def _short(name: str) -> str:
    # Every centre's name ends in the same words; the chart has room only for what differs.
    return name.removesuffix("便民服务中心") or name


def summary_table(figures: dict) -> Table:
    s = figures["summary"]
    rows = [
        [_("预约数"), s["booked"]],
        [_("签到"), s["checked_in"]],
        [_("爽约"), s["no_show"]],
        [_("取消"), s["cancelled"]],
        [_("爽约率（%）"), s["no_show_rate"]],
        [_("办件数"), s["cases"]],
        [_("已办结"), s["completed"]],
        [_("平均等候用时（分钟，到达至叫号）"), s["wait_minutes"]],
        [_("平均窗口用时（分钟，叫号至受理）"), s["counter_minutes"]],
        [_("平均办理用时（分钟）"), s["avg_minutes"]],
        [_("评价数"), s["ratings"]],
        [_("平均评分（1–5）"), s["average_score"]],
        [_("差评（1–2 分）占比（%）"), s["low_share"]],
    ]
    return Table(
        "summary",
        _("概况"),
        [_("指标"), _("数值")],
        rows,
        note=_(
            "爽约率 = 爽约 ÷（签到 + 爽约）；已取消和尚未到期的预约不计入。评价按评价日期统计。"
        ),
    )


def daily_table(figures: dict) -> Table:
    days = figures["daily"]
    rows = [
        [
            day["day"].isoformat(),
            day["booked"],
            day["checked_in"],
            day["no_show"],
            day["cancelled"],
            selectors.no_show_rate(day),
        ]
        for day in days
    ]
    keys = [("booked", _("预约数")), ("checked_in", _("签到")), ("no_show", _("爽约"))]
    chart = charts.line_chart(
        ident="chart-daily",
        title=_("每日预约、签到与爽约"),
        description=_("按预约日期，每天一个点；数字见旁边的表格。"),
        labels=[day["day"].strftime("%m-%d") for day in days],
        series=[charts.Series(name, [day[key] for day in days]) for key, name in keys],
    )
    return Table(
        "daily",
        _("每日预约"),
        [_("日期"), _("预约数"), _("签到"), _("爽约"), _("取消"), _("爽约率（%）")],
        rows,
        chart=chart,
        note=_("按预约的办理日期统计；预约数含已取消的预约。"),
    )


def cases_table(figures: dict) -> Table:
    matters = figures["cases_by_matter"]
    rows = [
        [m["code"], m["title"], *[m[status] for status in CaseStatus], m["total"]] for m in matters
    ]
    chart = charts.bar_chart(
        ident="chart-cases",
        title=_("各事项办件数"),
        description=_("每个事项一组横条：办件合计与已办结。"),
        labels=[m["title"] for m in matters],
        series=[
            charts.Series(_("合计"), [m["total"] for m in matters]),
            charts.Series(_("已办结"), [m[CaseStatus.COMPLETED] for m in matters]),
        ],
    )
    return Table(
        "cases",
        _("各事项办件（按状态）"),
        [_("事项编码"), _("事项"), *[str(status.label) for status in CaseStatus], _("合计")],
        rows,
        chart=chart if matters else None,
        note=_("按扫码受理日期统计；一个办件含多个事项时，每个事项各计一次。"),
    )


def handling_table(figures: dict) -> Table:
    matters = figures["handling"]
    rows = [
        [
            m["code"],
            m["title"],
            m["cases"],
            m["wait_minutes"],
            m["counter_minutes"],
            m["avg_minutes"],
            m["standard"],
            m["ratio"],
        ]
        for m in matters
    ]
    chart = charts.bar_chart(
        ident="chart-handling",
        title=_("平均办理用时与标准用时（分钟）"),
        description=_("每个事项三条横条：窗口用时、受理至办结用时与标准用时。"),
        labels=[m["title"] for m in matters],
        series=[
            charts.Series(_("窗口用时"), [m["counter_minutes"] for m in matters]),
            charts.Series(_("受理至办结"), [m["avg_minutes"] for m in matters]),
            charts.Series(_("标准"), [m["standard"] for m in matters]),
        ],
    )
    return Table(
        "handling",
        _("各事项平均办理用时"),
        [
            _("事项编码"),
            _("事项"),
            _("已办结办件"),
            _("平均等候（分钟）"),
            _("窗口用时（分钟）"),
            _("受理至办结（分钟）"),
            _("标准用时（分钟）"),
            _("实际 ÷ 标准（%）"),
        ],
        rows,
        chart=chart if matters else None,
        note=_(
            "等候从到达到叫号；窗口用时从叫号到受理；受理至办结从材料齐全到办结，"
            "补正期间不计。只计已办结的办件。一个办件含多个事项时，"
            "按各事项标准用时的比例分摊。实际 ÷ 标准按窗口用时加受理至办结计算，超过 100% 说明比标准慢。"
        ),
    )


def load_table(figures: dict, scope: Scope) -> Table:
    load = figures["load"]
    columns = [_("%(h)s时") % {"h": hour} for hour in load["hours"]]
    first = _("窗口") if scope.level == "centre" else _level_name(scope.child_level)
    rows = [
        [group["label"], group["counters"], group["days"]]
        + [cell["per_counter"] for cell in group["cells"]]
        for group in load["groups"]
    ]
    chart = charts.heat_map(
        ident="chart-load",
        title=_("各时段窗口负荷"),
        description=_("每行一个窗口或地区，每列一个钟点；颜色越深越忙，0 表示空闲。"),
        rows=[_short(group["label"]) for group in load["groups"]],
        columns=[str(hour) for hour in load["hours"]],
        values=[[cell["per_counter"] for cell in group["cells"]] for group in load["groups"]],
    )
    return Table(
        "load",
        _("窗口负荷（按钟点）"),
        [first, _("窗口数"), _("办公日"), *columns],
        rows,
        chart=chart if load["groups"] else None,
        note=_(
            "每格是一个窗口在该钟点平均每个办公日叫号服务的人数（预约和现场取号都算），"
            "办公日指有叫号的日子。同一钟点有的行深、有的行浅甚至为 0，"
            "说明有窗口闲着而别处在排队；再看下表的等候时间。"
        ),
    )


def hours_table(figures: dict) -> Table:
    hours = figures["load"]["by_hour"]
    rows = [[_("%(h)s时") % {"h": h["hour"]}, h["calls"], h["wait_minutes"]] for h in hours]
    chart = charts.bar_chart(
        ident="chart-wait",
        title=_("各时段平均等候（分钟）"),
        description=_("每个钟点一条横条：从取号（签到）到被叫号的平均分钟数。"),
        labels=[row[0] for row in rows],
        series=[charts.Series(_("平均等候"), [h["wait_minutes"] for h in hours])],
    )
    return Table(
        "hours",
        _("各时段叫号与等候"),
        [_("钟点"), _("叫号人次"), _("平均等候（分钟）")],
        rows,
        chart=chart,
        note=_("按叫号时间所在的钟点统计。"),
    )


def breakdown_table(figures: dict, scope: Scope) -> Table | None:
    rows_in = figures["breakdown"]
    if scope.child_level is None:
        return None
    rows = [
        [
            row["code"],
            row["name"],
            row["booked"],
            row["checked_in"],
            row["no_show"],
            row["cancelled"],
            row["no_show_rate"],
            row["cases"],
            row["completed"],
            row["avg_minutes"],
            row["ratings"],
            row["average_score"],
            row["low_share"],
        ]
        for row in rows_in
    ]
    chart = charts.bar_chart(
        ident="chart-breakdown",
        title=_("各地预约与签到"),
        description=_("每个下级单位两条横条：预约数与签到数。"),
        labels=[_short(row["name"]) for row in rows_in],
        series=[
            charts.Series(_("预约数"), [row["booked"] for row in rows_in]),
            charts.Series(_("签到"), [row["checked_in"] for row in rows_in]),
        ],
    )
    return Table(
        "breakdown",
        _("分%(level)s统计") % {"level": _level_name(scope.child_level)},
        [
            _("编码"),
            _level_name(scope.child_level),
            _("预约数"),
            _("签到"),
            _("爽约"),
            _("取消"),
            _("爽约率（%）"),
            _("办件数"),
            _("已办结"),
            _("平均办理用时（分钟）"),
            _("评价数"),
            _("平均评分（1–5）"),
            _("差评（1–2 分）占比（%）"),
        ],
        rows,
        chart=chart if rows_in else None,
    )


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


def csv_cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, int | float):
        # A negative figure stays a number; only text can carry a formula.
        return f"{value:g}" if isinstance(value, float) else str(value)
    return neutralise(str(value))


def csv_response(table: Table, scope: Scope, period: Period) -> HttpResponse:
    """UTF-8 with a byte-order mark, which is what makes Excel read Chinese correctly."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    place = scope.code or "province"
    response["Content-Disposition"] = (
        f'attachment; filename="{table.slug}-{place}-{period.first:%Y%m%d}-{period.last:%Y%m%d}.csv"'
    )
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow([csv_cell(header) for header in table.headers])
    for row in table.rows:
        writer.writerow([csv_cell(value) for value in row])
    return response
