"""Models of centres, calendars, slots and appointments."""

from .booking import Appointment, AppointmentMatter, Hold, Person, Slot, SlotDraw
from .centres import CalendarOverride, City, County, OpeningSession, ServiceCentre

__all__ = [
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
