"""allauth's login and sign-up forms with a captcha once attempts pile up."""

from __future__ import annotations

from allauth.account import forms as allauth_forms

from accounts.adapter import login_identifier
from accounts.captcha import captcha_field, needs_captcha, note_attempt


class LoginForm(allauth_forms.LoginForm):
    """A captcha after repeated failures from this address, or on this account from anywhere."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        login = login_identifier({"email": self.data.get("login", "")}) if self.is_bound else ""
        if self.request is not None and (
            needs_captcha(self.request, "login")
            or (login and needs_captcha(self.request, "login_account", key=login))
        ):
            self.fields["captcha"] = captcha_field()


class SignupForm(allauth_forms.SignupForm):
    """A captcha once an address has opened a few accounts; the view passes the request."""

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.request = request
        if request is not None and needs_captcha(request, "signup"):
            self.fields["captcha"] = captcha_field()

    def save(self, request):
        user = super().save(request)
        note_attempt(request, "signup")
        return user
