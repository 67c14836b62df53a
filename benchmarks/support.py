"""Shared pieces of the benchmarks: a prepared database and a gunicorn server."""

from __future__ import annotations

import json
import os
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable


def env_for(database_url: str) -> dict[str, str]:
    return {
        **os.environ,
        "DATABASE_URL": database_url,
        "DJANGO_SETTINGS_MODULE": "portal.settings.dev",
        "DEBUG": "false",
        "CONN_MAX_AGE": "60",
        "LOG_LEVEL": "WARNING",
        # A benchmark's few accounts stand in for thousands of residents.
        "BOOKING_RATE_PER_ACCOUNT": "1000000",
        "BOOKING_RATE_PER_ADDRESS": "1000000",
        "SLOT_POLL_RATE_PER_ADDRESS": "1000000",
        "BATCHES_PER_ENTERPRISE_PER_DAY": "1000000",
        "BATCH_PEOPLE_PER_ENTERPRISE_PER_DAY": "1000000",
    }


def manage(env: dict[str, str], *args: str) -> str:
    return subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    ).stdout


def shell_json(env: dict[str, str], code: str) -> dict:
    return json.loads(manage(env, "shell", "-c", code).strip().splitlines()[-1])


def prepare(database_url: str) -> dict[str, str]:
    """Migrate and load the standard (both idempotent)."""
    env = env_for(database_url)
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "load_standard")
    return env


def fresh_postgres(name: str, base: str = "postgres://postgres@127.0.0.1:5432") -> str:
    import psycopg

    with psycopg.connect(f"{base}/postgres", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')
    return f"{base}/{name}"


def fresh_sqlite(name: str) -> str:
    """A new, empty SQLite file under var/ for one benchmark run."""
    (ROOT / "var").mkdir(exist_ok=True)
    database = ROOT / "var" / f"{name}.sqlite3"
    database.unlink(missing_ok=True)
    return f"sqlite:///{database}"


def fresh_database(name: str, *, postgres: bool) -> str:
    return fresh_postgres(f"portal_{name}") if postgres else fresh_sqlite(name)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def gunicorn(env: dict[str, str], *, workers: int, port: int | None = None) -> Iterator[str]:
    port = port or free_port()
    process = subprocess.Popen(
        [
            PYTHON,
            "-m",
            "gunicorn",
            "portal.wsgi:application",
            "--workers",
            str(workers),
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
            "--timeout",
            "120",
        ],
        cwd=ROOT,
        env=env,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                requests.get(f"{url}/api/v1/matters", timeout=15)
                break
            except requests.RequestException:
                if time.monotonic() > deadline or process.poll() is not None:
                    raise RuntimeError("server did not start") from None
                time.sleep(0.3)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=30)


def percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    p95 = ordered[max(0, int(len(ordered) * 0.95) - 1)]
    return statistics.median(ordered), p95
