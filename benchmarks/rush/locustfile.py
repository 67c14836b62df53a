"""The 8 o'clock rush: residents read a guide, poll a centre's slots and book.

Run by benchmarks/rush/run.py, which brings up the production topology and
hands over the scenario (centres, the day that opens, sessions) in RUSH_SCENARIO.
A 409 ("full") is an answer, not an error; anything else that is not 2xx is.
"""

from __future__ import annotations

import itertools
import json
import os
import random
import uuid
from pathlib import Path

from locust import FastHttpUser, between, task
from locustfile_ids import id_number as person_number

SCENARIO = json.loads(Path(os.environ["RUSH_SCENARIO"]).read_text())
_numbers = itertools.count(int(os.environ.get("RUSH_ID_OFFSET", "0")))


def id_number() -> str:
    return person_number(next(_numbers))


class Resident(FastHttpUser):
    wait_time = between(1, 3)

    def on_start(self):
        account = random.choice(SCENARIO["sessions"])
        self.cookies = {SCENARIO["session_cookie"]: account, "csrftoken": SCENARIO["csrf"]}
        self.centre = random.choice(SCENARIO["centres"])
        self.booked = False

    def _headers(self):
        return {
            "Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()),
            "X-CSRFToken": SCENARIO["csrf"],
        }

    @task(3)
    def read_guide(self):
        self.client.get(random.choice(SCENARIO["guides"]), name="guide page")

    @task(6)
    def poll_slots(self):
        self.client.get(
            f"/api/v1/centres/{self.centre}/slots",
            params={"date": SCENARIO["day"], "matters": SCENARIO["matter"], "people": 1},
            name="slots",
        )

    @task(2)
    def book(self):
        if self.booked:
            return self.poll_slots()
        with self.client.get(
            f"/api/v1/centres/{self.centre}/slots",
            params={"date": SCENARIO["day"], "matters": SCENARIO["matter"], "people": 1},
            name="slots",
            catch_response=True,
        ) as response:
            if response.status_code != 200:
                response.failure(f"HTTP {response.status_code}")
                return
            free = [s["start"] for s in response.json() if s["available"]]
            response.success()
        if not free:
            self.centre = random.choice(SCENARIO["centres"])  # try another centre
            return
        payload = {
            "centre_id": self.centre,
            "start": random.choice(free[:3]),
            "matters": [SCENARIO["matter"]],
            "applicant": {
                "name": "高秀英",
                "id_number": id_number(),
                "phone": "13951234567",
                "relationship": "relative",
            },
        }
        with self.client.post(
            "/api/v1/appointments",
            json=payload,
            headers={**self._headers(), "Idempotency-Key": uuid.uuid4().hex},
            name="book",
            catch_response=True,
        ) as response:
            if response.status_code == 201:
                self.booked = True
                response.success()
            elif response.status_code == 409:
                response.success()  # the place went to someone else: an answer, not an error
            else:
                response.failure(f"HTTP {response.status_code}: {response.text[:200]}")
