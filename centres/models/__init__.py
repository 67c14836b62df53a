"""Models of cities, counties, service centres, their hours and the holiday calendar.

They lived in ``appointments`` until migration ``centres.0001_initial`` moved
them here without touching the database: their tables keep the names
``appointments_*`` (``Meta.db_table``).
"""

from .centres import CalendarOverride, City, County, OpeningSession, ServiceCentre
from .holidays import HolidayCalendar, HolidayCalendarDay, HolidayDayKind

__all__ = [
    "CalendarOverride",
    "City",
    "County",
    "HolidayCalendar",
    "HolidayCalendarDay",
    "HolidayDayKind",
    "OpeningSession",
    "ServiceCentre",
]
