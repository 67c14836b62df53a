"""One endpoint flat out from a fixed number of clients: the ratio's half."""

from __future__ import annotations

import itertools
import random
import threading
import time
import uuid

import requests
from locustfile_ids import id_number
from scenario import MATTER


def flat_out(url: str, scenario: dict, seconds: float, clients: int, booking: bool) -> dict:
    """``clients`` threads, each its own connection, as fast as answers come."""
    counter = itertools.count(10_000_000)
    done: dict[int, int] = {}
    lock = threading.Lock()
    deadline = time.monotonic() + seconds

    def client() -> None:
        session = requests.Session()
        session.cookies.set(scenario["session_cookie"], random.choice(scenario["sessions"]))
        session.cookies.set(scenario["csrf_cookie"], scenario["csrf"])
        session.headers["X-CSRFToken"] = scenario["csrf"]
        while time.monotonic() < deadline:
            if booking:
                centre, start = random.choice(scenario["places"])
                status = session.post(
                    f"{url}/api/v1/appointments",
                    json={
                        "centre_id": centre,
                        "start": start,
                        "matters": [MATTER],
                        "applicant": {
                            "name": "高秀英",
                            "id_number": id_number(next(counter)),
                            "phone": "13951234567",
                            "relationship": "relative",
                        },
                    },
                    headers={"Idempotency-Key": uuid.uuid4().hex},
                    timeout=60,
                ).status_code
            else:
                status = session.get(f"{url}/robots.txt", timeout=60).status_code
            with lock:
                done[status] = done.get(status, 0) + 1

    threads = [threading.Thread(target=client) for _ in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    ok = done.get(201 if booking else 200, 0)
    return {"per_second": ok / seconds, "statuses": done}
