"""The counters' load per hour of the day, and the wait before a call."""

from __future__ import annotations

from django.utils.translation import gettext as _

from dashboards import charts
from dashboards.scope import Scope
from dashboards.tables.table import Table, level_name, short_name


def load_table(figures: dict, scope: Scope) -> Table:
    load = figures["load"]
    columns = [_("%(h)s时") % {"h": hour} for hour in load["hours"]]
    first = _("窗口") if scope.level == "centre" else level_name(scope.child_level)
    rows = [
        [group["label"], group["counters"], group["days"]]
        + [cell["per_counter"] for cell in group["cells"]]
        for group in load["groups"]
    ]
    chart = charts.heat_map(
        ident="chart-load",
        title=_("各时段窗口负荷"),
        description=_("每行一个窗口或地区，每列一个钟点；颜色越深越忙，0 表示空闲。"),
        rows=[short_name(group["label"]) for group in load["groups"]],
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
