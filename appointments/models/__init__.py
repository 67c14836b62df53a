"""Models of slots and appointments (centres and calendars: centres.models)."""

from .booking import AccountStanding, Appointment, AppointmentMatter, Hold, Person, Slot, SlotDraw

__all__ = [
    "AccountStanding",
    "Appointment",
    "AppointmentMatter",
    "Hold",
    "Person",
    "Slot",
    "SlotDraw",
]
