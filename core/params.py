"""Reading query and form parameters of pages: malformed input is a 400, never a 500."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import BadRequest
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _


def date_param(value: str | None) -> dt.date | None:
    """A date like 2026-12-07; None when absent; 400 for a date that does not exist (2026-13-01)."""
    if not value:
        return None
    try:
        return parse_date(value)
    except ValueError:
        raise BadRequest(_("日期不正确，请重新选择。")) from None
