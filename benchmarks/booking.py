"""Booking throughput over HTTP against gunicorn on PostgreSQL, and the bare UPDATE it rests on.

In one run: a one-slot matter (尊老金申领, 10 minutes), a three-slot bundle
(新生儿出生一件事, 45 minutes at centres whose slot offers 21 online minutes),
and ``/robots.txt`` through every middleware with the same clients and their
sessions on the same servers: the booking's share of a trivial request's rate.

Usage: python benchmarks/booking.py [--clients 32] [--seconds 30] [--workers 4] [--redis URL]
Needs PostgreSQL at 127.0.0.1:5432 (user postgres); makes and drops its own database.
``--redis``: cache and sessions on Redis, as in production (the sessions are then
read from Redis, not PostgreSQL); give a database number no one else uses.
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import os
import random
import sys
import threading
import time
from pathlib import Path

import psycopg
import requests

sys.path.insert(0, str(Path(__file__).resolve().parent))
from support import fresh_postgres, gunicorn, percentiles, prepare, shell_json  # noqa: E402

# One counter and a 30% walk-in share: 21 online minutes a slot, so the 45-minute
# bundle draws from three slots; 60 such centres keep both phases from filling up.
SCENARIO = """
import datetime as dt, json
from django.utils import timezone
from accounts.services import ensure_user
from appointments import capacity, schedule
from tests.appointments.factories import make_open_centre
now = timezone.now()
places = []
for n in range(60):
    centre = make_open_centre(f"BENCH{n:02d}", counters=1, walk_in_share=30, horizon=30,
        hours=(dt.time(8), dt.time(18)), name=f"狮山街道便民服务中心{n}")
    for d in schedule.bookable_days(centre, now)[1:8]:
        starts = schedule.bookable_starts(centre, d, now)
        capacity.ensure_slots(centre, starts)
        # The last two starts of a day cannot hold a three-slot booking.
        places += [(centre.pk, s.isoformat()) for s in starts[:-2]]
ensure_user(email="bench@test.local", password="bench-pass-1")
print(json.dumps({"places": places}))
"""

PHASES = {
    "one-slot matter (JS-MZ-04, 10 min)": {"matters": ["JS-MZ-04"]},
    "three-slot bundle (JS-B-02, 45 min)": {
        "matters": ["JS-YB-01", "JS-RS-05", "JS-YB-04"],
        "situations": ["JS-YB-01-01"],
    },
}


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
    url: str, scenario: dict, clients: int, seconds: float, what: dict | None, counter
) -> tuple[list[float], dict[int, int]]:
    """Each client books (``what``: the matters) or, with None, asks for /robots.txt."""
    latencies: list[float] = []
    statuses: dict[int, int] = {}
    lock = threading.Lock()
    # One login shared by every client: allauth allows 30 logins a minute from one address.
    first = login(url)
    sessions = []
    for _ in range(clients):
        session = requests.Session()
        session.cookies.update(first.cookies)
        session.headers.update(first.headers)
        sessions.append(session)
    deadline = time.monotonic() + seconds

    def client(session: requests.Session) -> None:
        while time.monotonic() < deadline:
            if what is None:
                t0 = time.perf_counter()
                status = session.get(f"{url}/robots.txt", timeout=60).status_code
                elapsed = (time.perf_counter() - t0) * 1000
                with lock:
                    latencies.append(elapsed)
                    statuses[status] = statuses.get(status, 0) + 1
                continue
            k = next(counter)
            centre, start = random.choice(scenario["places"])
            payload = {
                "centre_id": centre,
                "start": start,
                **what,
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


def _cpu_seconds(pid: int) -> float | None:
    """User and system CPU time a process has used (Linux /proc); None once it is gone."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime, stime


class CpuMeter:
    """CPU seconds of the app server (its gunicorn processes) and of this database's
    PostgreSQL backends during a phase: a cost per request that other load on the
    machine hardly changes. Sampled twice a second, as backends come and go."""

    def __init__(self, url: str, database_url: str):
        self.port = url.rsplit(":", 1)[1]
        self.database_url = database_url
        self.first: dict[tuple[str, int], float] = {}
        self.last: dict[tuple[str, int], float] = {}
        self.done = threading.Event()

    def _pids(self):
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                try:
                    command = (entry / "cmdline").read_bytes()
                except OSError:
                    continue
                if b"gunicorn" in command and f"127.0.0.1:{self.port}".encode() in command:
                    yield "app", int(entry.name)
        name = self.database_url.rsplit("/", 1)[1]
        query = "SELECT pid FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()"
        for (pid,) in self.conn.execute(query, (name,)):
            yield "database", pid

    def _sample(self, first: bool) -> None:
        for key in self._pids():
            used = _cpu_seconds(key[1])
            if used is None:
                continue
            # A backend born during the phase spent all its time in it.
            self.first.setdefault(key, used if first else 0.0)
            self.last[key] = used

    def __enter__(self):
        self.conn = psycopg.connect(self.database_url, autocommit=True)
        self._sample(first=True)
        self.thread = threading.Thread(target=self._run)
        self.thread.start()
        return self

    def _run(self) -> None:
        while not self.done.wait(0.5):
            self._sample(first=False)

    def __exit__(self, *exc):
        self.done.set()
        self.thread.join()
        self._sample(first=False)
        self.conn.close()

    def used(self) -> tuple[float, float]:
        totals = {"app": 0.0, "database": 0.0}
        for key, last in self.last.items():
            totals[key[0]] += last - self.first[key]
        return totals["app"], totals["database"]


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


