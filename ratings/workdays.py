"""Counting working days the way the State Council's holiday notice sets them."""

from __future__ import annotations

import datetime as dt

import chinese_calendar


def is_workday(day: dt.date) -> bool:
    try:
        return chinese_calendar.is_workday(day)
    except NotImplementedError:
        # The library knows a year only once the notice is published (each
        # December); until then Monday to Friday is the best estimate.
        return day.weekday() < 5


def add_working_days(*, start: dt.date, days: int) -> dt.date:
    """The date ``days`` working days after ``start``; ``start`` itself never counts."""
    day = start
    counted = 0
    while counted < days:
        day += dt.timedelta(days=1)
        if is_workday(day):
            counted += 1
    return day
