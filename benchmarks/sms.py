"""Text messages: how many per second the django-q2 worker sends through a fake gateway.

Usage: python benchmarks/sms.py [--messages 1000] [--provider tencent|aliyun] [--postgres] [--redis URL]
A real cluster (2 workers) sends through the provider's real SDK to a local
HTTP server of this process that plays the provider's API
(tests/flowback/sms_gateway_fake.py). One shell queues the messages (each its
own log row and task, as ``send_sms`` does) before the cluster starts; the
figure is messages from the first to the last arrival at the gateway, per
second.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from support import PYTHON, ROOT, fresh_database, prepare, shell_json  # noqa: E402

from tests.flowback.sms_gateway_fake import fake_gateway  # noqa: E402

QUEUE = """
import json, time
from flowback.sms import send_sms
started = time.monotonic()
for n in range(COUNT):
    send_sms(f"1395{n:07d}", template="booking_confirmed",
             params={"centre": "玄武区便民服务中心", "time": "11-24 09:00-10:00", "reference": f"B{n:06d}"})
print(json.dumps({"seconds": time.monotonic() - started}))
"""

STATUS = """
import json
from django.db.models import Count
from flowback.sms.models import SmsMessage
print(json.dumps(dict(SmsMessage.objects.values_list("status").annotate(n=Count("pk")))))
"""


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--messages", type=int, default=1000)
    parser.add_argument("--provider", choices=["tencent", "aliyun"], default="tencent")
    parser.add_argument("--postgres", action="store_true")
    parser.add_argument("--redis", default="", help="broker, e.g. redis://127.0.0.1:6379/2")
    args = parser.parse_args()
    url = fresh_database("bench_sms", postgres=args.postgres)
    env = prepare(url)
    with fake_gateway(args.provider) as gateway:
        env = {
            **env,
            "Q_WORKERS": "2",
            "REDIS_URL": args.redis,
            "SMS_BACKEND": args.provider,
            "SMS_ENDPOINT": gateway.url,
            "SMS_SECRET_ID": "bench",
            "SMS_SECRET_KEY": "bench",
            "SMS_APP_ID": "1400000001",
            "SMS_SIGN_NAME": "江苏便民服务",
            "SMS_TEMPLATE_IDS": "booking_confirmed=100001",
        }
        # Everything is queued before the cluster starts, so the figure is the worker's pace
        # and not the queueing shell's.
        queued = shell_json(env, QUEUE.replace("COUNT", str(args.messages)))["seconds"]
        cluster = subprocess.Popen(
            [PYTHON, "manage.py", "qcluster"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            deadline = time.monotonic() + 600
            while len(gateway.requests) < args.messages and time.monotonic() < deadline:
                time.sleep(0.2)
            # A second shell: the log rows are updated after the gateway answered.
            time.sleep(2)
            statuses = shell_json(env, STATUS)
        finally:
            cluster.terminate()
            cluster.wait(timeout=30)
    arrivals = sorted(request["at"] for request in gateway.requests)
    span = arrivals[-1] - arrivals[0]
    broker = "Redis" if args.redis else "ORM"
    database = "PostgreSQL" if args.postgres else "SQLite"
    print(
        f"{args.messages} texts, {args.provider} SDK → local fake gateway, 2 workers, "
        f"{broker} broker, {database}"
    )
    print(f"queued (log row + task each) in {queued:.1f} s → {args.messages / queued:.0f}/s")
    print(
        f"sent from the first to the last arrival at the gateway in {span:.1f} s → "
        f"{len(arrivals) / span:.1f} messages/s"
    )
    print(f"requests at the gateway: {len(arrivals)}; log: {statuses}")


if __name__ == "__main__":
    main()
