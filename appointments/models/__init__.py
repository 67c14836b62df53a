"""Models of centres, calendars, slots and appointments."""

from .booking import AccountStanding, Appointment, AppointmentMatter, Hold, Person, Slot, SlotDraw
from .centres import CalendarOverride, City, County, OpeningSession, ServiceCentre
from .holidays import HolidayCalendar, HolidayCalendarDay, HolidayDayKind

__all__ = [
    "AccountStanding",
    "Appointment",
    "AppointmentMatter",
    "CalendarOverride",
    "City",
    "County",
    "HolidayCalendar",
    "HolidayCalendarDay",
    "HolidayDayKind",
    "Hold",
    "OpeningSession",
    "Person",
    "ServiceCentre",
    "Slot",
    "SlotDraw",
]
