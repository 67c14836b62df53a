"""Text messages that carry a one-time code, and how often a number may get one.

Every code a resident asks for (login, sign-up, a new phone) costs the
province a text and lands on somebody's phone, so sending is limited per
number (``SMS_CODE_LIMITS_PER_PHONE``: one a minute, five an hour, ten a
day) and per client address (``SMS_CODE_LIMITS_PER_ADDRESS``), and asks for
a captcha past ``CAPTCHA_AFTER["sms_code"]``. A refusal says in Chinese how
long to wait. Nothing here logs a code or a whole number.

What the texts and pages tell a resident about a code (how long it lives,
how many wrong tries it takes, how long until the next one) is read from
the settings that decide it, never written into the words.
"""

from __future__ import annotations

import logging
import math
import time
from dataclasses import dataclass

from allauth.account import app_settings
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from accounts.addresses import client_ip
from accounts.phones import masked, national
from core import limits
from core.captcha import SMS_CODE_SCOPE, note_attempt
from core.messages import send_sms

logger = logging.getLogger(__name__)

CAPTCHA_SCOPE = SMS_CODE_SCOPE
# Template names as the SMS gateways know them (one approved template each).
CODE_TEMPLATE = "login_code"
UNKNOWN_ACCOUNT_TEMPLATE = "account_unknown"
ACCOUNT_EXISTS_TEMPLATE = "account_exists"


@dataclass(frozen=True)
class CodeRules:
    minutes: int  # how long a code lives
    attempts: int  # wrong entries before it is spent


def whole_minutes(seconds: int) -> int:
    # Rounded down: a text never promises a code a longer life than it has.
    return max(1, seconds // 60)


def code_rules(flow: str) -> CodeRules:
    """The rules of a login code (``"login"``) or of a phone verification code (``"phone"``)."""
    if flow == "phone":
        return CodeRules(
            minutes=whole_minutes(app_settings.PHONE_VERIFICATION_TIMEOUT),
            attempts=app_settings.PHONE_VERIFICATION_MAX_ATTEMPTS,
        )
    return CodeRules(
        minutes=whole_minutes(app_settings.LOGIN_BY_CODE_TIMEOUT),
        attempts=app_settings.LOGIN_BY_CODE_MAX_ATTEMPTS,
    )


def text_minutes() -> int:
    """The life a code's text promises: one text (one gateway template) serves both flows."""
    return min(code_rules("login").minutes, code_rules("phone").minutes)


def resend_minutes() -> int | None:
    """How long a number waits for its next code: its one-per-window limit, if it has one."""
    locks = [
        limit.seconds for limit in _parse(settings.SMS_CODE_LIMITS_PER_PHONE) if limit.amount == 1
    ]
    return math.ceil(min(locks) / 60) if locks else None


class TooSoon(ValidationError):
    """A code asked for too soon; ``retry_after`` is in seconds."""

    def __init__(self, retry_after: int):
        self.retry_after = retry_after
        super().__init__(wait_message(retry_after), code="sms_code_too_soon")


def wait_message(seconds: int) -> str:
    if seconds < 120:
        return _("请 %(seconds)s 秒后再获取验证码。") % {"seconds": seconds}
    if seconds < 2 * 3600:
        return _("获取验证码太频繁，请 %(minutes)s 分钟后再获取。") % {
            "minutes": math.ceil(seconds / 60)
        }
    return _("今天获取验证码的次数太多，请 %(hours)s 小时后再获取。") % {
        "hours": math.ceil(seconds / 3600)
    }


def _parse(rates: str) -> list[limits.Limit]:
    return [limits.Limit.parse(rate) for rate in rates.split(",") if rate.strip()]


def _counters(request, phone: str):
    for limit in _parse(settings.SMS_CODE_LIMITS_PER_PHONE):
        yield "sms-code-phone", phone, limit
    for limit in _parse(settings.SMS_CODE_LIMITS_PER_ADDRESS):
        yield "sms-code-address", client_ip(request), limit


def consume(request, phone: str) -> None:
    """Count one code sent to ``phone`` from this client; TooSoon when it may not be sent.

    A limit of one per window is a lock from the moment of sending (so "one a
    minute" means 60 seconds, not the rest of a clock minute), taken with an
    atomic add so two simultaneous requests cannot both pass; the others are
    counters in fixed windows.
    """
    counters = list(_counters(request, phone))
    wait = max((_left(scope, subject) for scope, subject, _l in counters), default=0)
    if wait:
        raise TooSoon(wait)
    for scope, subject, limit in counters:
        if limit.amount == 1 and not limits.try_lock(scope, subject, limit.seconds):
            raise TooSoon(max(1, _left(scope, subject)))
    for scope, subject, limit in counters:
        if limit.amount == 1:
            continue
        if limits.hit(scope, subject, limit) > limit.amount:
            # Locked to the end of the window, so the next try is told the same wait.
            wait = limit.retry_after(time.time())
            limits.lock(scope, subject, wait)
            raise TooSoon(wait)
    note_attempt(request, CAPTCHA_SCOPE)
    consumed(request).add(phone)


def _left(scope: str, subject: str) -> int:
    return math.ceil(limits.lock_remaining(scope, subject))


def consumed(request) -> set:
    """Numbers already counted in this request, so the adapter does not count them twice."""
    if not hasattr(request, "sms_codes_counted"):
        request.sms_codes_counted = set()
    return request.sms_codes_counted


def send_code(*, phone: str, code: str) -> None:
    params = {"code": code, "minutes": text_minutes()}
    text = _("验证码 %(code)s，%(minutes)s 分钟内有效。请勿告诉他人，工作人员不会向您索要。") % (
        params
    )
    send_sms(national(phone), text, template=CODE_TEMPLATE, params=params)
    logger.info("sms code sent to %s", masked(phone))


def send_unknown_account(*, phone: str) -> None:
    text = _("您用本手机号获取了登录验证码，但它还没有注册账号。请在网站上用手机号注册。")
    send_sms(national(phone), text, template=UNKNOWN_ACCOUNT_TEMPLATE, params={})
    logger.info("unknown-account text sent to %s", masked(phone))


def send_account_exists(*, phone: str) -> None:
    text = _("本手机号已经注册过账号，不必再注册，请直接用手机号和短信验证码登录。")
    send_sms(national(phone), text, template=ACCOUNT_EXISTS_TEMPLATE, params={})
    logger.info("account-exists text sent to %s", masked(phone))
