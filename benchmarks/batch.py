"""A 500-row employee list validated and booked end to end through POST /api/v1/batches.

Usage: python benchmarks/batch.py [--rows 500]
Prints the wall time of the request (target under 3 s) and the server worker's
peak memory before and after (kept flat: the file is read once, rows are plain
tuples, and inserts go in bulk).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import sys
import time
from pathlib import Path

import requests

sys.path.insert(0, str(Path(__file__).resolve().parent))
from support import fresh_sqlite, gunicorn, prepare, shell_json  # noqa: E402

SCENARIO = """
import datetime as dt, json
from django.utils import timezone
from accounts.services import ensure_user
from appointments import schedule
from tests.enterprises.factories import approved_officer
from tests.appointments.factories import make_open_centre
centre = make_open_centre("BENCHB", counters=1000, slot_minutes=60, hours=(dt.time(8), dt.time(20)),
    name="奔牛镇便民服务中心（批量）")
now = timezone.now()
day = [d for d in schedule.bookable_days(centre, now) if d > timezone.localdate(now)][0]
start = schedule.bookable_starts(centre, day, now)[0]
user = ensure_user(email="bench-hr@test.local", password="bench-pass-1")
approved_officer(user, code="91320411MA1BENCH0" + "X")
print(json.dumps({"centre": centre.pk, "start": start.isoformat()}))
"""


def roster(rows: int) -> bytes:
    from stdnum.cn import ric

    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["姓名", "身份证号", "手机号", "入职日期"])
    for i in range(rows):
        body = f"320411{dt.date(1985, 1, 1) + dt.timedelta(days=i):%Y%m%d}{i % 900 + 100:03d}"
        writer.writerow(
            ["王伟", body + ric.calc_check_digit(body + "0"), f"139{i:08d}", "2026-12-01"]
        )
    return out.getvalue().encode("gbk")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=500)
    args = parser.parse_args()
    env = prepare(fresh_sqlite("bench_batch"))
    from stdnum.cn import uscc

    code = "91320411MA1BENCH0"
    scenario = shell_json(
        env, SCENARIO.replace('"91320411MA1BENCH0" + "X"', repr(code + uscc.calc_check_digit(code)))
    )
    data = roster(args.rows)
    with gunicorn(env, workers=1) as url, requests.Session() as session:
        session.get(f"{url}/accounts/login/")
        session.post(
            f"{url}/accounts/login/",
            data={
                "login": "bench-hr@test.local",
                "password": "bench-pass-1",
                "csrfmiddlewaretoken": session.cookies["csrftoken"],
            },
        )
        session.headers["X-CSRFToken"] = session.cookies["csrftoken"]
        rss_before = _worker_rss(url)  # after login: the worker has loaded everything
        t0 = time.perf_counter()
        response = session.post(
            f"{url}/api/v1/batches",
            data={"centre_id": scenario["centre"], "start": scenario["start"], "bundle": "JS-B-01"},
            files={"file": ("员工名单.csv", data, "text/csv")},
        )
        elapsed = time.perf_counter() - t0
        rss_after = _worker_rss(url)
    assert response.status_code == 201, response.text[:500]
    print(
        f"{args.rows}-row GBK CSV ({len(data) / 1024:.0f} KB), bundle JS-B-01, validated and booked over HTTP"
    )
    print(f"time {elapsed:.2f} s  (target < 3 s); people booked: {response.json()['people']}")
    print(f"worker peak RSS before {rss_before / 1024:.0f} MB, after {rss_after / 1024:.0f} MB")


def _worker_rss(url: str) -> int:
    """Peak resident memory (KB) of the gunicorn worker, the last process of the server."""
    peaks = []
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            cmdline = (proc / "cmdline").read_bytes().replace(b"\0", b" ")
            status = (proc / "status").read_text()
        except OSError:
            continue
        if b"gunicorn" in cmdline and b"portal.wsgi" in cmdline:
            hwm = next(
                (line.split()[1] for line in status.splitlines() if line.startswith("VmHWM")), "0"
            )
            peaks.append((int(proc.name), int(hwm)))
    return max(peaks)[1] if peaks else 0


if __name__ == "__main__":
    main()
