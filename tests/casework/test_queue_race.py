"""Two clerks calling and reception scanning at the same moment, over real HTTP on PostgreSQL."""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.conf import settings

from tests.support.live import live_server

pytestmark = [
    pytest.mark.skipif(
        "postgresql" not in settings.DATABASES["default"]["ENGINE"],
        reason="the race is run against PostgreSQL (SQLite serialises every write)",
    ),
    pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning"),
]

BOOKED = 40
QUEUED_BEFORE = 25

SCENARIO = """
import datetime as dt, json
from django.utils import timezone
from accounts.services import add_staff
from appointments import schedule, services
from casework import services as counter
from guides.selectors import matters_with_materials
from tests.appointments.factories import applicant, make_open_centre, make_user

centre = make_open_centre("RACE01", counters=40)
midnight = timezone.make_aware(dt.datetime.combine(timezone.localdate(), dt.time(0, 1)))
starts = schedule.bookable_starts(centre, timezone.localdate(), midnight)
matters = matters_with_materials(["JS-MZ-04"])
references = [
    services.book_appointment(centre=centre, start=starts[n % len(starts)], matters=matters,
        applicant=applicant(), booked_by=make_user(f"race{n}@test.local"), now=midnight).reference
    for n in range(BOOKED)
]
clerks = [add_staff(email=f"race-clerk{n}@test.local", centre=centre, role="clerk",
                    password="race-pass-1") for n in range(3)]
for reference in references[:QUEUED_BEFORE]:
    counter.scan_ticket(code=reference, clerk=clerks[2])
print(json.dumps({"references": references, "centre": centre.pk}))
"""

CHECK = """
import json
from casework.models import QueueTicket
tickets = QueueTicket.objects.filter(centre_id={centre})
print(json.dumps({{"tickets": tickets.count(),
                   "waiting": tickets.filter(status="waiting").count(),
                   "called": sorted(tickets.filter(status="called").values_list("number", flat=True))}}))
"""


def test_two_clerks_and_a_reception_scan_never_share_a_person(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), live_server(workers=4) as server:
        scenario = server.run(
            SCENARIO.replace("BOOKED", str(BOOKED)).replace("QUEUED_BEFORE", str(QUEUED_BEFORE))
        )
        clerks = [server.login(f"race-clerk{n}@test.local", "race-pass-1") for n in range(3)]
        late = scenario["references"][QUEUED_BEFORE:]
        start = threading.Barrier(3)

        def call(n: int) -> list[tuple[int, str]]:
            start.wait(timeout=60)
            calls = []
            for _ in range(BOOKED):
                response = clerks[n].post(
                    f"{server.url}/api/v1/counter/call-next", json={"counter": n + 1}, timeout=60
                )
                assert response.status_code in (200, 204), response.text[:300]
                if response.status_code == 204:
                    break
                calls.append((n + 1, response.json()["queue_number"]))
            return calls

        def scan() -> list[int]:
            start.wait(timeout=60)
            return [
                clerks[2]
                .post(f"{server.url}/api/v1/counter/scan", json={"code": ref}, timeout=60)
                .status_code
                for ref in late
            ]

        with ThreadPoolExecutor(max_workers=3) as pool:
            first, second = pool.submit(call, 0), pool.submit(call, 1)
            scans = pool.submit(scan)
            calls = first.result() + second.result()
            assert scans.result() == [200] * len(late)
        # Whoever arrived after both counters found the queue empty is called now.
        calls += call_rest(server, clerks[0])
        numbers = [number for _counter, number in calls]
        assert len(numbers) == len(set(numbers)) == BOOKED
        assert {counter for counter, _n in calls} <= {1, 2}
        state = server.run(CHECK.format(centre=scenario["centre"]))
        assert state["tickets"] == BOOKED and state["waiting"] == 0
        assert state["called"] == sorted(numbers)


def call_rest(server, session) -> list[tuple[int, str]]:
    calls = []
    while True:
        response = session.post(
            f"{server.url}/api/v1/counter/call-next", json={"counter": 1}, timeout=60
        )
        if response.status_code == 204:
            return calls
        calls.append((1, response.json()["queue_number"]))
