"""A real multi-process server (gunicorn) on a copy of the test database.

The copy is made from the test database after the standard was loaded:
PostgreSQL clones it as a template, SQLite copies the file. Scenario data is
written into the copy by ``manage.py shell`` so the test database stays clean.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

import requests
from django.db import connection, connections

ROOT = Path(__file__).resolve().parents[2]


@dataclass
class LiveServer:
    url: str
    env: dict[str, str]
    process: subprocess.Popen | None = None

    def run(self, code: str) -> dict:
        """Run Python in a Django shell against the server's database; it prints JSON."""
        out = subprocess.run(
            [sys.executable, "manage.py", "shell", "-c", code],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        return json.loads(out.strip().splitlines()[-1])

    def login(self, email: str, password: str) -> requests.Session:
        session = requests.Session()
        session.get(f"{self.url}/accounts/login/", timeout=30)
        response = session.post(
            f"{self.url}/accounts/login/",
            data={
                "login": email,
                "password": password,
                "csrfmiddlewaretoken": session.cookies["csrftoken"],
            },
            headers={"Referer": f"{self.url}/accounts/login/"},
            timeout=30,
        )
        assert "sessionid" in session.cookies, response.text[:500]
        session.headers["X-CSRFToken"] = session.cookies["csrftoken"]
        return session


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def _database_copy() -> Iterator[str]:
    settings = dict(connection.settings_dict)
    connections.close_all()
    if connection.vendor == "postgresql":
        import psycopg

        name = f"{settings['NAME']}_live_{os.getpid()}"
        params = {
            "host": settings["HOST"] or "127.0.0.1",
            "port": settings["PORT"] or 5432,
            "user": settings["USER"],
            "dbname": "postgres",
            "autocommit": True,
        }
        if settings.get("PASSWORD"):
            params["password"] = settings["PASSWORD"]
        with psycopg.connect(**params) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
            admin.execute(f'CREATE DATABASE "{name}" TEMPLATE "{settings["NAME"]}"')
        password = f":{settings['PASSWORD']}" if settings.get("PASSWORD") else ""
        try:
            yield f"postgres://{settings['USER']}{password}@{params['host']}:{params['port']}/{name}"
        finally:
            with psycopg.connect(**params) as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    else:
        with tempfile.TemporaryDirectory() as tmp:
            target = Path(tmp) / "live.sqlite3"
            with sqlite3.connect(settings["NAME"]) as source, sqlite3.connect(target) as copy:
                source.backup(copy)
            yield f"sqlite:///{target}"


def copy_env(database_url: str, **extra: str) -> dict[str, str]:
    """The environment of a process (server, worker, shell) on a database copy."""
    return {
        **os.environ,
        "DATABASE_URL": database_url,
        "DJANGO_SETTINGS_MODULE": "portal.settings.test",
        "CONN_MAX_AGE": "60",
        **extra,
    }


@contextmanager
def live_server(*, workers: int = 4, **settings: str) -> Iterator[LiveServer]:
    """``settings``: environment variables the server reads its settings from."""
    with _database_copy() as database_url:
        env = copy_env(database_url, **settings)
        # --preload as in production (deploy/gunicorn.conf.py): the project and the word
        # lists are loaded once in the master, not again in every worker.
        args = ["--workers", str(workers), "--timeout", "120", "--preload"]
        with serve(env, args) as server:
            yield server


@contextmanager
def serve(
    env: dict[str, str], args: list[str], *, port: int | None = None, wait: bool = True
) -> Iterator[LiveServer]:
    """Gunicorn with ``args`` on ``port`` of the loopback.

    Several servers may share one database copy (``env``), as app servers
    share the primary in production (tests/deploy). With ``wait=False`` it
    yields at once, so that servers start side by side; ``wait_until_ready``.
    """
    port = port or _free_port()
    # A configuration (deploy/gunicorn.conf.py) brings its own application and log level.
    defaults = [] if "-c" in args else ["portal.wsgi:application", "--log-level", "warning"]
    bind = [] if "--bind" in args else ["--bind", f"127.0.0.1:{port}"]
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", *defaults, *args, *bind],
        cwd=ROOT,
        env=env,
        # Its own process group, so that a test can kill the master with its workers.
        start_new_session=True,
    )
    server = LiveServer(url=f"http://127.0.0.1:{port}", env=env, process=process)
    try:
        if wait:
            wait_until_ready(server)
        yield server
    finally:
        # Killed, not stopped: a graceful stop waits for gunicorn's workers to finish
        # their keep-alive connections (seconds per server), and nothing a test checks
        # happens after it. The group takes the workers down with the master.
        if process.poll() is None:
            with suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=30)


def wait_until_ready(server: LiveServer) -> None:
    deadline = time.monotonic() + 120  # a loaded CI machine starts slowly
    while True:
        try:
            if requests.get(f"{server.url}/api/v1/matters", timeout=15).status_code == 200:
                return
        except requests.RequestException:
            pass
        if time.monotonic() > deadline or server.process.poll() is not None:
            raise RuntimeError("the live server did not start")
        time.sleep(0.3)
