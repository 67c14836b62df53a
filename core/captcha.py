"""A captcha after repeated failures or suspicious volume, for any form.

The images come from django-simple-captcha's view on this site (/captcha/),
never from a third-party host. Usage in a view or form::

    if needs_captcha(request, "booking"):
        form.fields["captcha"] = captcha_field()
    ...
    note_attempt(request, "booking")   # after each attempt that should count

Thresholds are ``CAPTCHA_AFTER[scope]`` ("amount/seconds"), counted per
client address, or per ``key`` (e.g. an account) when one is given.
"""

from __future__ import annotations

from captcha.fields import CaptchaField, CaptchaTextInput
from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from core import limits
from core.addresses import client_ip


def _limit(scope: str) -> limits.Limit | None:
    rate = settings.CAPTCHA_AFTER.get(scope)
    return limits.Limit.parse(rate) if rate else None


def _subject(request, key: str | None) -> str:
    return f"key:{key}" if key is not None else f"ip:{client_ip(request)}"


def needs_captcha(request, scope: str, *, key: str | None = None) -> bool:
    """Whether the next attempt in ``scope`` from this client (or on ``key``) needs a captcha."""
    limit = _limit(scope)
    if limit is None:
        return False
    subject = _subject(request, key)
    return limits.reached(f"captcha:{scope}", subject, limit) or bool(
        limits.locked_for(f"captcha:{scope}", subject)
    )


def note_attempt(request, scope: str, *, key: str | None = None) -> None:
    """Count an attempt towards the captcha threshold of ``scope``."""
    limit = _limit(scope)
    if limit is None:
        return
    subject = _subject(request, key)
    if limits.hit(f"captcha:{scope}", subject, limit) >= limit.amount:
        # Asked for a whole window from the attempt that crossed the threshold.
        limits.lock(f"captcha:{scope}", subject, limit.seconds)


# Every text with a code (login, sign-up, a new phone, bookings by ID number)
# counts towards one captcha threshold, whichever page asked for it.
SMS_CODE_SCOPE = "sms_code"


class CaptchaWidget(CaptchaTextInput):
    # The library's template says alt="captcha"; this one says what it is in Chinese.
    template_name = "core/captcha_widget.html"


def captcha_field() -> CaptchaField:
    return CaptchaField(
        widget=CaptchaWidget(attrs={"autocomplete": "off", "autocapitalize": "off"}),
        label=_("验证码"),
        help_text=_("请输入图片中的字符，看不清可刷新页面换一张。"),
        error_messages={"invalid": _("验证码不正确，请重新输入。")},
    )


class CaptchaForm(forms.Form):
    """The captcha alone, for a page whose own form should not change shape."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["captcha"] = captcha_field()
