"""Types shared by the API's schemas."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from django.utils import timezone
from pydantic import AfterValidator


def _local_if_naive(value: dt.datetime) -> dt.datetime:
    # The contract's times are Beijing time: a time sent without a UTC offset
    # ("2026-12-07T11:00:00") is read as Asia/Shanghai (settings.TIME_ZONE).
    if timezone.is_naive(value):
        return timezone.make_aware(value)
    return value


LocalDateTime = Annotated[dt.datetime, AfterValidator(_local_if_naive)]
