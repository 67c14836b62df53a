"""Seed the holiday calendars of the years chinese-calendar knows, as confirmed."""

from django.db import migrations

# The library's English holiday names, as the State Council's notice names them.
NAMES = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "National Day": "国庆节",
    "Mid-autumn Festival": "中秋节",
    "Anti-Fascist 70th Day": "抗战胜利70周年纪念日",
}


def seed(apps, schema_editor):
    from chinese_calendar import constants

    HolidayCalendar = apps.get_model("appointments", "HolidayCalendar")
    HolidayCalendarDay = apps.get_model("appointments", "HolidayCalendarDay")
    entries = [(day, "holiday", name) for day, name in constants.holidays.items()]
    entries += [(day, "workday", name) for day, name in constants.workdays.items()]
    years = sorted({day.year for day, _kind, _name in entries})
    calendars = {}
    for year in years:
        calendars[year], _created = HolidayCalendar.objects.get_or_create(
            year=year, defaults={"confirmed": True, "source": "chinese-calendar"}
        )
    HolidayCalendarDay.objects.bulk_create(
        [
            HolidayCalendarDay(
                calendar=calendars[day.year], date=day, kind=kind, name=NAMES.get(name, name)[:20]
            )
            for day, kind, name in entries
        ],
        ignore_conflicts=True,
    )


class Migration(migrations.Migration):
    dependencies = [("appointments", "0006_holiday_calendar")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
