"""The scope at a glance: the summary, appointments per day, and the figures per place below it."""

from __future__ import annotations

from django.utils.translation import gettext as _

from dashboards import charts, selectors
from dashboards.scope import Scope
from dashboards.tables.table import Table, level_name, short_name


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
        labels=[short_name(row["name"]) for row in rows_in],
        series=[
            charts.Series(_("预约数"), [row["booked"] for row in rows_in]),
            charts.Series(_("签到"), [row["checked_in"] for row in rows_in]),
        ],
    )
    return Table(
        "breakdown",
        _("分%(level)s统计") % {"level": level_name(scope.child_level)},
        [
            _("编码"),
            level_name(scope.child_level),
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
