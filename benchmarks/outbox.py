"""Flow-back: events delivered per second to a local subscriber, and commit-to-delivery delay.

Usage: python benchmarks/outbox.py [--events 1000] [--rate 20] [--postgres]
A real django-q2 cluster (2 workers) delivers to a real HTTP subscriber in this
process. Phase 1 commits events at a steady rate and measures the delay from
each commit to its arrival (p50/p95). Phase 2 commits a burst and measures how
many events per second reach the subscriber.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from support import PYTHON, ROOT, fresh_database, percentiles, prepare, shell_json  # noqa: E402

from tests.support.receiver import receiver  # noqa: E402

SETUP = """
import json
from flowback.constants import EventType
from flowback.models import Subscriber
from tests.flowback.scenario import book_many
Subscriber.objects.update_or_create(name="bench", defaults={"url": "URL", "event_types": list(EventType.values)})
refs = [a.reference for a in book_many(20, code="BENCHO")]
print(json.dumps({"refs": refs}))
"""

PRODUCE = """
import json, time
from django.db import transaction
from appointments.models import Appointment
from flowback.services import record_event
appointments = list(Appointment.objects.filter(reference__in=REFS))
committed = {}
for n in range(COUNT):
    with transaction.atomic():
        event = record_event(type="appointment.checked_in", appointment=appointments[n % len(appointments)])
    committed[str(event.key)] = time.time()
    if PAUSE:
        time.sleep(PAUSE)
print(json.dumps(committed))
"""


def produce(env, refs, count, pause) -> dict[str, float]:
    code = PRODUCE.replace("REFS", json.dumps(refs)).replace("COUNT", str(count))
    return shell_json(env, code.replace("PAUSE", repr(pause)))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--events", type=int, default=1000)
    parser.add_argument("--rate", type=float, default=20.0)
    parser.add_argument("--postgres", action="store_true")
    args = parser.parse_args()
    url = fresh_database("bench_outbox", postgres=args.postgres)
    env = {**prepare(url), "Q_WORKERS": "2"}
    with receiver() as subscriber:
        refs = shell_json(env, SETUP.replace("URL", f"{subscriber.url}/bench"))["refs"]
        baseline = len(refs)  # each booking's own appointment.booked event
        cluster = subprocess.Popen(
            [PYTHON, "manage.py", "qcluster"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            subscriber.wait_for("/bench", baseline, timeout=120)  # bookings' own events
            time.sleep(3)
            steady = max(50, int(args.rate * 10))
            committed = produce(env, refs, steady, 1 / args.rate)
            arrivals = subscriber.wait_for("/bench", baseline + steady, timeout=300)
            first = {}
            for arrival in arrivals:
                first.setdefault(arrival.headers["Idempotency-Key"], arrival.wall)
            delays = [(first[key] - at) * 1000 for key, at in committed.items()]
            p50, p95 = percentiles(delays)
            print(
                f"commit → delivery at {args.rate:g} events/s ({steady} events): "
                f"p50 {p50:.0f} ms, p95 {p95:.0f} ms"
            )

            before = len(arrivals)
            start = time.monotonic()  # includes starting the shell
            burst = produce(env, refs, args.events, 0)
            produced = time.monotonic() - start
            arrivals = subscriber.wait_for("/bench", before + args.events, timeout=600)
            new = [a for a in arrivals if a.headers["Idempotency-Key"] in burst]
            first_at, last_at = min(a.at for a in new), max(a.at for a in new)
            print(
                f"burst of {args.events} events: committed in {produced:.1f} s (one shell, "
                f"one transaction each); delivered from the first to the last arrival in "
                f"{last_at - first_at:.1f} s → {args.events / (last_at - first_at):.0f} events/s"
            )
            repeats = len(new) - len({a.headers["Idempotency-Key"] for a in new})
            print(f"repeated deliveries: {repeats}")
        finally:
            cluster.terminate()
            cluster.wait(timeout=30)


if __name__ == "__main__":
    main()
