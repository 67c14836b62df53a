"""Booking throughput over HTTP against gunicorn on PostgreSQL, and the bare UPDATE it rests on.

Usage: python benchmarks/booking.py [--clients 32] [--seconds 30] [--workers 4]
Needs PostgreSQL at 127.0.0.1:5432 (user postgres); makes and drops its own database.
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import random
import sys
import threading
import time
from pathlib import Path

import psycopg
import requests

sys.path.insert(0, str(Path(__file__).resolve().parent))
from support import fresh_postgres, gunicorn, percentiles, prepare, shell_json  # noqa: E402

SCENARIO = """
import datetime as dt, json
from django.utils import timezone
from accounts.services import ensure_user
from appointments import capacity, schedule, services
from tests.appointments.factories import make_open_centre
centre = make_open_centre("BENCH1", counters=100, walk_in_share=30, horizon=30,
    hours=(dt.time(8), dt.time(18)), name="狮山街道便民服务中心")
now = timezone.now()
starts = [s for d in schedule.bookable_days(centre, now)[1:8] for s in schedule.bookable_starts(centre, d, now)]
capacity.ensure_slots(centre, starts)
ensure_user(email="bench@test.local", password="bench-pass-1")
print(json.dumps({"centre": centre.pk, "starts": [s.isoformat() for s in starts]}))
"""


def id_number(k: int) -> str:
    from stdnum.cn import ric

    birth = dt.date(1940, 1, 1) + dt.timedelta(days=k // 900)
    body = f"320505{birth:%Y%m%d}{k % 900 + 100:03d}"
    return body + ric.calc_check_digit(body + "0")


def login(url: str) -> requests.Session:
    session = requests.Session()
    session.get(f"{url}/accounts/login/")
    session.post(
        f"{url}/accounts/login/",
        data={
            "login": "bench@test.local",
            "password": "bench-pass-1",
            "csrfmiddlewaretoken": session.cookies["csrftoken"],
        },
    )
    session.headers["X-CSRFToken"] = session.cookies["csrftoken"]
    return session


def run_clients(
    url: str, scenario: dict, clients: int, seconds: float
) -> tuple[list[float], dict[int, int]]:
    counter = itertools.count()
    latencies: list[float] = []
    statuses: dict[int, int] = {}
    lock = threading.Lock()
    sessions = [login(url) for _ in range(clients)]
    deadline = time.monotonic() + seconds

    def client(session: requests.Session) -> None:
        while time.monotonic() < deadline:
            k = next(counter)
            payload = {
                "centre_id": scenario["centre"],
                "start": random.choice(scenario["starts"]),
                "matters": ["JS-MZ-04"],
                "applicant": {"name": "测试", "id_number": id_number(k), "phone": "13951234567"},
            }
            t0 = time.perf_counter()
            status = session.post(
                f"{url}/api/v1/appointments", json=payload, timeout=60
            ).status_code
            elapsed = (time.perf_counter() - t0) * 1000
            with lock:
                latencies.append(elapsed)
                statuses[status] = statuses.get(status, 0) + 1

    threads = [threading.Thread(target=client, args=(s,)) for s in sessions]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return latencies, statuses


def bare_update_rate(database_url: str, clients: int, seconds: float) -> float:
    """The single guarded UPDATE the booking relies on, on a scratch copy of the slots."""
    with psycopg.connect(database_url, autocommit=True) as conn:
        conn.execute("DROP TABLE IF EXISTS bench_slot")
        conn.execute(
            "CREATE TABLE bench_slot AS SELECT id, capacity_minutes * 1000 AS capacity_minutes, 0 AS booked_minutes "
            "FROM appointments_slot"
        )
        conn.execute("ALTER TABLE bench_slot ADD PRIMARY KEY (id)")
        ids = [row[0] for row in conn.execute("SELECT id FROM bench_slot")]
    done = itertools.count()
    deadline = time.monotonic() + seconds

    def worker() -> None:
        with psycopg.connect(database_url, autocommit=True) as conn:
            while time.monotonic() < deadline:
                conn.execute(
                    "UPDATE bench_slot SET booked_minutes = booked_minutes + 10 "
                    "WHERE id = %s AND booked_minutes + 10 <= capacity_minutes",
                    (random.choice(ids),),
                )
                next(done)

    threads = [threading.Thread(target=worker) for _ in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return (next(done)) / seconds


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--workers", type=int, default=4)
    args = parser.parse_args()

    database_url = fresh_postgres("portal_bench_booking")
    env = prepare(database_url)
    scenario = shell_json(env, SCENARIO)
    with gunicorn(env, workers=args.workers) as url:
        latencies, statuses = run_clients(url, scenario, args.clients, args.seconds)
    with psycopg.connect(database_url) as conn:
        over = conn.execute(
            "SELECT count(*) FROM appointments_slot WHERE booked_minutes > capacity_minutes"
        ).fetchone()[0]
        mismatched = conn.execute(
            "SELECT count(*) FROM appointments_slot s WHERE s.booked_minutes <> COALESCE((SELECT sum(a.minutes) "
            "FROM appointments_appointment a WHERE a.slot_id = s.id AND a.status = 'booked'), 0)"
        ).fetchone()[0]
    update_rate = bare_update_rate(database_url, args.clients, min(args.seconds, 10))

    booked = statuses.get(201, 0)
    p50, p95 = percentiles(latencies)
    rate = booked / args.seconds
    print(
        f"clients {args.clients}, gunicorn workers {args.workers}, {args.seconds:.0f} s, PostgreSQL"
    )
    print(
        f"bookings            : {booked} ({rate:.1f}/s); statuses {dict(sorted(statuses.items()))}"
    )
    print(f"latency             : p50 {p50:.1f} ms  p95 {p95:.1f} ms")
    print(
        f"slots over capacity : {over}; slots whose booked minutes differ from their appointments: {mismatched}"
    )
    print(f"bare guarded UPDATE : {update_rate:.0f}/s with {args.clients} connections")
    print(f"ratio booking / bare UPDATE: {rate / update_rate:.3f}")


if __name__ == "__main__":
    main()
