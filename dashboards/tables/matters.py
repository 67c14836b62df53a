"""Per matter: cases by status, and handling times against the standard."""

from __future__ import annotations

from django.utils.translation import gettext as _

from casework.constants import CaseStatus
from dashboards import charts
from dashboards.tables.table import Table


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
