"""allauth's adapter: client address, and password failures keyed on account and address.

allauth counts failed logins under the account alone ("login_failed" per
key) and under the address, so an attacker who types a resident's e-mail
five times locks her out everywhere, and behind a proxy everyone shares one
address. Here a failure counts against the pair (account, address), which
is locked; against the address, which is locked only after far more
failures (spraying many accounts); and against the account from anywhere,
which is never locked but asks for a captcha (accounts/auth_forms.py).

Phones: residents sign up and log in with a mainland mobile number and a
code by text (allauth's phone support). The number is kept on the profile
as E.164 (accounts.services.set_login_phone); codes leave through
accounts.sms_codes, which limits how often a number gets one.
"""

from __future__ import annotations

import math

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context
from django import forms
from django.conf import settings
from django.contrib import messages
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts import selectors, services, sms_codes
from accounts.phones import MobileField
from core import limits
from core.addresses import client_ip
from core.captcha import note_attempt


def login_identifier(credentials: dict) -> str:
    login = credentials.get("email") or credentials.get("phone") or credentials.get("username")
    return str(login or "").strip().lower()


def _pair(request, login: str) -> str:
    return f"{login}|{client_ip(request)}"


def pair_limit() -> limits.Limit:
    return limits.Limit.parse(settings.LOGIN_FAILURES_PER_PAIR)


def address_limit() -> limits.Limit:
    return limits.Limit.parse(settings.LOGIN_FAILURES_PER_ADDRESS)


def _counters(request, login: str):
    return (
        ("login-failed-pair", _pair(request, login), pair_limit()),
        ("login-failed-address", client_ip(request), address_limit()),
    )


def locked_for(request, login: str) -> int:
    """Seconds this client must wait before trying ``login`` again; 0 when it may try."""
    return max(
        limits.locked_for(scope, subject) for scope, subject, _limit in _counters(request, login)
    )


def _counted(phone: str) -> bool:
    """Count a text to ``phone`` unless the form already did; False when it may not be sent."""
    request = context.request
    if request is None or phone in sms_codes.consumed(request):
        return True
    try:
        sms_codes.consume(request, phone)
    except sms_codes.TooSoon as refused:
        messages.error(request, refused.messages[0])
        return False
    return True


class AccountAdapter(DefaultAccountAdapter):
    # allauth's own Chinese for these is missing or misleading ("错误代码").
    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "incorrect_code": gettext_lazy("验证码不正确，请核对短信中的 6 位数字。"),
        "phone_taken": gettext_lazy("这个手机号已经注册过账号，请直接用它登录。"),
        "unknown_phone": gettext_lazy("这个手机号还没有注册账号。"),
        "phone_password_mismatch": gettext_lazy("手机号或密码不正确。"),
        # Said after too many wrong codes and after too many password attempts alike.
        "too_many_login_attempts": gettext_lazy(
            "错误次数太多：短信验证码已作废，请重新获取；用密码登录的请稍后再试。"
        ),
        "rate_limited": gettext_lazy("操作太频繁，请稍后再试。"),
        "same_as_current": gettext_lazy("新手机号与现在的相同。"),
    }

    def get_client_ip(self, request) -> str:
        return client_ip(request)

    def pre_authenticate(self, request, **credentials) -> None:
        # Replaces allauth's check (not called on purpose): see the module docstring.
        wait = locked_for(request, login_identifier(credentials))
        if wait:
            raise forms.ValidationError(
                _("登录失败次数过多，请 %(minutes)s 分钟后再试，或通过“忘记密码”重设密码。")
                % {"minutes": math.ceil(wait / 60)},
                code="too_many_login_attempts",
            )

    def authentication_failed(self, request, **credentials) -> None:
        login = login_identifier(credentials)
        for scope, subject, limit in _counters(request, login):
            if limits.hit(scope, subject, limit) >= limit.amount:
                # Locked for a whole window from this failure, not just to the window's end.
                limits.lock(scope, subject, limit.seconds)
        note_attempt(request, "login")
        note_attempt(request, "login_account", key=login)

    # Phones (allauth's phone support; see the module docstring).

    def phone_form_field(self, **kwargs):
        kwargs.pop("label", None)  # allauth passes its English "Phone"
        return MobileField(**kwargs)

    def set_phone(self, user, phone: str, verified: bool) -> None:
        services.set_login_phone(user=user, phone=phone, verified=verified)

    def get_phone(self, user) -> tuple[str, bool] | None:
        return selectors.login_phone_of(user)

    def set_phone_verified(self, user, phone: str) -> None:
        services.verify_login_phone(user=user, phone=phone)

    def get_user_by_phone(self, phone: str):
        return selectors.user_by_login_phone(phone)

    def send_verification_code_sms(self, user, phone: str, code: str, **kwargs) -> None:
        if _counted(phone):
            sms_codes.send_code(phone=phone, code=code)

    def send_unknown_account_sms(self, phone: str, **kwargs) -> None:
        if _counted(phone):
            sms_codes.send_unknown_account(phone=phone)

    def send_account_already_exists_sms(self, phone: str) -> None:
        if _counted(phone):
            sms_codes.send_account_exists(phone=phone)
