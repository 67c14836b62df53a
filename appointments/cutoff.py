"""The cancellation cut-off as readers meet it before they book."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.utils import timezone


def hours() -> int:
    return settings.BOOKING_CANCEL_CUTOFF_HOURS


def first_cancellable_start(now: dt.datetime | None = None) -> dt.datetime:
    """A booking starting before this moment could not be cancelled or moved once made."""
    return (now or timezone.now()) + dt.timedelta(hours=hours())


def inside_cutoff(start: dt.datetime, now: dt.datetime | None = None) -> bool:
    return start < first_cancellable_start(now)
