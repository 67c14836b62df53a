"""allauth's adapter: client address, and password failures keyed on account and address.

allauth counts failed logins under the account alone ("login_failed" per
key) and under the address, so an attacker who types a resident's e-mail
five times locks her out everywhere, and behind a proxy everyone shares one
address. Here a failure counts against the pair (account, address), which
is locked; against the address, which is locked only after far more
failures (spraying many accounts); and against the account from anywhere,
which is never locked but asks for a captcha (accounts/auth_forms.py).
"""

from __future__ import annotations

import math

from allauth.account.adapter import DefaultAccountAdapter
from django import forms
from django.conf import settings
from django.utils.translation import gettext as _

from accounts import limits
from accounts.captcha import note_attempt
from core.addresses import client_ip


def login_identifier(credentials: dict) -> str:
    return str(credentials.get("email") or credentials.get("username") or "").strip().lower()


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


class AccountAdapter(DefaultAccountAdapter):
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
