"""Needs handled elsewhere: the words residents use for them, and where to go instead.

search/scope.py looks a query's words up here (``find``); a kind found gives no
matter but its answer, unless a matter's name or alias is in the query whole.
The words are checked against the 30 matters' scope (guides/standard/): a word
that a matter's names or residents' phrasings also say belongs to the matter.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Elsewhere:
    """A kind of need handled elsewhere, and where."""

    words: tuple[str, ...]
    where: Promise


def kind(words: str, where: Promise) -> Elsewhere:
    """A kind whose words are written one string, separated by spaces."""
    return Elsewhere(tuple(words.split()), where)


ELSEWHERE = (
    kind(
        "身份证 户口 户籍 落户 迁户 无犯罪 养狗 养犬 犬证 改名字 更改姓名",
        _(
            "身份证、户口和户籍证明由公安派出所办理：请到户籍所在地或居住地派出所，或拨打 12345 咨询。"
        ),
    ),
    kind(
        "护照 签证 港澳 台湾 通行证 出入境 出国 去香港 去澳门",
        _(
            "护照、港澳台通行证和签注由公安出入境管理部门办理：请到所在市县的出入境接待大厅，或拨打 12345 咨询。"
        ),
    ),
    kind(
        "驾照 驾驶证 行驶证 上牌 车牌 违章 闯红灯 罚款 年检 车管",
        _(
            "驾驶证、车辆登记和交通违法由公安交警部门办理：请到车管所或交警队，或拨打 12345、12123 咨询。"
        ),
    ),
    kind(
        "结婚 离婚 婚姻 复婚",
        _(
            "结婚、离婚登记由县（市、区）民政局婚姻登记处办理，需夫妻双方本人到场；可拨打 12345 咨询。"
        ),
    ),
    kind(
        "房产证 不动产 过户 产权证 二手房 房本 土地证 抵押登记",
        _("房屋产权和过户由不动产登记中心办理；可拨打 12345 咨询。"),
    ),
    kind(
        "小学 初中 幼儿园 入园 入学 学籍 报名 转学 中考 高考 助学贷款 教师资格",
        _("入学、入园和学籍由当地教育部门和学校办理；可拨打 12345 咨询。"),
    ),
    kind(
        "挂号 疫苗 打针 出生证明 出生医学证明 体检 健康证 献血 看病排队 医院排队",
        _("挂号、疫苗和出生医学证明请找医院或社区卫生服务中心；可拨打 12345 咨询。"),
    ),
    kind(
        "水费 电费 燃气费 停电 停水 宽带 手机号 话费",
        _("水、电、燃气、宽带和电话由各供应单位办理，请拨打其客服电话或 12345。"),
    ),
    kind(
        "拖欠工资 欠薪 欠工资 讨薪 不发工资 工资没发 工资发不下来 拿不到工资",
        _("拖欠工资请向人社部门劳动保障监察投诉，或拨打 12333、12345。"),
    ),
    kind(
        "公证 律师 打官司 法律援助 起诉 纠纷",
        _("公证请到公证处；法律援助请到法律援助中心或拨打 12348；也可拨打 12345 咨询。"),
    ),
    kind(
        "物业 漏水 噪音 太吵 装修 路灯 垃圾 违章建筑 违章搭建 违建 乱搭建 城管 占道 漏雨",
        _("小区、物业和市政问题请拨打 12345 政务服务便民热线反映。"),
    ),
    kind(
        "诈骗 被骗 被偷 小偷 报警 走丢 走失",
        _("被骗、被盗和走失请立即拨打 110 报警，或到附近公安派出所求助。"),
    ),
    kind(
        "银行卡",
        _("银行卡的事请到开户银行或拨打银行客服电话。"),
    ),
    # Issue #20, fifth round: what residents bring to a township centre that none of
    # the 30 matters answers. Left out on purpose, as matters answer them: 工伤保险
    # (registering employees, JS-RS-07), 营业执照 (a sole trader, JS-SC-02), opening
    # a housing fund account and withdrawing from it (JS-GJ-01 to 03), 老年补贴
    # (尊老金, JS-MZ-04).
    kind(
        "个税 个人所得税 退税 个税汇算 年度汇算 专项附加扣除 完税证明",
        _(
            "个人所得税的申报、年度汇算和退税请用“个人所得税”App，或到县（市、区）税务局办税服务厅办理；可拨打 12366 咨询。"
        ),
    ),
    kind(
        "公租房 廉租房 保障房 保障性住房 经济适用房 经适房 人才公寓 租房补贴 租赁补贴 住房补贴 危房改造",
        _(
            "公共租赁住房、保障性住房和住房租赁补贴由市、县（市、区）住房保障部门办理，农村危房改造由住房城乡建设部门办理；可拨打 12345 咨询。"
        ),
    ),
    kind(
        "工伤认定 认定工伤 工伤鉴定 劳动能力鉴定 工伤赔偿 工伤待遇 工伤报销 算工伤 受了工伤 出了工伤 工伤事故 上班受伤 上班时受伤 干活受伤 干活时受伤 工作受伤 工作时受伤 工伤怎么赔 工伤赔钱 受工伤 工伤了",
        _(
            "工伤认定由县（市、区）人社部门办理：单位应在受伤之日起 30 日内申请，单位不申请的，本人或近亲属可在 1 年内申请；劳动能力鉴定由劳动能力鉴定委员会办理。可拨打 12333 咨询。"
        ),
    ),
    kind(
        "劳动仲裁 劳动争议 仲裁 经济补偿金 赔偿金 加班费 最低工资 工资太低 没签劳动合同 不签劳动合同 没签合同 不签合同 违法辞退 辞退赔偿 补偿金 没有补偿 不给补偿 辞退补偿",
        _(
            "劳动合同、加班费、辞退补偿等劳动争议，可向县（市、区）劳动人事争议仲裁委员会申请仲裁，或向人社部门劳动保障监察投诉；可拨打 12333、12345 咨询。"
        ),
    ),
    kind(
        "社保转移 养老保险转移 医保转移 转移接续 社保关系转 医保关系转 社保转出 社保转入 参保证明 社保证明 缴费证明 缴费记录 缴费明细 社保清单 资格认证 生存认证 刷脸认证 养老金认证 查社保交 查社保缴 查社保记录 社保查询",
        _(
            "社保、医保关系的转移接续，缴费记录的查询和参保证明，领取养老金的资格认证，可在江苏智慧人社、国家医保服务平台等 App 或社保自助机上办理，也可到县（市、区）人社、医保经办窗口；可拨打 12333、12393 咨询。"
        ),
    ),
    kind(
        "公积金贷款 公积金转移 公积金转入 公积金转出 公积金余额",
        _(
            "住房公积金贷款、转移接续和余额查询请到住房公积金管理中心，或用当地公积金中心的网站、App，也可拨打 12329 咨询。"
        ),
    ),
    kind(
        "注册公司 公司注册 公司营业执照 公司执照 企业营业执照 注销公司 公司注销 公司变更 股权",
        _(
            "公司等企业的设立、变更和注销登记由县（市、区）市场监管部门办理，也可在江苏政务服务网上办理；个体工商户登记可在便民服务中心办理。可拨打 12345 咨询。"
        ),
    ),
    kind(
        "商标 专利 著作权 版权 知识产权",
        _(
            "商标、专利等知识产权由市场监管（知识产权）部门办理，商标注册和专利申请也可在国家知识产权局网站上办理；可拨打 12345 咨询。"
        ),
    ),
    kind(
        "老年卡 老年证 老年优待证 老年人优待证 敬老卡 老人卡 老年公交卡 养老院收费 养老院多少钱 哪家养老院 养老院哪家 养老机构 居家养老 老年食堂 老年助餐 适老化 坐公交 乘公交",
        _(
            "老年人优待证（老年卡）、养老机构和居家养老服务请咨询社区（村）居委会或县（市、区）民政部门，乘公交的老年卡请找当地公交公司；可拨打 12345 咨询。"
        ),
    ),
    kind(
        "征兵 当兵 参军 入伍 兵役登记 退役军人 退伍军人 退伍 复员 优待证 烈士 伤残军人 军属",
        _(
            "征兵和兵役登记请找乡镇（街道）人民武装部；退役军人和军属的优待、服务请到乡镇（街道）退役军人服务站或县（市、区）退役军人事务局。可拨打 12345 咨询。"
        ),
    ),
    kind(
        "独生子女 计生特扶 特别扶助 失独 计划生育奖励 计生奖励",
        _(
            "独生子女父母奖励、计划生育特别扶助由乡镇（街道）卫生健康（计生）部门或县（市、区）卫生健康委员会办理；可拨打 12345 咨询。"
        ),
    ),
    kind(
        "种粮补贴 耕地地力 地力补贴 农机补贴 土地流转 土地承包 承包地 宅基地 建房审批 农房审批 农村建房",
        _(
            "种粮、农机补贴和土地承包、流转请到乡镇（街道）农业农村部门咨询，农村宅基地和建房审批请到乡镇人民政府咨询；可拨打 12345 咨询。"
        ),
    ),
    kind(
        "职称 技能证书 技能等级 职业资格 电工证 焊工证 人事档案 调档 档案转移",
        _(
            "职称评审、职业技能等级证书和人事档案请咨询县（市、区）人社部门或人才服务中心；可拨打 12333 咨询。"
        ),
    ),
    kind(
        "假货 退货 消费投诉 投诉商家 12315 缺斤少两 过期食品 食品安全",
        _("消费纠纷、假冒伪劣和食品安全问题请拨打 12315 或在全国 12315 平台投诉，也可拨打 12345。"),
    ),
)


def find(compact_query: str) -> Elsewhere | None:
    """The kind the query names, if any: of two, the one whose word found is longer,
    as it says more (违章建筑 is the city's, not the traffic police's 违章;
    老年优待证 the elderly's, not a veteran's 优待证)."""
    best, length = None, 0
    for each in ELSEWHERE:
        for word in each.words:
            if len(word) > length and word in compact_query:
                best, length = each, len(word)
    return best
