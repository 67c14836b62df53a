"""The production topology of deploy/ on the loopback: nginx, app servers, the worker.

Commands come from the systemd units and nginx's configuration from its
template, so what the tests run is what an operator installs. Everything
shares one copy of the test database (tests/support/live.py) and one Redis
database, as the servers of a province share the primary and Redis.
"""

from __future__ import annotations

import os
import shlex
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.support.live import ROOT, _free_port

DEPLOY = ROOT / "deploy"
NGINX = Path("/usr/sbin/nginx")
INSTALL_DIR = "/srv/portal"  # where the units expect the project


def unit_command(unit: str, **substitutions: str) -> list[str]:
    """The ExecStart of a unit in deploy/systemd/, run from this checkout's virtualenv."""
    text = (DEPLOY / "systemd" / unit).read_text()
    line = next(x for x in text.splitlines() if x.startswith("ExecStart="))
    line = line.removeprefix("ExecStart=").replace(INSTALL_DIR, str(ROOT))
    for placeholder, value in substitutions.items():
        line = line.replace(placeholder, value)
    executable, *args = shlex.split(line)
    name = Path(executable).name
    return [sys.executable, *args] if name == "python" else [sys.executable, "-m", name, *args]


def render_site(*, listen: str, servers: list[str], static_root: Path) -> str:
    """deploy/nginx/portal.conf.template with this run's addresses and paths."""
    text = (DEPLOY / "nginx" / "portal.conf.template").read_text()
    for placeholder, value in {
        "@LISTEN@": listen,
        "@SERVER_NAME@": "localhost",
        "@APP_SERVER_1@": servers[0],
        "@APP_SERVER_2@": servers[1],
        "@STATIC_ROOT@": str(static_root),
        "@MEDIA_ROOT@": str(static_root.parent / "media"),
        "@CACHE_ROOT@": str(static_root.parent / "nginx-cache"),
    }.items():
        text = text.replace(placeholder, value)
    return text


MAIN_CONFIG = """
{user}
daemon off;
worker_processes 1;
# Each resident of the rush holds a connection and its request another to an app
# server: 2,000 residents need more than Debian's default 768 (/etc/nginx/nginx.conf).
worker_rlimit_nofile 16384;
pid {tmp}/nginx.pid;
error_log {tmp}/error.log warn;
events {{ worker_connections 8192; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log off;
    client_body_temp_path {tmp}/client_body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
    include {tmp}/portal.conf;
}}
"""


@contextmanager
def nginx(*, servers: list[str], static_root: Path) -> Iterator[str]:
    """Debian's nginx in the foreground with the rendered site; yields its base URL."""
    port = _free_port()
    with tempfile.TemporaryDirectory() as tmp:
        Path(tmp, "portal.conf").write_text(
            render_site(listen=f"127.0.0.1:{port}", servers=servers, static_root=static_root)
        )
        config = Path(tmp, "nginx.conf")
        # Run by root, nginx's workers would run as nobody, who cannot read a test's
        # temporary directories.
        user = "user root;" if os.geteuid() == 0 else ""
        config.write_text(MAIN_CONFIG.format(tmp=tmp, user=user))
        process = subprocess.Popen(
            [str(NGINX), "-p", tmp, "-c", str(config), "-e", f"{tmp}/error.log"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            deadline = time.monotonic() + 20
            while True:
                try:
                    socket.create_connection(("127.0.0.1", port), timeout=1).close()
                    break
                except OSError:
                    if process.poll() is not None or time.monotonic() > deadline:
                        log = Path(tmp, "error.log")
                        raise RuntimeError(
                            "nginx did not start: " + (log.read_text() if log.exists() else "")
                        ) from None
                    time.sleep(0.1)
            yield f"http://127.0.0.1:{port}"
        finally:
            process.terminate()
            process.wait(timeout=15)
