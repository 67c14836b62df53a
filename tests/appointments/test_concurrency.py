"""Never more booked than a slot holds: 50 simultaneous requests over real HTTP."""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.support.live import live_server

from .factories import id_number

SCENARIO = """
import json
from django.utils import timezone
from appointments import capacity, schedule, services
from appointments.models import Slot
from centres import calendar
from guides.models import MatterPage
from tests.appointments.factories import make_centre, make_user

centre = make_centre(counters=1, slot_minutes=30, walk_in_share=0)
now = timezone.now()
day = next(d for d in schedule.bookable_days(centre, now) if d > timezone.localdate(now))
start = schedule.bookable_starts(centre, day, now)[0]
minutes = MatterPage.objects.get(code="JS-MZ-04").handling_minutes
capacity.ensure_slots(centre, [start])
Slot.objects.filter(centre=centre, start=start).update(capacity_minutes=3 * minutes)
user = make_user("crowd@test.local")
user.set_password("crowd-pass-1")
user.save()
print(json.dumps({"centre": centre.pk, "start": start.isoformat()}))
"""

CHECK = """
import json
from appointments.models import Appointment, Slot
slot = Slot.objects.get(centre_id={centre}, start="{start}")
print(json.dumps({{"appointments": Appointment.objects.filter(slot=slot).count(),
                   "booked": slot.booked_minutes, "capacity": slot.capacity_minutes}}))
"""


# One account stands in for many residents here, so its own limits are lifted.
CROWD = {"BOOKING_RATE_PER_ACCOUNT": "1000", "BOOKING_RATE_PER_ADDRESS": "1000"}


def test_fifty_concurrent_bookings_for_three_places(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), live_server(workers=4, **CROWD) as server:
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
        counts = server.run(CHECK.format(centre=scenario["centre"], start=scenario["start"]))
        assert counts["appointments"] == 3
        assert counts["booked"] == counts["capacity"]
        listed = session.get(f"{server.url}/api/v1/appointments", timeout=30).json()
        assert len(listed) == 3


pytestmark = pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")


OVERLAP_SCENARIO = """
import json
from django.utils import timezone
from appointments import schedule
from centres import calendar
from tests.enterprises.factories import approved_officer
from tests.appointments.factories import make_centre, make_user
from tests.enterprises.factories import a_uscc

# 10 counters: 210 online minutes a slot, 105 of them open to batches.
centre = make_centre(counters=10, slot_minutes=30, walk_in_share=30)
now = timezone.now()
day = next(d for d in schedule.bookable_days(centre, now) if d > timezone.localdate(now))
starts = calendar.session_starts(centre, day)[0][:5]
for email in ("hr-race@test.local", "mum-race@test.local"):
    user = make_user(email)
    user.set_password("race-pass-1")
    user.save()
approved_officer(make_user("hr-race@test.local"), name="江苏竞速科技有限公司", code=a_uscc("RACE00001"))
print(json.dumps({"centre": centre.pk, "starts": [s.isoformat() for s in starts]}))
"""

INVARIANTS = """
import json
from django.db.models import Sum
from appointments.models import Appointment, Slot, SlotDraw
bad = []
for slot in Slot.objects.filter(centre_id={centre}):
    drawn = SlotDraw.objects.filter(slot=slot).aggregate(n=Sum("minutes"))["n"] or 0
    batch = SlotDraw.objects.filter(slot=slot, appointment__relationship="enterprise").aggregate(
        n=Sum("minutes"))["n"] or 0
    if (slot.booked_minutes != drawn or slot.batch_minutes != batch
            or slot.booked_minutes > slot.capacity_minutes
            or slot.batch_minutes > slot.batch_capacity_minutes):
        bad.append(str(slot))
short = [a.reference for a in Appointment.objects.filter(centre_id={centre})
         if (a.draws.aggregate(n=Sum("minutes"))["n"] or 0) != a.minutes]
print(json.dumps({{"bad_slots": bad, "short": short,
                   "appointments": Appointment.objects.filter(centre_id={centre}).count()}}))
"""


def test_overlapping_multi_slot_bookings_race_without_overbooking_or_deadlock(
    django_db_setup, django_db_blocker
):
    """40 onboarding batches (70 minutes each) and 20 newborn bundles (45) at once."""
    from tests.enterprises.factories import csv_bytes, employees

    limits = {
        **CROWD,
        "BATCHES_PER_ENTERPRISE_PER_DAY": "1000",
        "BOOKING_MAX_ACTIVE_FOR_OTHERS": "1000",
    }
    with django_db_blocker.unblock(), live_server(workers=4, **limits) as server:
        scenario = server.run(OVERLAP_SCENARIO)
        hr = server.login("hr-race@test.local", "race-pass-1")
        mum = server.login("mum-race@test.local", "race-pass-1")
        starts = scenario["starts"]
        people = employees(40)
        barrier = threading.Barrier(60)

        def batch(n: int) -> int:
            files = {"file": ("员工.csv", csv_bytes([people[n]]), "text/csv")}
            form = {"centre_id": scenario["centre"], "start": starts[n % 5], "bundle": "JS-B-01"}
            barrier.wait(timeout=60)
            return hr.post(
                f"{server.url}/api/v1/batches", data=form, files=files, timeout=120
            ).status_code

        def newborn(n: int) -> int:
            payload = {
                "centre_id": scenario["centre"],
                "start": starts[n % 5],
                "matters": ["JS-YB-01", "JS-RS-05", "JS-YB-04"],
                "situations": ["JS-YB-01-01"],
                "applicant": {
                    "name": "李秀兰",
                    "id_number": id_number(seq=500 + n),
                    "phone": "13951234567",
                },
            }
            barrier.wait(timeout=60)
            return mum.post(
                f"{server.url}/api/v1/appointments", json=payload, timeout=120
            ).status_code

        with ThreadPoolExecutor(max_workers=60) as pool:
            batches = [pool.submit(batch, n) for n in range(40)]
            births = [pool.submit(newborn, n) for n in range(20)]
            batch_statuses = [f.result() for f in batches]
            birth_statuses = [f.result() for f in births]

        assert set(batch_statuses) <= {201, 409}, batch_statuses
        assert set(birth_statuses) <= {201, 409}, birth_statuses
        # The morning's batch share is 6 × 105 minutes: at most nine employees of 70.
        assert 1 <= batch_statuses.count(201) <= 9
        assert birth_statuses.count(201) >= 1
        found = server.run(INVARIANTS.format(centre=scenario["centre"]))
        assert found["bad_slots"] == [] and found["short"] == []
        assert found["appointments"] == batch_statuses.count(201) + birth_statuses.count(201)
