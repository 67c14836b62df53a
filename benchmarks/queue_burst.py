"""Queue at scale: a burst of events to five subscribers, one of them down, on Redis.

Usage: python benchmarks/queue_burst.py [--events 10000] [--workers 6]
Needs PostgreSQL at 127.0.0.1:5432 (user postgres; makes and drops rush_queue_burst)
and Redis (QUEUE_BURST_REDIS_URL, default redis://127.0.0.1:6379/4, flushed).

django-q2's cluster takes its tasks from Redis. Four subscribers are HTTP
servers of this script's own, the fifth is a port where nothing listens. One
shell commits the events one transaction each, as the app servers would; each
commit enqueues one task, which kicks the idle subscribers. Printed: how fast
the events were committed, the commit → delivery delay (p50/p95/max, over
every event and live subscriber), the events per second reaching all four,
and how many tasks the burst put on the queue.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from support import PYTHON, ROOT, free_port, fresh_postgres, manage, shell_json  # noqa: E402

from tests.support.receiver import receiver  # noqa: E402

REDIS_URL = os.environ.get("QUEUE_BURST_REDIS_URL", "redis://127.0.0.1:6379/4")

SETUP = """
import json
from flowback.constants import EventType
from flowback.models import Subscriber
from tests.flowback.scenario import book_many
for name, url in URLS:
    Subscriber.objects.update_or_create(
        name=name, defaults={"url": url, "event_types": list(EventType.values), "max_attempts": 50}
    )
refs = [a.reference for a in book_many(50, code="BURST")]
print(json.dumps({"refs": refs}))
"""

PRODUCE = """
import json, time
from django.db import transaction
from appointments.models import Appointment
from flowback.services import record_event
appointments = list(Appointment.objects.filter(reference__in=REFS))
committed = {}
began = time.time()
for n in range(COUNT):
    with transaction.atomic():
        event = record_event(type="appointment.checked_in", appointment=appointments[n % len(appointments)])
    committed[str(event.key)] = time.time()
print(json.dumps({"committed": committed, "seconds": time.time() - began}))
"""


def percentile(ordered: list[float], p: float) -> float:
    return ordered[min(len(ordered) - 1, max(0, int(len(ordered) * p) - 1))]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--workers", type=int, default=6)
    args = parser.parse_args()

    import redis

    queue = redis.Redis.from_url(REDIS_URL)
    queue.flushdb()
    url = fresh_postgres("rush_queue_burst")
    env = {
        **os.environ,
        "DATABASE_URL": url,
        # The test settings let subscribers listen on the loopback; the rest is production's.
        "DJANGO_SETTINGS_MODULE": "portal.settings.test",
        "Q_SYNC": "0",
        "REDIS_URL": REDIS_URL,
        "TEST_SHARED_REDIS": "1",
        "Q_WORKERS": str(args.workers),
        "CONN_MAX_AGE": "60",
        "LOG_LEVEL": "WARNING",
        "FLOWBACK_RETRY_BASE_SECONDS": "2",
    }
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "load_standard")
    down = f"http://127.0.0.1:{free_port()}/down"  # nothing listens there
    with receiver() as r1, receiver() as r2, receiver() as r3, receiver() as r4:
        live = [r1, r2, r3, r4]
        urls = [(f"sub{n}", f"{r.url}/s{n}") for n, r in enumerate(live)] + [("down", down)]
        refs = shell_json(env, SETUP.replace("URLS", repr(urls)))["refs"]
        # The bookings' own events went nowhere yet (no cluster): they are the backlog.
        backlog = len(refs)
        cluster = subprocess.Popen(
            [PYTHON, "manage.py", "qcluster"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            # Its own process group: a kill takes its worker processes down too.
            start_new_session=True,
        )
        try:
            manage(env, "shell", "-c", "from flowback.services import deliver_due; deliver_due()")
            for n, r in enumerate(live):
                r.wait_for(f"/s{n}", backlog, timeout=120)
            time.sleep(2)
            code = PRODUCE.replace("REFS", json.dumps(refs)).replace("COUNT", str(args.events))
            produced = shell_json(env, code)
            committed = produced["committed"]
            first_commit = min(committed.values())
            delays = []
            last_arrival = 0.0
            for n, r in enumerate(live):
                arrivals = r.wait_for(f"/s{n}", backlog + args.events, timeout=1800)
                first = {}
                for a in arrivals:
                    first.setdefault(a.headers["Idempotency-Key"], a.wall)
                for key, at in committed.items():
                    delays.append((first[key] - at) * 1000)
                    last_arrival = max(last_arrival, first[key])
            delays.sort()
            span = last_arrival - first_commit
            print(
                f"burst: {args.events} events, 5 subscribers (1 down), {args.workers} workers, Redis"
            )
            print(
                f"committed in {produced['seconds']:.1f} s "
                f"({args.events / produced['seconds']:.0f} events/s, one transaction each)"
            )
            print(
                f"commit → delivery over {len(delays)} deliveries: p50 {percentile(delays, 0.5):.0f} ms,"
                f" p95 {percentile(delays, 0.95):.0f} ms, max {delays[-1]:.0f} ms"
            )
            print(
                f"first commit → last delivery {span:.1f} s: {args.events / span:.0f} events/s "
                f"to all four live subscribers ({4 * args.events / span:.0f} deliveries/s)"
            )
            print(f"attempts at the subscriber that is down: {_attempts(env)}")
        finally:
            # The figures are taken; a worker still retrying the subscriber that is
            # down would keep a graceful stop waiting on its timeouts.
            cluster.terminate()
            try:
                cluster.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(cluster.pid, signal.SIGKILL)
                cluster.wait()


def _attempts(env) -> int:
    return shell_json(
        env,
        "import json; from django.db.models import Sum; from flowback.models import Delivery;"
        " print(json.dumps(Delivery.objects.filter(subscriber__name='down')"
        ".aggregate(n=Sum('attempts'))['n'] or 0))",
    )


if __name__ == "__main__":
    main()
