"""Availability of one centre-day: GET /api/v1/centres/{id}/slots, people=1 and people=6.

Times are measured at the server (Django's test client in this process, so no
network), with the queries each call makes. The day is half booked, so the
answer has to walk spill-overs. Runs on PostgreSQL (DATABASE_URL, default a
fresh local database).

Usage: python benchmarks/availability.py [--calls 300] [--province]
``--province``: on a database seeded by ``seed_scale --province`` (DATABASE_URL),
read the busiest bookable centre-day of the seeded ones instead of making a
centre; nothing is written.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from support import ROOT, fresh_postgres, percentiles, prepare  # noqa: E402

ONBOARDING = "JS-RS-03,JS-RS-07,JS-YB-02,JS-GJ-02"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--calls", type=int, default=300)
    parser.add_argument("--province", action="store_true", help="a seeded centre-day")
    args = parser.parse_args()
    if args.province and not os.environ.get("DATABASE_URL"):
        parser.error("--province reads the seeded database DATABASE_URL names")
    database_url = os.environ.get("DATABASE_URL") or fresh_postgres("portal_bench_availability")
    env = prepare(database_url)
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.db import connection, reset_queries
    from django.test import Client
    from django.utils import timezone

    from appointments import capacity, schedule
    from tests.appointments.factories import make_open_centre

    if args.province:
        centre, day = busiest_centre_day(timezone.now())
    else:
        centre = make_open_centre("AVAIL1", counters=6, walk_in_share=30, name="兴隆街道（基准）")
        day = schedule.bookable_days(centre, timezone.now())[2]
        starts = schedule.bookable_starts(centre, day, timezone.now())
        slots = capacity.ensure_slots(centre, starts)
        for n, start in enumerate(starts):  # every other slot half booked
            if n % 2:
                slot = slots[start]
                slot.booked_minutes = slot.capacity_minutes // 2
                slot.save(update_fields=["booked_minutes"])
    starts = schedule.bookable_starts(centre, day, timezone.now())
    client = Client(HTTP_HOST="127.0.0.1")
    data = "province data" if args.province else "one new centre"
    print(
        f"one centre-day ({centre.code}, {day}): {len(starts)} starts, PostgreSQL, {data}, "
        f"{args.calls} calls each"
    )
    for people in (1, 6):
        url = f"/api/v1/centres/{centre.pk}/slots?date={day}&matters={ONBOARDING}&people={people}"
        first = client.get(url)
        assert first.status_code == 200, first.content[:300]
        connection.force_debug_cursor = True
        reset_queries()
        client.get(url)
        queries = len(connection.queries)
        connection.force_debug_cursor = False
        samples = []
        for _ in range(args.calls):
            t0 = time.perf_counter()
            client.get(url)
            samples.append((time.perf_counter() - t0) * 1000)
        p50, p95 = percentiles(samples)
        available = sum(s["available"] for s in client.get(url).json())
        print(
            f"people={people}: p50 {p50:.2f} ms  p95 {p95:.2f} ms  queries per call {queries}"
            f"  (available starts {available})"
        )


def busiest_centre_day(now):
    """The seeded centre-day, bookable now, with the most slots partly booked."""
    from django.db.models import Count
    from django.db.models.functions import TruncDate

    from appointments import schedule
    from appointments.models import Slot
    from centres.models import ServiceCentre
    from portal.scale.places import CODE_PREFIX

    rows = (
        Slot.objects.filter(
            start__gt=now, booked_minutes__gt=0, centre__code__startswith=CODE_PREFIX
        )
        .annotate(day=TruncDate("start"))
        .values("centre", "day")
        .annotate(n=Count("id"))
        .order_by("-n")[:50]
    )
    for row in rows:
        centre = ServiceCentre.objects.get(pk=row["centre"])
        if row["day"] in schedule.bookable_days(centre, now):
            return centre, row["day"]
    raise SystemExit("no bookable seeded centre-day with bookings: seed_scale --province first")


if __name__ == "__main__":
    main()
