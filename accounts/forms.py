"""Sign-up for residents and HR officers: e-mail, password and a mainland mobile number."""

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import Profile
from appointments.forms import clean_mobile


class SignupForm(forms.Form):
    """Extra fields for allauth's sign-up form (ACCOUNT_SIGNUP_FORM_CLASS)."""

    phone = forms.CharField(
        label=_("手机号码"),
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
        help_text=_("用于接收预约提醒。"),
    )

    def clean_phone(self):
        return clean_mobile(self.cleaned_data["phone"])

    def signup(self, request, user):
        Profile.objects.update_or_create(user=user, defaults={"phone": self.cleaned_data["phone"]})
