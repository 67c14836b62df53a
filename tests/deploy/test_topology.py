"""Two app servers behind nginx, one worker, one Redis, one PostgreSQL: the production topology.

Everything runs on the loopback from deploy/ (the units' commands, the gunicorn
configuration, the rendered nginx site) against a copy of the test database,
and shows what changes when a site runs on more than one server: bookings,
cancellations, the page cache and login limits hold across servers, and a
server killed in the middle of a rush loses no booking.
"""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack

import pytest
import requests
from django.conf import settings

from tests.appointments.factories import id_number
from tests.support.live import (
    ROOT,
    LiveServer,
    _database_copy,
    _free_port,
    copy_env,
    serve,
    wait_until_ready,
)
from tests.support.worker import run_worker

from .topology import NGINX, nginx, unit_command

REDIS_URL = os.environ.get("TOPOLOGY_REDIS_URL", "redis://127.0.0.1:6379/7")

pytestmark = [
    pytest.mark.topology,
    pytest.mark.skipif(not NGINX.exists(), reason="needs Debian's nginx (apt-get install nginx)"),
    pytest.mark.skipif(
        not settings.DATABASES["default"]["ENGINE"].endswith("postgresql"),
        reason="two app servers on one SQLite file is not a production topology",
    ),
    pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning"),
]

SCENARIO = """
import json
from django.contrib.auth import get_user_model
from django.utils import timezone
from appointments import capacity, schedule
from appointments.models import Slot
from guides.models import MatterPage
from tests.appointments.factories import make_centre, make_user

centre = make_centre(counters=1, slot_minutes=30, walk_in_share=0)
now = timezone.now()
day = next(d for d in schedule.bookable_days(centre, now) if d > timezone.localdate(now))
starts = schedule.bookable_starts(centre, day, now)[:3]
minutes = MatterPage.objects.get(code="JS-MZ-04").handling_minutes
capacity.ensure_slots(centre, starts)
# The first start holds one booking (the cancel), the next one (either server),
# the third the rush: many residents booked by one account.
for start, places in zip(starts, (1, 4, 200)):
    Slot.objects.filter(centre=centre, start=start).update(capacity_minutes=places * minutes)
for email in ("topology@test.local", "limited@test.local"):
    user = make_user(email)
    user.set_password("topology-pass-1")
    user.save()
get_user_model().objects.create_superuser("root@test.local", "root@test.local", "root-pass-1")
guide = MatterPage.objects.get(code="JS-MZ-01")
print(json.dumps({"centre": centre.pk, "day": day.isoformat(),
                  "starts": [s.isoformat() for s in starts],
                  "guide": guide.pk, "guide_url": guide.url}))
"""


def _check(database_url: str, first_key: str) -> dict:
    """What the shared database holds, read directly (a Django shell takes seconds to start)."""
    import psycopg
    from django_q.models import Success

    from appointments.models import Appointment

    appointments = Appointment._meta.db_table
    with psycopg.connect(database_url) as db:
        rush = db.execute(
            f"SELECT idempotency_key, reference FROM {appointments}"
            " WHERE idempotency_key LIKE 'rush-%'"
        ).fetchall()
        first = [
            row[0]
            for row in db.execute(
                f"SELECT reference FROM {appointments} WHERE idempotency_key = %s", [first_key]
            )
        ]
        booked = db.execute(
            f"SELECT count(*) FROM {appointments} WHERE status = 'booked'"
        ).fetchone()[0]
        confirmed = db.execute(
            f"SELECT count(*) FROM {Success._meta.db_table} WHERE func = %s AND success",
            ["appointments.tasks.send_confirmation"],
        ).fetchone()[0]
    return {"rush": rush, "first": first, "booked": booked, "confirmed": confirmed}


