"""Counting working days the way the State Council's holiday notice sets them."""

from __future__ import annotations

import datetime as dt

from appointments.schedule import is_workday


def add_working_days(*, start: dt.date, days: int) -> dt.date:
    """The date ``days`` working days after ``start``; ``start`` itself never counts.

    For a year whose notice is not yet published, Monday to Friday count (see
    ``appointments.schedule.day_kind``).
    """
    day = start
    counted = 0
    while counted < days:
        day += dt.timedelta(days=1)
        if is_workday(day):
            counted += 1
    return day
