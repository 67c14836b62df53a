"""The 8 o'clock rush, small: 200 Locust residents for 20 s against the production topology.

benchmarks/rush/run.py brings up nginx, two app servers and the worker on
Redis on its own PostgreSQL database and prints its figures, the last line as
JSON; the same assertions hold as for the full run of 2,000 residents.
"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys

import pytest
from django.conf import settings

from tests.support.live import ROOT

from .topology import NGINX

pytestmark = [
    pytest.mark.topology,
    pytest.mark.skipif(not NGINX.exists(), reason="needs Debian's nginx (apt-get install nginx)"),
    pytest.mark.skipif(
        not settings.DATABASES["default"]["ENGINE"].endswith("postgresql"),
        reason="the rush runs on PostgreSQL, as in production",
    ),
    pytest.mark.skipif(
        importlib.util.find_spec("locust") is None,
        reason="needs Locust (pip install -e '.[benchmarks]')",
    ),
]


def test_a_small_rush_books_no_slot_twice_and_keeps_readers_fast():
    # Not the topology test's database (db 7): both flush theirs, and under xdist
    # (make test) the two modules may run at the same time.
    redis_url = os.environ.get("RUSH_REDIS_URL", "redis://127.0.0.1:6379/8")
    run = subprocess.run(
        [
            sys.executable,
            "benchmarks/rush/run.py",
            "--users",
            "200",
            "--seconds",
            "20",
            "--spawn-rate",
            "100",
            "--centres",
            "5",
            "--ratio-seconds",
            "5",
            "--database",
            f"{settings.DATABASES['default']['NAME']}_rush",
        ],
        cwd=ROOT,
        env={**os.environ, "RUSH_REDIS_URL": redis_url},
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    figures = json.loads(run.stdout.strip().splitlines()[-1])
    assert figures["requests"] > 0
    assert figures["booked"] > 0
    assert figures["errors"] == 0, run.stdout
    assert figures["overbooked"] == 0
    # Correctness above holds; the readers' latency target is not met yet (issue
    # #17 stays open): the run is reported as an expected failure with its p95, one
    # line in the summary (not the rush's table), and passes outright once the guide
    # page p95 is within 200 ms.
    if figures["guide_p95_ms"] > 200:
        pytest.xfail(f"guide page p95 {figures['guide_p95_ms']:.0f} ms > 200 ms")
