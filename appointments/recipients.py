"""Whom a booking concerns: the phones its texts go to (flowback sends them)."""

from __future__ import annotations

from wagtail import hooks

from appointments.constants import Relationship
from appointments.models import Appointment


def phones_of(appointment: Appointment) -> list[str]:
    """The applicant's phone, and the booking account's when it booked for someone else."""
    phones = [appointment.applicant_phone]
    if appointment.relationship != Relationship.SELF:
        profile = getattr(appointment.booked_by, "profile", None)
        phones.append(getattr(profile, "phone", "") or "")
    return list(dict.fromkeys(p for p in phones if p))


def employee_phones(appointment: Appointment) -> list[str]:
    """The phones of a batch's employees still on its list.

    Booking does not know batches' employees: enterprises answers through the
    Wagtail hook ``batch_employee_phones`` (``fn(appointment)`` → phones).
    """
    if not appointment.is_batch:
        return []
    phones = [p for fn in hooks.get_hooks("batch_employee_phones") for p in fn(appointment)]
    return list(dict.fromkeys(p for p in phones if p))
