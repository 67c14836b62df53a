"""Mainland mobile numbers: how residents type them, and the one form they are kept in.

A resident types 139 1234 5678, +86 139-1234-5678 or full-width digits from
a Chinese input method; all of them are the same number, kept as E.164
(+8613912345678) for login and shown in the 11-digit national form.
"""

from __future__ import annotations

import phonenumbers
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


def normalise_mobile(raw: str) -> str:
    """The E.164 form of a mainland mobile number; ValidationError in Chinese otherwise."""
    text = (raw or "").strip()
    if not text:
        raise ValidationError(_("请输入手机号码。"), code="required")
    try:
        number = phonenumbers.parse(text, "CN")
    except phonenumbers.NumberParseException:
        raise ValidationError(_("请输入11位手机号码，例如 13912345678。"), code="format") from None
    if (
        not phonenumbers.is_valid_number(number)
        or phonenumbers.region_code_for_number(number) != "CN"
    ):
        raise ValidationError(
            _("请输入中国大陆的11位手机号码，例如 13912345678。"), code="not_mainland"
        )
    if phonenumbers.number_type(number) not in (
        phonenumbers.PhoneNumberType.MOBILE,
        phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE,
    ):
        raise ValidationError(_("这是座机号码，请输入能接收短信的手机号码。"), code="not_mobile")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def national(phone: str) -> str:
    """+8613912345678 → 13912345678 (what is printed and what booking texts go to)."""
    return phone[3:] if phone.startswith("+86") else phone


def masked(phone: str) -> str:
    """139****5678: enough for a person to recognise her number, and for logs."""
    digits = national(phone)
    if len(digits) < 7:
        return "*" * len(digits)
    return f"{digits[:3]}****{digits[-4:]}"


class MobileField(forms.CharField):
    """A text field for a mobile number: a phone keypad, never ``type=email``."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("手机号码"))
        kwargs.setdefault("max_length", 32)
        kwargs.setdefault(
            "widget",
            forms.TextInput(
                attrs={
                    "type": "tel",
                    "inputmode": "tel",
                    "autocomplete": "tel",
                    "placeholder": _("例如 13912345678"),
                }
            ),
        )
        kwargs.setdefault("error_messages", {"required": _("请输入手机号码。")})
        super().__init__(**kwargs)

    def clean(self, value):
        value = super().clean(value)
        return normalise_mobile(value) if value else value
