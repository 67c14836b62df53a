"""Models of centres, calendars, slots and appointments."""

from .booking import AccountStanding, Appointment, AppointmentMatter, Hold, Person, Slot, SlotDraw
from .centres import CalendarOverride, City, County, OpeningSession, ServiceCentre

__all__ = [
    "AccountStanding",
    "Appointment",
    "AppointmentMatter",
    "CalendarOverride",
    "City",
    "County",
    "Hold",
    "OpeningSession",
    "Person",
    "ServiceCentre",
    "Slot",
    "SlotDraw",
]
