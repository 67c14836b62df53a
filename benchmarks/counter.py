"""The counter's queue through the whole stack (gunicorn, HTTP, the pages and the API).

Usage: python benchmarks/counter.py [--visits 30] [--waiting 200] [--calls 100]

1. Scan to accepted for an applicant with 8 materials, as a clerk does it at the
   workbench: scan (302), the pre-filled intake, 全部已收 (in the browser, no
   request) and 受理 (302), the case page. Requests per visit and the
   milliseconds they took, summed (loopback, so nearly all of it is the server).
2. 叫下一位 with 200 or more people waiting: p50 and p95 of the API call.
"""

from __future__ import annotations

import argparse
import re
import statistics
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
from casework import services as counter
from guides.selectors import matters_with_materials
from tests.appointments.factories import applicant, make_open_centre, make_user
midnight = timezone.make_aware(dt.datetime.combine(timezone.localdate(), dt.time(0, 1)))
stamp = f"{midnight:%j%H%M%S}"
def centre_with(code, count):
    centre = make_open_centre(code, name="锡北镇便民服务中心")
    starts = schedule.bookable_starts(centre, timezone.localdate(), midnight)
    matters = matters_with_materials(["JS-MZ-03"])
    return centre, [services.book_appointment(centre=centre, start=starts[n % len(starts)],
        matters=matters, situation_codes=["JS-MZ-03-02"], applicant=applicant(),
        booked_by=make_user(f"{code}-{n}-{stamp}@test.local"), now=midnight) for n in range(count)]
visits, booked = centre_with("BENCHV", VISITS)
hall, waiting = centre_with("BENCHQ", WAITING)
add_staff(email="bench-visit@test.local", centre=visits, role="clerk", password="bench-pass-1")
caller = add_staff(email="bench-call@test.local", centre=hall, role="clerk", password="bench-pass-1")
for a in waiting:
    counter.scan_ticket(code=a.reference, clerk=caller)
print(json.dumps({"urls": [ticket_url(a.reference) for a in booked]}))
"""

MATERIAL = re.compile(r'name="(m-\d+)" value="received"')


def log_in(url: str, email: str) -> requests.Session:
    session = requests.Session()
    session.get(f"{url}/admin/login/")
    session.post(
        f"{url}/admin/login/",
        data={
            "username": email,
            "password": "bench-pass-1",
            "csrfmiddlewaretoken": session.cookies["csrftoken"],
        },
    )
    session.headers["X-CSRFToken"] = session.cookies["csrftoken"]
    return session


def visit(session: requests.Session, url: str, ticket: str) -> tuple[int, float]:
    """One applicant from scan to accepted; the number of requests and their milliseconds."""
    spent, count = 0.0, 0

    def timed(method, path, **kwargs):
        nonlocal spent, count
        t0 = time.perf_counter()
        response = session.request(method, f"{url}{path}", allow_redirects=False, **kwargs)
        spent += (time.perf_counter() - t0) * 1000
        count += 1
        return response

    csrf = {"csrfmiddlewaretoken": session.cookies["csrftoken"]}
    scanned = timed("POST", "/counter/scan/", data={**csrf, "code": ticket + "\n", "counter": 1})
    assert scanned.status_code == 302, scanned.text[:300]
    intake = timed("GET", scanned.headers["Location"])
    ticks = MATERIAL.findall(intake.text)
    assert len(ticks) == 8, len(ticks)
    # 全部已收 ticks every material in the browser: no request.
    accepted = timed(
        "POST",
        scanned.headers["Location"],
        data={**csrf, "action": "accept", **dict.fromkeys(ticks, "received")},
    )
    assert accepted.status_code == 302, accepted.text[:500]
    case = timed("GET", accepted.headers["Location"])
    assert "已受理" in case.text
    return count, spent


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--visits", type=int, default=30)
    parser.add_argument("--waiting", type=int, default=200)
    parser.add_argument("--calls", type=int, default=100)
    args = parser.parse_args()
    env = prepare(fresh_sqlite("bench_counter"))
    scenario = SCENARIO.replace("VISITS", str(args.visits)).replace(
        "WAITING", str(args.waiting + args.calls)
    )
    urls = shell_json(env, scenario)["urls"]
    with gunicorn(env, workers=1) as url:
        clerk = log_in(url, "bench-visit@test.local")
        visits = [visit(clerk, url, ticket) for ticket in urls]
        caller = log_in(url, "bench-call@test.local")
        samples = []
        for _ in range(args.calls):
            t0 = time.perf_counter()
            response = caller.post(f"{url}/api/v1/counter/call-next", json={"counter": 2})
            samples.append((time.perf_counter() - t0) * 1000)
            assert response.status_code == 200, response.text[:300]
    requests_per_visit = {count for count, _ms in visits}
    ms = [spent for _count, spent in visits]
    print(f"scan -> accepted, 8 materials, {len(visits)} applicants, one gunicorn worker, SQLite")
    print(
        f"requests per applicant {sorted(requests_per_visit)}; "
        f"ms per applicant median {statistics.median(ms):.1f}  max {max(ms):.1f}"
    )
    p50, p95 = percentiles(samples)
    print(
        f"call-next with {args.waiting + args.calls}→{args.waiting} waiting, {len(samples)} calls: "
        f"p50 {p50:.1f} ms  p95 {p95:.1f} ms"
    )


if __name__ == "__main__":
    main()
