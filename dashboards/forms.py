"""The period a dashboard covers, from the ``from`` and ``to`` query parameters."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dashboards.scope import CHINA, MAX_DAYS, Period

# The default period: the last 30 days and the next 14, so that the coming
# weeks' bookings (the load a centre must staff for) show without asking.
PAST_DAYS = 30
AHEAD_DAYS = 14

DATE_ERRORS = {"invalid": _("请按“年-月-日”填写日期，例如 2026-11-24。")}


class PeriodForm(forms.Form):
    # "from" is a Python keyword, so the fields are added by name.
    def __init__(self, *args, today: dt.date | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today or timezone.localdate(timezone.now(), CHINA)
        widget = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
        self.fields["from"] = forms.DateField(
            label=_("开始日期"), required=False, widget=widget, error_messages=DATE_ERRORS
        )
        self.fields["to"] = forms.DateField(
            label=_("结束日期"), required=False, widget=widget, error_messages=DATE_ERRORS
        )

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        default = default_period(self.today)
        last = data.get("to") or default.last
        first = data.get("from") or (
            default.first if not data.get("to") else last - dt.timedelta(days=PAST_DAYS - 1)
        )
        if first > last:
            raise forms.ValidationError(_("开始日期不能晚于结束日期。"))
        if (last - first).days + 1 > MAX_DAYS:
            raise forms.ValidationError(
                _("一次最多查看 %(days)s 天，请缩短日期范围。") % {"days": MAX_DAYS}
            )
        data["period"] = Period(first, last)
        return data

    def period(self) -> Period:
        """The chosen period, or the default one when the input was wrong or absent."""
        if self.is_valid():
            return self.cleaned_data["period"]
        return default_period(self.today)


def default_period(today: dt.date) -> Period:
    return Period(today - dt.timedelta(days=PAST_DAYS - 1), today + dt.timedelta(days=AHEAD_DAYS))
