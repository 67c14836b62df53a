"""The 8 o'clock rush with Locust, against the production topology on the loopback.

Usage: python benchmarks/rush/run.py [--users 2000] [--seconds 120] [--database rush_locust]
Needs PostgreSQL at 127.0.0.1:5432 (user postgres; the database is made afresh),
Redis (RUSH_REDIS_URL, default redis://127.0.0.1:6379/4, flushed) and Debian's nginx.

nginx (deploy/nginx) in front of two gunicorn servers (deploy/systemd,
deploy/gunicorn.conf.py) and the django-q2 worker on Redis, as
tests/deploy/topology.py brings them up. A new day opens: its slots do not
exist until the first resident asks. Locust's residents read a guide, poll a
centre's slots and book. Then, with the same servers and the same clients,
/robots.txt and booking are each run flat out for the same time: their ratio.
Prints the figures and, last, one JSON line with them (tests/deploy/test_rush.py).
"""

from __future__ import annotations

import argparse
import csv
import itertools
import json
import os
import random
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from contextlib import ExitStack
from pathlib import Path

import psycopg
import requests

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))
from locustfile_ids import id_number  # noqa: E402
from support import free_port, fresh_postgres, manage, shell_json  # noqa: E402

from tests.deploy.topology import nginx, unit_command  # noqa: E402
from tests.support.live import serve, wait_until_ready  # noqa: E402

REDIS_URL = os.environ.get("RUSH_REDIS_URL", "redis://127.0.0.1:6379/4")
MATTER = "JS-MZ-04"  # 尊老金申领: one slot

SETTINGS = {
    "DJANGO_SETTINGS_MODULE": "portal.settings.test",
    "REDIS_URL": REDIS_URL,
    "TEST_SHARED_REDIS": "1",
    "Q_SYNC": "0",
    "Q_WORKERS": "2",
    "WEB_CONCURRENCY": "3",
    "GUNICORN_LOG_LEVEL": "error",
    "PAGE_CACHE_SECONDS": "600",
    "TRUSTED_PROXY_COUNT": "1",
    "LOG_LEVEL": "WARNING",
    "CONN_MAX_AGE": "60",
    # A few accounts stand in for two thousand residents behind one address.
    "BOOKING_RATE_PER_ACCOUNT": "1000000",
    "BOOKING_RATE_PER_ADDRESS": "1000000",
    "SLOT_POLL_RATE_PER_ADDRESS": "1000000",
    "BOOKING_MAX_ACTIVE_FOR_OTHERS": "1000000",
}

SCENARIO = """
import json, datetime as dt
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.utils import timezone
from importlib import import_module
from accounts.services import ensure_user
from appointments import capacity, schedule
from appointments.models import Slot
from guides.models import MatterPage
from tests.appointments.factories import make_open_centre
now = timezone.now()
hours = (dt.time(8, 30), dt.time(17))
rush = [make_open_centre(f"RUSH{n:02d}", counters=2, walk_in_share=30, hours=hours,
        name=f"狮山街道便民服务中心{n}") for n in range(CENTRES)]
day = schedule.bookable_days(rush[0], now)[-1]  # the day that opens now: no slot rows yet
# The ratio's bookings must not meet a full slot: big centres on another day.
big = [make_open_centre(f"RATIO{n:02d}", counters=100, hours=hours, name=f"大中心{n}") for n in range(10)]
ratio_day = schedule.bookable_days(big[0], now)[1]
places = []
for centre in big:
    starts = schedule.bookable_starts(centre, ratio_day, now)
    capacity.ensure_slots(centre, starts)
    Slot.objects.filter(centre=centre, start__in=starts).update(capacity_minutes=10**6)
    places += [(centre.pk, s.isoformat()) for s in starts]
store = import_module(settings.SESSION_ENGINE).SessionStore
sessions = []
for n in range(ACCOUNTS):
    user = ensure_user(email=f"rush{n}@test.local", password="rush-pass-1")
    session = store()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    sessions.append(session.session_key)
guides = [m.url for m in MatterPage.objects.live().order_by("code")[:10]]
print(json.dumps({"centres": [c.pk for c in rush], "day": day.isoformat(), "matter": "MATTER",
    "places": places, "sessions": sessions, "session_cookie": settings.SESSION_COOKIE_NAME,
    "csrf_cookie": settings.CSRF_COOKIE_NAME, "guides": guides}))
"""


def progress(began: float, what: str) -> None:
    print(f"[{time.monotonic() - began:5.0f} s] {what}", file=sys.stderr, flush=True)


def stop_worker(worker: subprocess.Popen) -> None:
    """The worker finishes the tasks it holds; a rush's backlog of them may take longer than that."""
    worker.terminate()
    try:
        worker.wait(60)
    except subprocess.TimeoutExpired:
        worker.kill()
        worker.wait(10)


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


