"""Never more booked than a slot holds: 50 simultaneous requests over real HTTP."""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.support.live import live_server

from .factories import id_number

SCENARIO = """
import json
from django.utils import timezone
from appointments import schedule, services
from appointments.models import Slot
from guides.models import MatterPage
from tests.appointments.factories import make_centre, make_user

centre = make_centre(counters=1, slot_minutes=30, walk_in_share=0)
now = timezone.now()
day = next(d for d in schedule.bookable_days(centre, now) if d > timezone.localdate(now))
start = schedule.bookable_starts(centre, day, now)[0]
minutes = MatterPage.objects.get(code="JS-MZ-04").handling_minutes
services.ensure_slots(centre, [start])
Slot.objects.filter(centre=centre, start=start).update(capacity_minutes=3 * minutes)
user = make_user("crowd@test.local")
user.set_password("crowd-pass-1")
user.save()
print(json.dumps({"centre": centre.pk, "start": start.isoformat()}))
"""

CHECK = """
import json
from appointments.models import Appointment, Slot
slot = Slot.objects.get(centre_id={centre})
print(json.dumps({{"appointments": Appointment.objects.filter(slot=slot).count(),
                   "booked": slot.booked_minutes, "capacity": slot.capacity_minutes}}))
"""


def test_fifty_concurrent_bookings_for_three_places(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), live_server(workers=4) as server:
        scenario = server.run(SCENARIO)
        session = server.login("crowd@test.local", "crowd-pass-1")
        barrier = threading.Barrier(50)

        def attempt(n: int) -> int:
            payload = {
                "centre_id": scenario["centre"],
                "start": scenario["start"],
                "matters": ["JS-MZ-04"],
                "applicant": {
                    "name": "高秀英",
                    "id_number": id_number(seq=n),
                    "phone": "13951234567",
                },
            }
            barrier.wait(timeout=60)
            return session.post(
                f"{server.url}/api/v1/appointments", json=payload, timeout=120
            ).status_code

        with ThreadPoolExecutor(max_workers=50) as pool:
            statuses = list(pool.map(attempt, range(50)))

        assert statuses.count(201) == 3, statuses
        assert statuses.count(409) == 47, statuses
        counts = server.run(CHECK.format(centre=scenario["centre"]))
        assert counts["appointments"] == 3
        assert counts["booked"] == counts["capacity"]
        listed = session.get(f"{server.url}/api/v1/appointments", timeout=30).json()
        assert len(listed) == 3


pytestmark = pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
