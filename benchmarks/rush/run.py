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
import json
import os
import subprocess
import sys
import tempfile
import time
import uuid
from contextlib import ExitStack
from pathlib import Path

import requests

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))
from ratio import flat_out  # noqa: E402
from report import locust_stats, report, slot_counts  # noqa: E402
from scenario import MATTER, SCENARIO  # noqa: E402
from support import free_port, fresh_postgres, manage, shell_json  # noqa: E402

from tests.deploy.topology import nginx, unit_command  # noqa: E402
from tests.support.live import serve, wait_until_ready  # noqa: E402

REDIS_URL = os.environ.get("RUSH_REDIS_URL", "redis://127.0.0.1:6379/4")

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

    counts = slot_counts(database_url)
    report(
        args,
        stats=stats,
        failures=failures,
        counts=counts,
        robots=robots,
        booking=booking,
        setup_seconds=setup_seconds,
        web_concurrency=SETTINGS["WEB_CONCURRENCY"],
    )


if __name__ == "__main__":
    main()