SETTINGS = {
    "REDIS_URL": REDIS_URL,
    "TEST_SHARED_REDIS": "1",  # portal.settings.test: the cache on Redis, as in production
    "Q_SYNC": "0",  # tasks go through Redis to the worker
    "Q_WORKERS": "1",
    "WEB_CONCURRENCY": "2",
    "GUNICORN_LOG_LEVEL": "error",
    "PAGE_CACHE_SECONDS": "600",
    "TRUSTED_PROXY_COUNT": "1",
    "LOG_LEVEL": "WARNING",
    # One account books for the whole rush, so its own limits are lifted.
    "BOOKING_RATE_PER_ACCOUNT": "1000",
    "BOOKING_RATE_PER_ADDRESS": "1000",
    "BOOKING_MAX_ACTIVE_FOR_OTHERS": "1000",
}

RUSH_CLIENTS = 8
RUSH_EACH = 5


def _payload(scenario: dict, start: int, seq: int) -> dict:
    return {
        "centre_id": scenario["centre"],
        "start": scenario["starts"][start],
        "matters": ["JS-MZ-04"],
        "applicant": {
            "name": "高秀英",
            "id_number": id_number(birth=dt.date(1970, 1, 1), seq=seq),
            "phone": "13951234567",
            "relationship": "relative",
        },
    }


def _available(url: str, scenario: dict, start: int) -> bool:
    slots = requests.get(
        f"{url}/api/v1/centres/{scenario['centre']}/slots",
        params={"date": scenario["day"], "matters": "JS-MZ-04", "people": 1},
        timeout=30,
    ).json()
    wanted = dt.datetime.fromisoformat(scenario["starts"][start])
    return next(s["available"] for s in slots if dt.datetime.fromisoformat(s["start"]) == wanted)


def _login_attempt(url: str, host: str, email: str, password: str, address: str) -> bool:
    """One login through ``url``; whether it opened a session that the API accepts.

    ``host``: the Host header nginx passes on; allauth keys its login limits by
    site (the host) and account. ``address``: the client address nginx would
    forward (the servers trust one proxy); limits are keyed on account and address.
    """
    session = requests.Session()
    session.headers["Host"] = host
    session.headers["X-Forwarded-For"] = address
    session.get(f"{url}/accounts/login/", timeout=30)
    session.post(
        f"{url}/accounts/login/",
        data={
            "login": email,
            "password": password,
            "csrfmiddlewaretoken": session.cookies["csrftoken"],
        },
        headers={"Referer": f"{url}/accounts/login/"},
        timeout=30,
    )
    return session.get(f"{url}/api/v1/appointments", timeout=30).status_code == 200


def _admin_post(session: requests.Session, url: str) -> requests.Response:
    session.get(url, timeout=30)
    return session.post(url, data={"csrfmiddlewaretoken": session.cookies["csrftoken"]}, timeout=30)


def _replica_connections(database_url: str) -> int:
    import psycopg

    with psycopg.connect(database_url) as db:
        return db.execute(
            "SELECT count(*) FROM pg_stat_activity"
            " WHERE datname = current_database() AND application_name = 'portal-replica'"
        ).fetchone()[0]


def _flush_redis() -> None:
    import redis

    try:
        redis.Redis.from_url(REDIS_URL).flushdb()
    except redis.ConnectionError as exc:
        pytest.fail(f"the topology needs Redis at {REDIS_URL}: {exc}")


