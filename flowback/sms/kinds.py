"""Every kind of text message the site sends, as an approved template with parameters.

Chinese gateways send only templates approved in advance: the signature
(``SMS_SIGN_NAME``), the template id the provider gave for the kind
(``SMS_TEMPLATE_IDS``) and the parameters. ``params`` lists them in the
order of the template's placeholders (Tencent numbers them {1}, {2}, …;
Alibaba Cloud names them ${centre} …); ``text`` is what the template reads,
for the console and file backends and for the administrators' log.

A code's life is a parameter (``minutes``), not words of the template, so
that every backend tells what the settings decide (allauth's code timeouts,
``appointments.id_owner.CODE_SECONDS``): the gateway templates of
``login_code`` and ``owner_code`` are registered with both placeholders.

``category`` says who may turn a kind off: codes and service messages
always go; a resident may turn reminders off.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

CODE, SERVICE, REMINDER = "code", "service", "reminder"

# Parameters whose values never reach the log or the database in clear.
SECRET_PARAMS = frozenset({"code"})
REDACTED = "******"


@dataclass(frozen=True)
class Kind:
    params: tuple[str, ...]
    text: str
    category: str = SERVICE


KINDS: dict[str, Kind] = {
    "login_code": Kind(
        ("code", "minutes"),
        _("验证码%(code)s，%(minutes)s分钟内有效，用于登录或注册。请勿告诉他人。"),
        CODE,
    ),
    "account_unknown": Kind(
        (), _("您用本手机号获取了登录验证码，但它还没有注册账号。请在网站上用手机号注册。"), CODE
    ),
    "account_exists": Kind(
        (), _("本手机号已经注册过账号，不必再注册，请直接用手机号和短信验证码登录。"), CODE
    ),
    "owner_code": Kind(
        ("code", "minutes"),
        _("验证码%(code)s，用于查看用您身份证号所做的预约，%(minutes)s分钟内有效。请勿告诉他人。"),
        CODE,
    ),
    "booking_confirmed": Kind(
        ("centre", "time", "reference"),
        _("您已预约%(centre)s %(time)s，预约号%(reference)s，请带齐材料准时到达。"),
    ),
    "booking_reminder": Kind(
        ("centre", "time", "reference"),
        _("提醒：明天%(time)s在%(centre)s办事，预约号%(reference)s。"),
        REMINDER,
    ),
    "booking_cancelled": Kind(
        ("centre", "time", "reference"),
        _("您在%(centre)s %(time)s的预约（%(reference)s）已取消。"),
    ),
    "booking_rescheduled": Kind(
        ("centre", "time", "reference"),
        _("您的预约%(reference)s已改到%(time)s，地点%(centre)s。"),
    ),
    "checklist_changed": Kind(
        ("centre", "time", "reference"),
        _("您预约%(reference)s的材料清单有变化，请在网上查看后再去%(centre)s。"),
    ),
    "case_returned": Kind(
        ("centre", "case", "missing"),
        _(
            "%(centre)s：您的办件%(case)s材料不全，请补齐：%(missing)s。带齐后到综合窗口出示办件编号即可。"
        ),
    ),
    "case_rejected": Kind(
        ("centre", "case", "reason"),
        _("%(centre)s：您的办件%(case)s不予受理，原因：%(reason)s。咨询：12345。"),
    ),
    "case_completed": Kind(
        ("centre", "case", "url"),
        _("%(centre)s：您的办件%(case)s已办结，请为本次服务评价：%(url)s"),
    ),
    "batch_completed": Kind(
        ("centre", "reference", "url"),
        _("%(centre)s：预约%(reference)s的企业批量办件已办结，请在预约凭证页为各办件评价：%(url)s"),
    ),
    "benefit_notice": Kind(
        ("matter", "benefits"),
        _("您的%(matter)s已办结，您还可以享受：%(benefits)s。有关单位会主动为您办理，无需再跑。"),
    ),
    "rating_answered": Kind(
        ("centre", "case", "url"),
        _("%(centre)s已回复您对办件%(case)s的评价，请查看：%(url)s"),
    ),
}


def render(template: str, params: dict[str, str]) -> str:
    """The text of a kind with its parameters ("" for a kind this site does not know)."""
    kind = KINDS.get(template)
    return str(kind.text) % params if kind else ""


def redact(params: dict[str, str]) -> dict[str, str]:
    return {key: REDACTED if key in SECRET_PARAMS else value for key, value in params.items()}


def redact_text(text: str, params: dict[str, str]) -> str:
    """The text with every secret parameter's value blanked out."""
    for key in SECRET_PARAMS & params.keys():
        if params[key]:
            text = text.replace(str(params[key]), REDACTED)
    return text


def ordered(template: str, params: dict[str, str]) -> list[str]:
    """The parameter values in the template's order (for gateways that number them)."""
    kind = KINDS.get(template)
    names = kind.params if kind else tuple(params)
    return [str(params.get(name, "")) for name in names]
