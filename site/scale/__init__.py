"""Synthetic province-scale data for benchmarks (the ``seed_scale`` command).

Every stage adds only what is missing, so a second run adds nothing, and a
larger size grows what a smaller one made. Rows go in bulk: PostgreSQL's COPY
where available, ``bulk_create`` in batches elsewhere.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Size:
    centres: int
    days: int  # days of slots, ending ``days - past_days`` days after today
    past_days: int = 0  # how many of those days lie before today
    staff: int = 0
    appointments: int = 0
    cases: int = 0  # closed cases over the past year, each with a rating


# Jiangsu: 1,244 centres, 25,828 staff accounts, 472,400 cases so far (issue 17).
PROVINCE = Size(
    centres=1244, days=60, past_days=30, staff=25_828, appointments=500_000, cases=472_400
)
