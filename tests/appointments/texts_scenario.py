"""Bookings and cases whose texts the worker sends; run inside a worker's database copy too."""

from __future__ import annotations

import time_machine

from appointments import notifications, services
from appointments.constants import Relationship
from casework import services as counter
from tests.accounts.factories import ProfileFactory, StaffFactory
from tests.appointments.factories import (
    AppointmentFactory,
    id_number,
    local,
    make_centre,
    make_user,
)
from tests.casework.factories import CaseFactory

MOTHER = "13951230001"
DAUGHTER = "13861230002"
HR = "13771230003"
EMPLOYEES = ["13951231001", "13951231002", "13951231003"]
BOOKED_AT = local(2026, 11, 23, 8, 0)
DAY_BEFORE = local(2026, 11, 23, 10, 0)


def a_daughter():
    """The daughter's account, with her phone: she books for her mother."""
    daughter = make_user("daughter@test.local")
    ProfileFactory(user=daughter, phone=DAUGHTER)
    return daughter


def daughter_books(centre, hour: int, code: str, daughter):
    return AppointmentFactory(
        centre=centre,
        start=local(2026, 11, 24, hour),
        codes=[code],
        applicant__phone=MOTHER,
        applicant__relationship=Relationship.PARENT,
        booked_by=daughter,
        now=BOOKED_AT,
    )


def open_case(appointment, clerk, *, everything: bool):
    with time_machine.travel(appointment.start, tick=False):
        received = {} if everything else {"received": []}
        return CaseFactory(appointment=appointment, clerk=clerk, **received)


def proxy_journey() -> dict[str, str]:
    """Every kind about the mother's bookings, made by her daughter; references by step."""
    centre = make_centre(counters=4)
    daughter = a_daughter()
    clerk = StaffFactory(email="texts-clerk@test.local", centre=centre)
    first = daughter_books(centre, 9, "JS-MZ-04", daughter)
    services.reschedule_appointment(appointment=first, start=local(2026, 11, 24, 15), now=BOOKED_AT)
    notifications.send_reminders(now=DAY_BEFORE)
    notifications.text_about(first.pk, "checklist_changed")
    services.cancel_appointment(appointment=first, now=DAY_BEFORE)
    returned = daughter_books(centre, 9, "JS-YB-01", daughter)
    completed = daughter_books(centre, 10, "JS-RS-05", daughter)
    rejected = daughter_books(centre, 11, "JS-YB-04", daughter)
    open_case(returned, clerk, everything=False)
    case = open_case(completed, clerk, everything=True)
    with time_machine.travel(completed.start, tick=False):
        counter.complete_case(case=case, clerk=clerk)
    case = open_case(rejected, clerk, everything=True)
    with time_machine.travel(rejected.start, tick=False):
        counter.reject_case(case=case, clerk=clerk, reason="不符合申领条件")
    return {
        "first": first.reference,
        "returned": returned.reference,
        "completed": completed.reference,
        "rejected": rejected.reference,
    }


def batch_booked() -> str:
    """An enterprise books three employees; the day-before reminder goes out."""
    from tests.enterprises.factories import BatchFactory

    officer = make_user("hr@test.local")
    ProfileFactory(user=officer, phone=HR)
    rows = [
        [name, id_number(seq=700 + n), EMPLOYEES[n], "2026-12-01"]
        for n, name in enumerate(["王伟", "李娜", "张敏"])
    ]
    booked = BatchFactory(officer=officer, rows=rows, now=BOOKED_AT)
    notifications.send_reminders(now=DAY_BEFORE)
    return booked.appointment.reference