def flat_out(url: str, scenario: dict, seconds: float, clients: int, booking: bool) -> dict:
    """``clients`` threads, each its own connection, as fast as answers come."""
    counter = itertools.count(10_000_000)
    done: dict[int, int] = {}
    lock = threading.Lock()
    deadline = time.monotonic() + seconds

    def client() -> None:
        session = requests.Session()
        session.cookies.set(scenario["session_cookie"], random.choice(scenario["sessions"]))
        session.cookies.set(scenario["csrf_cookie"], scenario["csrf"])
        session.headers["X-CSRFToken"] = scenario["csrf"]
        while time.monotonic() < deadline:
            if booking:
                centre, start = random.choice(scenario["places"])
                status = session.post(
                    f"{url}/api/v1/appointments",
                    json={
                        "centre_id": centre,
                        "start": start,
                        "matters": [MATTER],
                        "applicant": {
                            "name": "高秀英",
                            "id_number": id_number(next(counter)),
                            "phone": "13951234567",
                            "relationship": "relative",
                        },
                    },
                    headers={"Idempotency-Key": uuid.uuid4().hex},
                    timeout=60,
                ).status_code
            else:
                status = session.get(f"{url}/robots.txt", timeout=60).status_code
            with lock:
                done[status] = done.get(status, 0) + 1

    threads = [threading.Thread(target=client) for _ in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    ok = done.get(201 if booking else 200, 0)
    return {"per_second": ok / seconds, "statuses": done}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--users", type=int, default=2000)
    parser.add_argument("--seconds", type=int, default=120)
    parser.add_argument("--spawn-rate", type=float, default=200)
    parser.add_argument("--centres", type=int, default=20)
    parser.add_argument("--ratio-seconds", type=float, default=15)
    parser.add_argument("--ratio-clients", type=int, default=32)
    parser.add_argument("--database", default="rush_locust")
    parser.add_argument(
        "--reuse",
        metavar="STATIC_ROOT",
        help="run again on --database as a previous run left it (migrated, standard loaded),"
        " with the static files collected in STATIC_ROOT",
    )
    args = parser.parse_args()

    import redis

    redis.Redis.from_url(REDIS_URL).flushdb()
    if args.reuse:
        database_url = f"postgres://postgres@127.0.0.1:5432/{args.database}"
    else:
        database_url = fresh_postgres(args.database)
    env = {**os.environ, "DATABASE_URL": database_url, **SETTINGS}
    began = time.monotonic()
    with tempfile.TemporaryDirectory() as tmp, ExitStack() as stack:
        static_root = Path(args.reuse or Path(tmp, "static"))
        env["STATIC_ROOT"] = str(static_root)
        if not args.reuse:
            manage(env, "migrate", "--noinput", "-v0")
            progress(began, "migrated")
            manage(env, "load_standard")
            manage(env, "collectstatic", "--noinput", "-v0")
            progress(began, "standard loaded, static files collected")
        code = (
            SCENARIO.replace("CENTRES", str(args.centres))
            .replace("ACCOUNTS", "50")
            .replace("MATTER", MATTER)
        )
        scenario = shell_json(env, code)
        progress(began, "scenario made")
        scenario["csrf"] = uuid.uuid4().hex  # any 32 characters: cookie and header must match
        servers = []
        for _ in range(2):
            port = str(free_port())
            command = unit_command(
                "portal-web@.service", **{"${GUNICORN_HOST}": "127.0.0.1", "%i": port}
            )
            servers.append(stack.enter_context(serve(env, command[3:], port=int(port), wait=False)))
        # The worker (deploy/systemd/portal-worker.service) needs no warm-up: tasks wait in Redis.
        worker = subprocess.Popen(
            unit_command("portal-worker.service"),
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        stack.callback(stop_worker, worker)
        for server in servers:
            wait_until_ready(server)
        proxy = stack.enter_context(
            nginx(servers=[s.url.removeprefix("http://") for s in servers], static_root=static_root)
        )
        for guide in scenario["guides"]:  # readers find the guides cached, as on any morning
            requests.get(f"{proxy}{guide}", timeout=60)
        setup_seconds = time.monotonic() - began
        progress(began, "topology up; the rush begins")
        scenario_file = Path(tmp, "scenario.json")
        scenario_file.write_text(json.dumps(scenario))
        prefix = Path(tmp, "rush")
        locust = subprocess.run(
            [
                sys.executable,
                "-m",
                "locust",
                "-f",
                str(HERE / "locustfile.py"),
                "--headless",
                "--users",
                str(args.users),
                "--spawn-rate",
                str(args.spawn_rate),
                "--run-time",
                f"{args.seconds}s",
                "--host",
                proxy,
                "--csv",
                str(prefix),
                "--only-summary",
                "--loglevel",
                "WARNING",
                "--exit-code-on-error",
                "0",
            ],
            cwd=HERE,
            env={**env, "RUSH_SCENARIO": str(scenario_file)},
            capture_output=True,
            text=True,
        )
        if locust.returncode != 0:
            raise SystemExit(f"locust failed: {locust.stderr[-2000:]}")
        stats = locust_stats(prefix)
        failures_file = Path(f"{prefix}_failures.csv")
        failures = failures_file.read_text() if failures_file.exists() else ""
        progress(began, "rush over; robots.txt and booking flat out")
        time.sleep(2)
        robots = flat_out(proxy, scenario, args.ratio_seconds, args.ratio_clients, booking=False)
        booking = flat_out(proxy, scenario, args.ratio_seconds, args.ratio_clients, booking=True)

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

    total = stats.get("Aggregated", {})
    errors = sum(v["failures"] for k, v in stats.items() if k != "Aggregated")
    print(
        f"rush: {args.users} residents, {args.seconds} s, spawn {args.spawn_rate:g}/s; "
        f"nginx + 2 gunicorn ({SETTINGS['WEB_CONCURRENCY']} workers each) + worker on Redis, "
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


if __name__ == "__main__":
    main()
