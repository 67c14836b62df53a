"""Booking's business rules, one module a job; callers use ``appointments.services.<name>``.

``booking``: booking a slot and the appointment record; ``checks``: the limits a
booking must pass; ``changes``: cancelling and rescheduling; ``no_shows``: the
no-show rule; ``walk_ins``: visits without a booking.
"""

from appointments.services.booking import (
    REFERENCE_ALPHABET,
    Applicant,
    available_slots,
    book_appointment,
    create_appointment,
    minutes_for,
    new_reference,
    too_long_message,
)
from appointments.services.changes import cancel_appointment, reschedule_appointment
from appointments.services.checks import check_rate, held_matters
from appointments.services.no_shows import mark_no_shows
from appointments.services.walk_ins import register_walk_in

__all__ = [
    "REFERENCE_ALPHABET",
    "Applicant",
    "available_slots",
    "book_appointment",
    "cancel_appointment",
    "check_rate",
    "create_appointment",
    "held_matters",
    "mark_no_shows",
    "minutes_for",
    "new_reference",
    "register_walk_in",
    "reschedule_appointment",
    "too_long_message",
]
