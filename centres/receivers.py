"""A year's cached holiday calendar is dropped when an administrator edits it."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from centres.calendar import forget_calendar
from centres.models import HolidayCalendar, HolidayCalendarDay


@receiver([post_save, post_delete], sender=HolidayCalendar)
@receiver([post_save, post_delete], sender=HolidayCalendarDay)
def forget_edited_holiday_calendar(sender, instance, **kwargs):
    year = instance.year if sender is HolidayCalendar else instance.date.year
    forget_calendar(year)
    # Again after the commit: a reader between the save and the commit caches the old days.
    transaction.on_commit(lambda: forget_calendar(year))
