"""allauth's forms: a captcha once attempts pile up, and mobile numbers as residents type them."""

from __future__ import annotations

from allauth.account import forms as allauth_forms
from allauth.core import context
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from accounts import sms_codes
from accounts.adapter import login_identifier
from accounts.phones import MobileField, normalise_mobile
from core.captcha import captcha_field, needs_captcha, note_attempt


def _login_value(raw: str) -> str:
    """An e-mail address as typed, or a mobile number in E.164."""
    value = (raw or "").strip()
    if "@" in value:
        return value
    return normalise_mobile(value)


class LoginForm(allauth_forms.LoginForm):
    """Mobile number or e-mail, and a password; a captcha after repeated failures."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A plain text field: type=email would refuse 13912345678.
        self.fields["login"] = forms.CharField(
            label=_("手机号或电子邮箱"),
            max_length=254,
            widget=forms.TextInput(attrs={"autocomplete": "username"}),
            error_messages={"required": _("请输入手机号或电子邮箱。")},
        )
        self.order_fields(["login", "password", "remember"])
        login = ""
        if self.is_bound:
            try:
                login = login_identifier({"email": _login_value(self.data.get("login", ""))})
            except ValidationError:
                login = ""
        if self.request is not None and (
            needs_captcha(self.request, "login")
            or (login and needs_captcha(self.request, "login_account", key=login))
        ):
            self.fields["captcha"] = captcha_field()

    def clean_login(self) -> str:
        return _login_value(self.cleaned_data["login"])


def _code_captcha(form) -> None:
    request = context.request
    if request is not None and needs_captcha(request, sms_codes.CAPTCHA_SCOPE):
        form.fields["captcha"] = captcha_field()


def _count_code(form, field: str = "phone") -> None:
    """Count the text this valid form is about to cause; a field error when it may not go."""
    phone = form.cleaned_data.get(field)
    if form.errors or not phone or context.request is None:
        return
    try:
        sms_codes.consume(context.request, phone)
    except sms_codes.TooSoon as refused:
        form.add_error(field, refused)


class RequestLoginCodeForm(allauth_forms.RequestLoginCodeForm):
    """A code by text to a mobile number: the password-free login residents use."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Codes by e-mail stay possible through allauth, but this page asks for the phone.
        self.fields.pop("email", None)
        self.fields["phone"] = MobileField(required=True)
        _code_captcha(self)

    def clean(self):
        cleaned_data = super().clean()
        _count_code(self)
        return cleaned_data


class SignupForm(allauth_forms.SignupForm):
    """A captcha once an address has opened a few accounts or asked for many codes."""

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.request = request
        # Every resident signs up with a phone (see ACCOUNT_SIGNUP_FIELDS for why it is set here).
        self.fields["phone"].required = True
        if request is not None and needs_captcha(request, "signup"):
            self.fields["captcha"] = captcha_field()
        else:
            _code_captcha(self)
        if "email" in self.fields:
            self.fields["email"].label = _("电子邮箱（选填）")
            self.fields["email"].help_text = _("没有电子邮箱可以不填。")
        if "password1" in self.fields:
            self.fields["password1"].label = _("密码（选填）")
            self.fields["password1"].help_text = _(
                "可以不设密码，每次用短信验证码登录；设密码须至少 8 位，不能全是数字。"
            )
        if "password2" in self.fields:
            self.fields["password2"].label = _("再输一遍密码")

    def clean(self):
        cleaned_data = super().clean()
        _count_code(self)
        return cleaned_data

    def save(self, request):
        user = super().save(request)
        note_attempt(request, "signup")
        return user


class ChangePhoneForm(allauth_forms.ChangePhoneForm):
    """Add or change the account's mobile number; the code goes to the new number."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["phone"].label = _("新手机号码")
        _code_captcha(self)

    def clean(self):
        cleaned_data = super().clean()
        _count_code(self)
        return cleaned_data
