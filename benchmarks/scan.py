"""Scan → pre-filled intake through the whole stack (gunicorn, HTTP, the counter API).

Usage: python benchmarks/scan.py [--tickets 300]
Each request checks in a different appointment, as at a busy counter. Target: p95 under 50 ms.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import requests

sys.path.insert(0, str(Path(__file__).resolve().parent))
from support import fresh_sqlite, gunicorn, percentiles, prepare, shell_json  # noqa: E402

SCENARIO = """
import datetime as dt, json
from django.utils import timezone
from accounts.services import add_staff
from appointments import schedule, services
from appointments.tickets import ticket_url
from guides.selectors import matters_with_materials
from tests.appointments.factories import applicant, make_open_centre, make_user
centre = make_open_centre("BENCHS", name="锡北镇便民服务中心")
midnight = timezone.make_aware(dt.datetime.combine(timezone.localdate(), dt.time(0, 1)))
starts = schedule.bookable_starts(centre, timezone.localdate(), midnight)
matters = matters_with_materials(["JS-MZ-03", "JS-MZ-01"])
user = make_user("bench-resident@test.local")
urls = []
for n in range(TICKETS):
    a = services.book_appointment(centre=centre, start=starts[n % len(starts)], matters=matters,
        situation_codes=["JS-MZ-03-02"], applicant=applicant(), booked_by=make_user(f"r{n}-{midnight:%j%H%M%S}@test.local"),
        now=midnight)
    urls.append(ticket_url(a.reference))
add_staff(email="bench-clerk@test.local", centre=centre, role="clerk", password="bench-pass-1")
print(json.dumps({"urls": urls}))
"""


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--tickets", type=int, default=300)
    args = parser.parse_args()
    env = prepare(fresh_sqlite("bench_scan"))
    urls = shell_json(env, SCENARIO.replace("TICKETS", str(args.tickets)))["urls"]
    with gunicorn(env, workers=1) as url, requests.Session() as session:
        session.get(f"{url}/admin/login/")
        session.post(
            f"{url}/admin/login/",
            data={
                "login": "bench-clerk@test.local",
                "password": "bench-pass-1",
                "csrfmiddlewaretoken": session.cookies["csrftoken"],
            },
        )
        session.headers["X-CSRFToken"] = session.cookies["csrftoken"]
        samples = []
        for ticket in urls:
            t0 = time.perf_counter()
            response = session.post(f"{url}/api/v1/counter/scan", json={"code": ticket + "\n"})
            samples.append((time.perf_counter() - t0) * 1000)
            assert response.status_code == 200, response.text[:300]
            assert len(response.json()["checklist"]) > 8
    p50, p95 = percentiles(samples)
    print(
        f"scan -> pre-filled intake, {len(samples)} tickets, two matters each, one gunicorn worker, SQLite"
    )
    print(f"p50 {p50:.1f} ms  p95 {p95:.1f} ms  (target p95 < 50 ms)")


if __name__ == "__main__":
    main()
