"""Models of centres, calendars, slots and appointments."""

from .booking import Appointment, AppointmentMatter, Person, Slot
from .centres import CalendarOverride, City, County, OpeningSession, ServiceCentre

__all__ = [
    "Appointment",
    "AppointmentMatter",
    "CalendarOverride",
    "City",
    "County",
    "OpeningSession",
    "Person",
    "ServiceCentre",
    "Slot",
]
