"""A real HTTP subscriber on a local port: it records what arrives and can misbehave.

Each path is its own subscriber. ``fail(path, n)`` makes the next n requests to
it answer 500; ``hang(path, seconds)`` makes every request wait that long
before answering. An event counts as accepted when it was answered 2xx; a
well-behaved subscriber ignores a repeated idempotency key, as this one does.
"""

from __future__ import annotations

import json
import threading
import time
from collections import defaultdict
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Arrival:
    path: str
    headers: dict[str, str]
    body: bytes
    status: int
    at: float  # time.monotonic(), for intervals
    wall: float = 0.0  # time.time(), to compare with other processes' clocks

    @property
    def event(self) -> dict:
        return json.loads(self.body)


@dataclass
class Receiver:
    url: str
    arrivals: list[Arrival] = field(default_factory=list)
    failures_left: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    hang_seconds: dict[str, float] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def fail(self, path: str, times: int) -> None:
        with self.lock:
            self.failures_left[path] = times

    def hang(self, path: str, seconds: float) -> None:
        self.hang_seconds[path] = seconds

    def accepted(self, path: str) -> list[Arrival]:
        with self.lock:
            return [a for a in self.arrivals if a.path == path and a.status == 200]

    def all(self, path: str) -> list[Arrival]:
        with self.lock:
            return [a for a in self.arrivals if a.path == path]

    def wait_for(self, path: str, count: int, timeout: float = 30) -> list[Arrival]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            accepted = self.accepted(path)
            if len({a.headers["Idempotency-Key"] for a in accepted}) >= count:
                return accepted
            time.sleep(0.05)
        raise AssertionError(f"{path}: {len(self.accepted(path))} of {count} events arrived")


def _handler(receiver: Receiver):
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            if self.path in receiver.hang_seconds:
                time.sleep(receiver.hang_seconds[self.path])
            with receiver.lock:
                status = 200
                if receiver.failures_left[self.path] > 0:
                    receiver.failures_left[self.path] -= 1
                    status = 500
                receiver.arrivals.append(
                    Arrival(
                        self.path, dict(self.headers), body, status, time.monotonic(), time.time()
                    )
                )
            try:
                self.send_response(200 if status == 200 else status)
                self.send_header("Content-Length", "2")
                self.end_headers()
                self.wfile.write(b"{}")
            except (BrokenPipeError, ConnectionResetError):
                pass  # the sender gave up waiting (a hanging subscriber)

        def log_message(self, *args):
            pass

    return Handler


@contextmanager
def receiver():
    server = ThreadingHTTPServer(("127.0.0.1", 0), None)
    state = Receiver(url=f"http://127.0.0.1:{server.server_address[1]}")
    server.RequestHandlerClass = _handler(state)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()
