"""Subscribers and bookings for the flow-back tests; also run inside a worker's database copy."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac

import time_machine

from appointments import schedule
from flowback.models import Subscriber
from guides.selectors import matters_with_materials
from tests.appointments.factories import AppointmentFactory, local, make_open_centre
from tests.casework.factories import CaseFactory
from tests.flowback.factories import SubscriberFactory

# A fixed past day keeps bookings independent of when the suite runs.
BOOKING_DAY = dt.date(2026, 11, 24)
BOOKED_AT = local(2026, 11, 23, 8, 0)


def signature_ok(secret: str, arrival) -> bool:
    """What a receiver does: t=<unix>,v1=<HMAC-SHA256 of "t.body">, compared in constant time."""
    fields = dict(part.split("=", 1) for part in arrival.headers["X-Flowback-Signature"].split(","))
    signed = f"{fields['t']}.".encode() + arrival.body
    expected = hmac.new(secret.encode(), signed, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, fields["v1"])


def subscribe(name: str, url: str, types, *, personal=(), matters=(), **options) -> Subscriber:
    return SubscriberFactory(
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
        AppointmentFactory(
            centre=centre,
            start=starts[n % len(starts)],
            matters=chosen,
            applicant__name=f"居民{n}",
            applicant__phone=f"1395123{n:04d}",
            booked_by__email=f"flow{n}-{code}@test.local",
            now=BOOKED_AT,
        )
        for n in range(count)
    ]


def visit(appointment, clerk_user, *, complete=True):
    """Check in, accept with every material, complete: at the appointment's own centre."""
    with time_machine.travel(appointment.start, tick=False):
        return CaseFactory(appointment=appointment, clerk=clerk_user, complete=complete)
