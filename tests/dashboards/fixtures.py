"""A small, hand-counted world for the dashboard tests.

Two cities; the first has two counties (东区 with centres A and B, 西区 with
centre C), the second one county with centre D. Three days, 23–25 November
2026, plus one appointment just before them. Every expected figure in the
tests is counted by hand from the lists below.
"""

from __future__ import annotations

import datetime as dt
import itertools
from functools import partial

from django.contrib.auth import get_user_model

from appointments.constants import AppointmentStatus as A
from appointments.models import Appointment, AppointmentMatter, Slot
from casework.constants import CaseStatus as C
from casework.constants import QueueStatus
from casework.models import Case, QueueTicket
from centres.models import City, County, ServiceCentre
from dashboards import figures
from guides.models import MatterPage
from ratings.models import Rating
from tests.appointments.factories import local

M1, M2 = "JS-MZ-03", "JS-MZ-04"  # standard minutes set to 20 and 10 below
SECRET_NAME = "郑秘密"
SECRET_PHONE = "13900001111"
_numbers = itertools.count(1)


def _centre(county, code, name, counters):
    return ServiceCentre.objects.create(
        county=county, code=code, name=name, address="测试路1号", counters=counters
    )


def _appointment(centre, start, codes, status, checked_in=None):
    n = next(_numbers)
    slot, _ = Slot.objects.get_or_create(
        centre=centre,
        start=start,
        defaults={"end": start + dt.timedelta(minutes=30), "capacity_minutes": 300},
    )
    user, _ = get_user_model().objects.get_or_create(username="booker@test.local")
    appointment = Appointment.objects.create(
        reference=f"DASH{n:04d}",
        centre=centre,
        slot=slot,
        start=start,
        end=start + dt.timedelta(minutes=30),
        minutes=20,
        status=status,
        booked_by=user,
        relationship="self",
        applicant_name=SECRET_NAME,
        applicant_id_encrypted="not-a-real-token",
        applicant_phone=SECRET_PHONE,
        checked_in_at=checked_in,
    )
    for code in codes:
        AppointmentMatter.objects.create(
            appointment=appointment, matter=MatterPage.objects.get(code=code)
        )
    return appointment


def _case(appointment, status, scanned, minutes=None, score=None, rated=None):
    clerk, _ = get_user_model().objects.get_or_create(username="clerk@test.local")
    case = Case.objects.create(
        case_number=f"DASH-{appointment.reference}",
        centre=appointment.centre,
        appointment=appointment,
        status=status,
        clerk=clerk,
        scanned_at=scanned,
        # Called and accepted on arrival with every material: all the time is handling.
        called_at=scanned,
        accepted_at=scanned,
        complete_at=scanned,
        closed_at=scanned + dt.timedelta(minutes=minutes) if minutes is not None else None,
    )
    if score is not None:
        rating = Rating.objects.create(case=case, score=score)
        # created_at is set on insert; the test needs it on a known day.
        Rating.objects.filter(pk=rating.pk).update(created_at=rated)
    return case


def _ticket(centre, number, created, called=None, counter=None, appointment=None):
    ticket = QueueTicket.objects.create(
        centre=centre,
        date=created.date(),
        number=number,
        appointment=appointment,
        sort_at=created,
        status=QueueStatus.CALLED if called else QueueStatus.WAITING,
        counter=counter,
        called_at=called,
    )
    QueueTicket.objects.filter(pk=ticket.pk).update(created_at=created)
    return ticket


def build_world() -> dict:
    MatterPage.objects.filter(code=M1).update(handling_minutes=20)
    MatterPage.objects.filter(code=M2).update(handling_minutes=10)
    city1 = City.objects.create(code="329800", name="甲市")
    city2 = City.objects.create(code="329700", name="乙市")
    east = County.objects.create(city=city1, code="329801", name="东区")
    west = County.objects.create(city=city1, code="329802", name="西区")
    far = County.objects.create(city=city2, code="329701", name="远区")
    a = _centre(east, "DA01", "东区甲街道便民服务中心", 3)
    b = _centre(east, "DB01", "东区乙镇便民服务中心", 2)
    c = _centre(west, "XC01", "西区丙镇便民服务中心", 2)
    d = _centre(far, "YD01", "远区丁镇便民服务中心", 1)

    d1, d2, d3 = (partial(local, 2026, 11, day) for day in (23, 24, 25))

    # Centre A
    a1 = _appointment(a, d1(9), [M1], A.COMPLETED, d1(8, 50))
    _case(a1, C.COMPLETED, d1(9), 30, score=5, rated=d1(10))
    a2 = _appointment(a, d1(10), [M1, M2], A.COMPLETED, d1(10))
    _case(a2, C.COMPLETED, d1(10), 45, score=1, rated=d2(9))
    # 07:30 in Shanghai is 23:30 UTC the day before: it must count on the 24th.
    _appointment(a, d2(7, 30), [M2], A.NO_SHOW)
    _appointment(a, d2(9), [M2], A.CANCELLED)
    a5 = _appointment(a, d3(14), [M1], A.CHECKED_IN, d3(13, 50))
    _case(a5, C.RETURNED, d3(14))
    a6 = _appointment(a, d3(15), [M2], A.COMPLETED, d3(14, 40))
    _case(a6, C.COMPLETED, d3(15), 13, score=2, rated=d3(16))
    # Before the period: never counted.
    before = _appointment(a, local(2026, 11, 20, 9), [M1], A.COMPLETED, local(2026, 11, 20, 9))
    _case(before, C.COMPLETED, local(2026, 11, 20, 9), 99, score=1, rated=local(2026, 11, 20, 10))

    # Centre B
    _appointment(b, d1(9, 30), [M2], A.NO_SHOW)
    b2 = _appointment(b, d2(11), [M1], A.COMPLETED, d2(10, 40))
    _case(b2, C.COMPLETED, d2(11), 40, score=4, rated=d2(12))
    b3 = _appointment(b, d3(9), [M1], A.CHECKED_IN, d3(8, 55))
    _case(b3, C.REJECTED, d3(9), 5)
    _appointment(b, d3(10), [M2], A.BOOKED)

    # Centre C (the other county)
    _appointment(c, d1(9), [M1], A.NO_SHOW)
    _appointment(c, d2(9), [M1], A.NO_SHOW)
    c3 = _appointment(c, d2(10), [M2], A.COMPLETED, d2(9, 50))
    _case(c3, C.COMPLETED, d2(10), 10, score=3, rated=d2(11))

    # Centre D (the other city)
    _appointment(d, d2(9), [M1], A.NO_SHOW)

    # The hall queue: who was called to which counter, and when.
    _ticket(a, "A001", d1(8, 50), d1(9), 1, a1)
    _ticket(a, "A002", d1(9, 50), d1(10), 1, a2)
    _ticket(a, "A001", d3(13, 50), d3(14, 20), 2, a5)
    _ticket(a, "A002", d3(14, 40), d3(15), 1, a6)
    _ticket(a, "W001", d3(14), d3(14, 10), 1)
    _ticket(a, "W002", d3(15, 30))  # still waiting: not a call
    _ticket(b, "A001", d2(10, 40), d2(11), 1, b2)
    _ticket(b, "A001", d3(8, 55), d3(9), 2, b3)
    _ticket(c, "A001", d2(9, 50), d2(10), 1, c3)
    # The worker's job: the dashboards read the daily figures.
    figures.rebuild(*figures.data_span())
    return {
        "cities": (city1, city2),
        "counties": (east, west, far),
        "centres": (a, b, c, d),
    }