def test_two_app_servers_behind_nginx_with_the_worker_on_redis(
    django_db_setup, django_db_blocker, tmp_path, record_property
):
    _flush_redis()
    began = time.monotonic()
    figures: dict[str, float] = {}
    static_root = tmp_path / "static"
    static_root.mkdir()
    with django_db_blocker.unblock(), ExitStack() as stack:
        database_url = stack.enter_context(_database_copy())
        env = copy_env(
            database_url,
            STATIC_ROOT=str(static_root),
            # The read replica is the primary itself, told apart by its connection's name.
            DATABASE_REPLICA_URL=f"{database_url}?application_name=portal-replica",
            **SETTINGS,
        )
        # collectstatic runs while the servers start, as an upgrade would run it before.
        collect = subprocess.Popen(
            [sys.executable, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"],
            cwd=ROOT,
            env=env,
        )
        # The scenario's data goes in while the processes start.
        setup = stack.enter_context(ThreadPoolExecutor(max_workers=1))
        scenario_run = setup.submit(LiveServer(url="", env=env).run, SCENARIO)
        servers: list[LiveServer] = []
        for _ in range(2):
            port = str(_free_port())
            command = unit_command(
                "portal-web@.service", **{"${GUNICORN_HOST}": "127.0.0.1", "%i": port}
            )
            assert command[:3] == [sys.executable, "-m", "gunicorn"], command
            servers.append(stack.enter_context(serve(env, command[3:], port=int(port), wait=False)))
        a, b = servers
        assert unit_command("portal-worker.service")[1:] == ["manage.py", "qcluster"]
        stack.enter_context(run_worker(env))
        for server in servers:
            wait_until_ready(server)
        assert collect.wait(timeout=120) == 0
        proxy = stack.enter_context(
            nginx(servers=[s.url.removeprefix("http://") for s in servers], static_root=static_root)
        )
        figures["startup_s"] = time.monotonic() - began
        scenario = scenario_run.result(timeout=120)

        # nginx serves the static files from STATIC_ROOT; Django serves the rest.
        css = requests.get(f"{proxy}/static/css/site.css", timeout=30)
        assert css.status_code == 200, css.status_code
        assert css.content == (static_root / "css" / "site.css").read_bytes()
        assert css.headers["Server"].startswith("nginx")
        assert requests.get(f"{proxy}/api/v1/matters", timeout=30).status_code == 200

        # A booking through either server, with the same session (one database of sessions).
        session = a.login("topology@test.local", "topology-pass-1")
        first = session.post(
            f"{a.url}/api/v1/appointments", json=_payload(scenario, 0, 1), timeout=60
        )
        assert first.status_code == 201, first.text
        other = session.post(
            f"{b.url}/api/v1/appointments", json=_payload(scenario, 1, 2), timeout=60
        )
        assert other.status_code == 201, other.text

        # The one place of the first start is taken, on both servers; a cancel through
        # server B frees it for readers of server A.
        assert not _available(a.url, scenario, 0)
        assert not _available(b.url, scenario, 0)
        reference = first.json()["reference"]
        cancelled = session.post(f"{b.url}/api/v1/appointments/{reference}/cancel", timeout=60)
        assert cancelled.status_code == 200, cancelled.text
        assert _available(a.url, scenario, 0)

        # The page cache is shared: a page rendered on A is a hit on B; unpublished
        # through A, it is gone for the readers of both.
        guide = scenario["guide_url"]
        assert requests.get(f"{a.url}{guide}", timeout=30).headers["X-Page-Cache"] == "miss"
        assert requests.get(f"{b.url}{guide}", timeout=30).headers["X-Page-Cache"] == "hit"
        assert requests.get(f"{proxy}{guide}", timeout=30).headers["X-Page-Cache"] == "hit"
        # nginx keeps the page two seconds for anonymous readers (the 8 o'clock rush's
        # readers wait behind no booking); a signed-in reader always reaches the app.
        assert requests.get(f"{proxy}{guide}", timeout=30).headers["X-Proxy-Cache"] == "HIT"
        signed_in = session.get(f"{proxy}{guide}", timeout=30)
        assert signed_in.headers["X-Proxy-Cache"] == "BYPASS"
        root = a.login("root@test.local", "root-pass-1")
        unpublish = _admin_post(root, f"{a.url}/admin/pages/{scenario['guide']}/unpublish/")
        assert unpublish.status_code == 200, unpublish.status_code
        assert requests.get(f"{a.url}{guide}", timeout=30).status_code == 404
        assert requests.get(f"{b.url}{guide}", timeout=30).status_code == 404
        unpublished = time.monotonic()
        while requests.get(f"{proxy}{guide}", timeout=30).status_code != 404:
            assert time.monotonic() - unpublished < 4, "nginx kept an unpublished guide"
            time.sleep(0.2)

        # With DATABASE_REPLICA_URL, dashboard and guide reads use the replica's connections;
        # every write above went to the primary.
        assert root.get(f"{b.url}/dashboard/", timeout=60).status_code == 200
        assert _replica_connections(database_url) >= 2  # one a server at least

        # Login limits hold across servers (5 failures per account in 5 minutes):
        # three failures through A and two through B lock the account on B.
        host = proxy.removeprefix("http://")
        attacker, resident = "203.0.113.5", "198.51.100.7"
        for url in (a.url, a.url, a.url, b.url, b.url):
            assert not _login_attempt(url, host, "limited@test.local", "wrong-password", attacker)
        assert not _login_attempt(b.url, host, "limited@test.local", "topology-pass-1", attacker)
        assert not _login_attempt(a.url, host, "limited@test.local", "topology-pass-1", attacker)
        # The attacker's failures lock nobody out from another address.
        assert _login_attempt(b.url, host, "topology@test.local", "topology-pass-1", resident)

        # Kill A mid-rush. A client whose answer is lost retries with the same
        # Idempotency-Key through nginx and gets the first answer, never a second booking.
        key = f"first-{uuid.uuid4()}"
        before_kill = session.post(
            f"{a.url}/api/v1/appointments",
            json=_payload(scenario, 2, 100),
            headers={"Idempotency-Key": key},
            timeout=60,
        )
        assert before_kill.status_code == 201, before_kill.text
        done = threading.Event()
        completed = [0]
        lock = threading.Lock()
        retried: list[str] = []
        answers: dict[str, str] = {}

        def resident(client: int) -> None:
            for n in range(RUSH_EACH):
                rush_key = f"rush-{client}-{n}"
                payload = _payload(scenario, 2, 200 + client * RUSH_EACH + n)
                for attempt in range(20):
                    try:
                        response = session.post(
                            f"{proxy}/api/v1/appointments",
                            json=payload,
                            headers={"Idempotency-Key": rush_key},
                            timeout=60,
                        )
                    except requests.RequestException:
                        response = None
                    if response is not None and response.status_code == 201:
                        answers[rush_key] = response.json()["reference"]
                        break
                    assert response is None or response.status_code >= 500, response.text
                    with lock:
                        retried.append(rush_key)
                    time.sleep(0.2 * (attempt + 1))
                with lock:
                    completed[0] += 1
                    if completed[0] >= RUSH_CLIENTS:
                        done.set()

        rush_began = time.monotonic()
        with ThreadPoolExecutor(max_workers=RUSH_CLIENTS) as pool:
            futures = [pool.submit(resident, c) for c in range(RUSH_CLIENTS)]
            done.wait(timeout=60)
            os.killpg(a.process.pid, signal.SIGKILL)
            for future in futures:
                future.result()
        figures["rush_s"] = time.monotonic() - rush_began
        again = session.post(
            f"{proxy}/api/v1/appointments",
            json=_payload(scenario, 2, 100),
            headers={"Idempotency-Key": key},
            timeout=60,
        )
        assert again.status_code == 201, again.text
        assert again.json() == before_kill.json()

        # The database agrees with what every client was told: one booking per key.
        deadline = time.monotonic() + 60
        while True:
            check = _check(database_url, key)
            if check["confirmed"] >= check["booked"] + 1 or time.monotonic() > deadline:
                break
            time.sleep(0.5)
        assert check["first"] == [before_kill.json()["reference"]]
        assert len(check["rush"]) == RUSH_CLIENTS * RUSH_EACH
        assert dict(check["rush"]) == answers
        # Each booking's confirmation went through Redis to the worker (the cancelled
        # one's too); only a booking whose answer was lost with A may have lost it as well.
        assert check["confirmed"] >= check["booked"] + 1 - len(set(retried))
    figures["total_s"] = time.monotonic() - began
    figures["retried_requests"] = len(retried)
    figures["retried_keys"] = len(set(retried))
    figures["confirmed"] = check["confirmed"]
    for name, value in figures.items():
        record_property(name, value)  # in the JUnit XML of the run (--junitxml)
