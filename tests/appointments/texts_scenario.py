"""Bookings and cases whose texts the worker sends; run inside a worker's database copy too."""

from __future__ import annotations

import time_machine

from accounts.models import Profile
from accounts.services import add_staff
from appointments import notifications, services
from appointments.constants import Relationship
from appointments.selectors import checklist_of
from casework import services as counter
from guides.selectors import matters_with_materials
from tests.appointments.factories import applicant, id_number, local, make_centre, make_user

MOTHER = "13951230001"
DAUGHTER = "13861230002"
HR = "13771230003"
EMPLOYEES = ["13951231001", "13951231002", "13951231003"]
BOOKED_AT = local(2026, 11, 23, 8, 0)
DAY_BEFORE = local(2026, 11, 23, 10, 0)


def daughter_books(centre, hour: int, code: str, daughter):
    return services.book_appointment(
        centre=centre,
        start=local(2026, 11, 24, hour),
        matters=matters_with_materials([code]),
        applicant=applicant(phone=MOTHER, relationship=Relationship.PARENT),
        booked_by=daughter,
        now=BOOKED_AT,
    )


def open_case(appointment, clerk, *, everything: bool):
    with time_machine.travel(appointment.start, tick=False):
        counter.scan_ticket(code=appointment.reference, clerk=clerk)
        lines = checklist_of(appointment)
        received = [line.material_id for line in lines] if everything else []
        return counter.accept_intake(appointment=appointment, clerk=clerk, received=received)


def proxy_journey() -> dict[str, str]:
    """Every kind about the mother's bookings, made by her daughter; references by step."""
    centre = make_centre(counters=4)
    daughter = make_user("daughter@test.local")
    Profile.objects.update_or_create(user=daughter, defaults={"phone": DAUGHTER})
    clerk = add_staff(email="texts-clerk@test.local", centre=centre, role="clerk", password="pw")
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
    from enterprises import services as batches
    from enterprises.roster import Roster
    from tests.enterprises.factories import approved_officer

    centre = make_centre(counters=40, walk_in_share=0)
    officer = make_user("hr@test.local")
    Profile.objects.update_or_create(user=officer, defaults={"phone": HR})
    enterprise = approved_officer(officer)
    matters = matters_with_materials(["JS-RS-03", "JS-RS-07", "JS-YB-02", "JS-GJ-02"])
    rows = [
        (
            n + 2,
            {
                "姓名": name,
                "身份证号": id_number(seq=700 + n),
                "手机号": EMPLOYEES[n],
                "入职日期": "2026-12-01",
            },
        )
        for n, name in enumerate(["王伟", "李娜", "张敏"])
    ]
    with time_machine.travel(BOOKED_AT, tick=False):
        check = batches.check_roster(Roster(rows=rows), matters=matters)
        assert not check.errors, check.errors
        booked = batches.book_batch(
            enterprise=enterprise,
            officer=officer,
            centre=centre,
            start=local(2026, 11, 24, 9),
            matters=matters,
            employees=check.employees,
            bundle_code="JS-B-01",
        )
    notifications.send_reminders(now=DAY_BEFORE)
    return booked.appointment.reference
