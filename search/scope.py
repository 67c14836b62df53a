"""What the search does not answer: needs outside the catalogue, and answers too weak to show.

The service centres' generalist window handles the 30 matters of the
catalogue. Residents also ask the search for what is done elsewhere (an ID
card at the police station, a marriage at the civil affairs bureau). For
those, an honest "not handled here, go there, or call 12345" is better than
the nearest matter: a list of common out-of-scope needs names the words and
where to go. And whatever the query, a result has to clear a stated
confidence (search/ranking.py's scale), and only results near the best one are
shown, so a resident is not handed ten matters that merely share a word.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

# A result is shown only from this score up: a name or alias matched in part
# (58 and up), or a described need whose words the matter's names, aliases
# and residents' phrasings mostly cover (search/matching.py). Body text alone
# (30 and below) is never enough.
MIN_CONFIDENCE = 50
# The results a resident reads first (the evaluation counts the first three).
SHOWN_FIRST = 3
# Results more than this far below the best one are left out.
MARGIN = 25
# An out-of-scope word in the query wins unless a matter matches at least this
# well (its name or an alias in the query, whole): 身份证丢了 goes to the police
# even though 社保卡丢了 is an alias, 外地人孩子上学办居住证 still finds 居住证.
STRONG = 80


@dataclass(frozen=True)
class Elsewhere:
    """A kind of need handled elsewhere, and where."""

    words: tuple[str, ...]
    where: Promise


ELSEWHERE = (
    Elsewhere(
        ("身份证", "户口", "户籍", "落户", "迁户", "无犯罪", "养狗", "养犬", "犬证"),
        _(
            "身份证、户口和户籍证明由公安派出所办理：请到户籍所在地或居住地派出所，或拨打 12345 咨询。"
        ),
    ),
    Elsewhere(
        ("护照", "签证", "港澳", "台湾", "通行证", "出入境", "出国", "去香港", "去澳门"),
        _(
            "护照、港澳台通行证和签注由公安出入境管理部门办理：请到所在市县的出入境接待大厅，或拨打 12345 咨询。"
        ),
    ),
    Elsewhere(
        ("驾照", "驾驶证", "行驶证", "上牌", "车牌", "违章", "闯红灯", "罚款", "年检", "车管"),
        _(
            "驾驶证、车辆登记和交通违法由公安交警部门办理：请到车管所或交警队，或拨打 12345、12123 咨询。"
        ),
    ),
    Elsewhere(
        ("结婚", "离婚", "婚姻"),
        _(
            "结婚、离婚登记由县（市、区）民政局婚姻登记处办理，需夫妻双方本人到场；可拨打 12345 咨询。"
        ),
    ),
    Elsewhere(
        ("房产证", "不动产", "过户", "产权证", "二手房"),
        _("房屋产权和过户由不动产登记中心办理；可拨打 12345 咨询。"),
    ),
    Elsewhere(
        ("小学", "初中", "幼儿园", "入园", "入学", "学籍", "报名"),
        _("入学、入园和学籍由当地教育部门和学校办理；可拨打 12345 咨询。"),
    ),
    Elsewhere(
        ("挂号", "疫苗", "打针", "出生证明", "出生医学证明", "体检"),
        _("挂号、疫苗和出生医学证明请找医院或社区卫生服务中心；可拨打 12345 咨询。"),
    ),
    Elsewhere(
        ("水费", "电费", "燃气费", "停电", "停水", "宽带", "手机号", "话费"),
        _("水、电、燃气、宽带和电话由各供应单位办理，请拨打其客服电话或 12345。"),
    ),
    Elsewhere(
        ("拖欠工资", "欠薪", "欠工资", "讨薪"),
        _("拖欠工资请向人社部门劳动保障监察投诉，或拨打 12333、12345。"),
    ),
    Elsewhere(
        ("公证", "律师", "打官司", "法律援助", "起诉", "纠纷"),
        _("公证请到公证处；法律援助请到法律援助中心或拨打 12348；也可拨打 12345 咨询。"),
    ),
    Elsewhere(
        ("物业", "漏水", "噪音", "太吵", "装修", "路灯", "垃圾"),
        _("小区、物业和市政问题请拨打 12345 政务服务便民热线反映。"),
    ),
    Elsewhere(
        ("诈骗", "被骗", "被偷", "小偷", "报警", "走丢", "走失"),
        _("被骗、被盗和走失请立即拨打 110 报警，或到附近公安派出所求助。"),
    ),
    Elsewhere(
        ("银行卡",),
        _("银行卡的事请到开户银行或拨打银行客服电话。"),
    ),
)

# When nothing is found and no known kind fits.
NOT_HANDLED = _(
    "便民服务中心综合窗口办理的是本站列出的 30 个事项。没有找到您要办的事，可以换个说法再搜，或拨打 12345 政务服务便民热线咨询。"
)


def elsewhere(compact_query: str) -> Elsewhere | None:
    """The out-of-scope kind the query names, if any."""
    for kind in ELSEWHERE:
        if any(word in compact_query for word in kind.words):
            return kind
    return None


def trim(scores: list[float]) -> int:
    """How many of the results (scores best first) are shown."""
    if not scores or scores[0] < MIN_CONFIDENCE:
        return 0
    # Bonuses lift an exact name past 100; the margin counts from the scale's top.
    floor = max(MIN_CONFIDENCE, min(scores[0], 100) - MARGIN)
    return sum(score >= floor for score in scores)
