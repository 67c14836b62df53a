"""Counting working days the way the State Council's holiday notice sets them."""

from __future__ import annotations

import datetime as dt

from centres.calendar import is_workday, year_confirmed


def add_working_days(*, start: dt.date, days: int) -> dt.date:
    """The date ``days`` working days after ``start``; ``start`` itself never counts.

    No day of a year whose holiday calendar is not confirmed counts (see
    ``centres.calendar.day_kind``): a count that runs into such a year
    stops at the last working day before it (``start`` if none), a shorter
    deadline rather than a guessed one.
    """
    day = start
    last_counted = start
    counted = 0
    while counted < days:
        day += dt.timedelta(days=1)
        if not year_confirmed(day.year):
            return last_counted
        if is_workday(day):
            counted += 1
            last_counted = day
    return day
