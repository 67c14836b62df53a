"""A real django-q2 worker (``manage.py qcluster``) on a copy of the test database.

Scenario code runs through ``LiveServer.run`` (a ``manage.py shell`` against the
same copy) with ``Q_SYNC=0``, so its tasks go through the broker to the worker.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager

from tests.support.live import ROOT, LiveServer, _database_copy, copy_env


@contextmanager
def worker(*, workers: int = 2) -> Iterator[LiveServer]:
    with _database_copy() as database_url:
        env = copy_env(database_url, Q_SYNC="0", Q_WORKERS=str(workers))
        with run_worker(env) as handle:
            yield handle


@contextmanager
def run_worker(env: dict[str, str]) -> Iterator[LiveServer]:
    """``manage.py qcluster`` with ``env`` (its database copy and broker), ready when this yields."""
    process = subprocess.Popen(
        [sys.executable, "manage.py", "qcluster"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        # Its own process group: a kill takes the cluster's worker processes down too.
        start_new_session=True,
    )
    handle = LiveServer(url="", env=env, process=process)
    try:
        # A first task answered means the cluster's workers are up.
        ready = handle.run(
            "import json; from django_q.tasks import async_task, result; "
            "print(json.dumps({'up': result(async_task('math.sqrt', 4), wait=60000) == 2.0}))"
        )
        if not ready["up"] or process.poll() is not None:
            raise RuntimeError("the worker did not start: " + process.stderr.read1().decode())
        yield handle
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
