"""Subscribers and bookings for the flow-back tests; also run inside a worker's database copy."""

from __future__ import annotations

import datetime as dt

from appointments import schedule, services
from flowback.models import Subscriber
from guides.selectors import matters_with_materials
from tests.appointments.factories import applicant, local, make_open_centre, make_user

# A fixed past day keeps bookings independent of when the suite runs.
BOOKING_DAY = dt.date(2026, 11, 24)
BOOKED_AT = local(2026, 11, 23, 8, 0)


def subscribe(name: str, url: str, types, *, personal=(), matters=(), **options) -> Subscriber:
    return Subscriber.objects.create(
        name=name,
        url=url,
        event_types=list(types),
        personal_fields=list(personal),
        matters=list(matters),
        **options,
    )


def book_many(count: int, *, code: str = "FLOW01", matters=("JS-MZ-01",)):
    centre = make_open_centre(code)
    starts = schedule.bookable_starts(centre, BOOKING_DAY, BOOKED_AT)
    chosen = matters_with_materials(list(matters))
    return [
        services.book_appointment(
            centre=centre,
            start=starts[n % len(starts)],
            matters=chosen,
            applicant=applicant(name=f"居民{n}", phone=f"1395123{n:04d}"),
            booked_by=make_user(f"flow{n}-{code}@test.local"),
            now=BOOKED_AT,
        )
        for n in range(count)
    ]