def _per_request(used: tuple[float, float], requests_done: int) -> str:
    app, database = (1000 * seconds / max(requests_done, 1) for seconds in used)
    return f"app {app:.1f} ms, PostgreSQL {database:.1f} ms"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--redis", default="", help="REDIS_URL for cache and sessions")
    parser.add_argument("--database", default="portal_bench_booking")
    args = parser.parse_args()

    database_url = fresh_postgres(args.database)
    env = prepare(database_url)
    env["REDIS_URL"] = args.redis
    scenario = shell_json(env, SCENARIO)
    counter = itertools.count()
    results = {}
    cpu = {}

    def phase(url: str, name: str, what: dict | None):
        with CpuMeter(url, database_url) as meter:
            result = run_clients(url, scenario, args.clients, args.seconds, what, counter)
        cpu[name] = meter.used()
        return result

    with gunicorn(env, workers=args.workers) as url:
        for name, what in PHASES.items():
            results[name] = phase(url, name, what)
        robots = phase(url, "robots", None)
    with psycopg.connect(database_url) as conn:
        over = conn.execute(
            "SELECT count(*) FROM appointments_slot WHERE booked_minutes > capacity_minutes"
        ).fetchone()[0]
        mismatched = conn.execute(
            "SELECT count(*) FROM appointments_slot s WHERE s.booked_minutes <> COALESCE((SELECT sum(d.minutes) "
            "FROM appointments_slotdraw d WHERE d.slot_id = s.id), 0)"
        ).fetchone()[0]
        spans = conn.execute(
            "SELECT n, count(*) FROM (SELECT appointment_id, count(*) AS n FROM appointments_slotdraw "
            "GROUP BY appointment_id) x GROUP BY n ORDER BY n"
        ).fetchall()
    update_rate = bare_update_rate(database_url, args.clients, min(args.seconds, 10))

    print(
        f"clients {args.clients}, gunicorn workers {args.workers}, {args.seconds:.0f} s per phase, "
        f"PostgreSQL, {'Redis' if args.redis else 'no Redis (local memory cache, sessions in PostgreSQL)'}"
    )
    rates = {}
    for name, (latencies, statuses) in results.items():
        booked = statuses.get(201, 0)
        p50, p95 = percentiles(latencies)
        rates[name] = booked / args.seconds
        print(
            f"{name}: {booked} bookings ({rates[name]:.1f}/s); statuses {dict(sorted(statuses.items()))}"
        )
        print(f"    latency p50 {p50:.1f} ms  p95 {p95:.1f} ms")
        print(f"    CPU per request: {_per_request(cpu[name], sum(statuses.values()))}")
    one, three = rates.values()
    print(f"ratio three-slot / one-slot bookings per second: {three / one:.2f}")
    latencies, statuses = robots
    robots_rate = statuses.get(200, 0) / args.seconds
    p50, p95 = percentiles(latencies)
    print(f"/robots.txt: {robots_rate:.1f}/s; statuses {dict(sorted(statuses.items()))}")
    print(f"    latency p50 {p50:.1f} ms  p95 {p95:.1f} ms")
    print(f"    CPU per request: {_per_request(cpu['robots'], sum(statuses.values()))}")
    print(f"ratio one-slot booking / robots.txt: {one / robots_rate:.0%}")
    first = next(iter(PHASES))
    booking_cpu = sum(cpu[first]) / max(sum(results[first][1].values()), 1)
    robots_cpu = sum(cpu["robots"]) / max(sum(statuses.values()), 1)
    print(
        f"ratio of CPU per request, robots.txt / one-slot booking (app and database): "
        f"{robots_cpu / booking_cpu:.0%}"
    )
    print(f"appointments by number of slots drawn from: {dict(spans)}")
    print(
        f"slots over capacity : {over}; slots whose booked minutes differ from their draws: {mismatched}"
    )
    print(f"bare guarded UPDATE : {update_rate:.0f}/s with {args.clients} connections")
    print(f"ratio one-slot booking / bare UPDATE: {one / update_rate:.3f}")


if __name__ == "__main__":
    main()
