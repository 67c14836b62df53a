"""The rush's figures: Locust's statistics, the slots in the database, and the printed report."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import psycopg


def locust_stats(prefix: Path) -> dict[str, dict]:
    rows = {}
    with open(f"{prefix}_stats.csv") as f:
        for row in csv.DictReader(f):
            rows[row["Name"]] = {
                "requests": int(row["Request Count"]),
                "failures": int(row["Failure Count"]),
                "rps": float(row["Requests/s"]),
                "p50": float(row["50%"] or 0),
                "p95": float(row["95%"] or 0),
                "p99": float(row["99%"] or 0),
            }
    return rows


def slot_counts(database_url: str) -> dict:
    """Slots overbooked or out of step with their draws, and what the rush centres booked."""
    with psycopg.connect(database_url) as db:
        overbooked = db.execute(
            "SELECT count(*) FROM appointments_slot s WHERE s.booked_minutes > s.capacity_minutes"
            " OR s.booked_minutes <> COALESCE((SELECT sum(d.minutes) FROM appointments_slotdraw d"
            " WHERE d.slot_id = s.id), 0)"
        ).fetchone()[0]
        rush_booked = db.execute(
            "SELECT count(*) FROM appointments_appointment a JOIN appointments_servicecentre c"
            " ON c.id = a.centre_id WHERE c.code LIKE 'RUSH%%' AND a.status = 'booked'"
        ).fetchone()[0]
        rush_places = db.execute(
            "SELECT coalesce(sum(s.capacity_minutes), 0) / 10 FROM appointments_slot s"
            " JOIN appointments_servicecentre c ON c.id = s.centre_id WHERE c.code LIKE 'RUSH%%'"
        ).fetchone()[0]
    return {"overbooked": overbooked, "rush_booked": rush_booked, "rush_places": rush_places}


def report(
    args,
    *,
    stats: dict,
    failures: str,
    counts: dict,
    robots: dict,
    booking: dict,
    setup_seconds: float,
    web_concurrency: str,
) -> None:
    """The figures for a reader, then one JSON line for tests/deploy/test_rush.py."""
    overbooked, rush_booked, rush_places = (
        counts["overbooked"],
        counts["rush_booked"],
        counts["rush_places"],
    )
    total = stats.get("Aggregated", {})
    errors = sum(v["failures"] for k, v in stats.items() if k != "Aggregated")
    print(
        f"rush: {args.users} residents, {args.seconds} s, spawn {args.spawn_rate:g}/s; "
        f"nginx + 2 gunicorn ({web_concurrency} workers each) + worker on Redis, "
        f"PostgreSQL; set-up {setup_seconds:.0f} s"
    )
    print(f"requests/s overall: {total.get('rps', 0):.1f} ({total.get('requests', 0)} requests)")
    for name, row in stats.items():
        if name == "Aggregated":
            continue
        print(
            f"  {name:12s} {row['requests']:7d} req {row['rps']:7.1f}/s  p50 {row['p50']:.0f} ms"
            f"  p95 {row['p95']:.0f} ms  p99 {row['p99']:.0f} ms  errors {row['failures']}"
        )
    print(f"errors (409 full not counted): {errors}")
    if failures:
        print(failures[:2000])
    print(f"booked at the rush centres: {rush_booked} of {rush_places} ten-minute places")
    print(f"overbooked slots: {overbooked}")
    guide_p95 = stats.get("guide page", {}).get("p95", 0)
    print(f"guide page p95 during the rush: {guide_p95:.0f} ms")
    ratio = booking["per_second"] / robots["per_second"] if robots["per_second"] else 0
    print(
        f"same servers, {args.ratio_clients} clients, {args.ratio_seconds:g} s each: /robots.txt "
        f"{robots['per_second']:.1f}/s {robots['statuses']}; booking {booking['per_second']:.1f}/s "
        f"{booking['statuses']}; booking / robots.txt = {ratio:.0%}"
    )
    print(
        json.dumps(
            {
                "errors": errors,
                "overbooked": overbooked,
                "guide_p95_ms": guide_p95,
                "booked": rush_booked,
                "requests": total.get("requests", 0),
                "rps": total.get("rps", 0),
                "ratio": ratio,
                "endpoints": stats,
            }
        )
    )
