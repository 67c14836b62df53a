"""Holidays as data: a calendar per year, confirmed by a provincial administrator (issue 18)."""

import datetime as dt
import time

import pytest
import time_machine
from django.contrib.auth import get_user_model

from accounts.services import add_staff
from appointments import schedule
from appointments.exceptions import InvalidBooking
from centres import calendar
from centres.models import HolidayCalendar, HolidayCalendarDay, HolidayDayKind
from ratings import workdays
from tests.appointments.factories import local, make_centre

pytestmark = pytest.mark.django_db


def confirm_2027(**extra_days):
    year_calendar = HolidayCalendar.objects.create(year=2027, confirmed=True, source="测试")
    HolidayCalendarDay.objects.create(
        calendar=year_calendar, date=dt.date(2027, 1, 1), kind=HolidayDayKind.HOLIDAY, name="元旦"
    )
    # A Saturday worked in exchange (调休上班).
    HolidayCalendarDay.objects.create(
        calendar=year_calendar, date=dt.date(2027, 1, 9), kind=HolidayDayKind.WORKDAY, name="元旦"
    )
    return year_calendar


def test_the_years_chinese_calendar_knows_are_seeded_and_confirmed():
    year_calendar = HolidayCalendar.objects.get(year=2026)
    assert year_calendar.confirmed
    assert year_calendar.days.get(date=dt.date(2026, 10, 1)).kind == HolidayDayKind.HOLIDAY
    assert year_calendar.days.get(date=dt.date(2026, 10, 10)).kind == HolidayDayKind.WORKDAY
    assert calendar.day_kind(dt.date(2026, 10, 10)) is calendar.DayKind.ADJUSTED_WORKDAY
    assert not HolidayCalendar.objects.filter(year=2027).exists()


@time_machine.travel(local(2026, 12, 28, 10), tick=False)
def test_no_day_of_an_unconfirmed_year_is_bookable_or_a_working_day():
    centre = calendar.centre_with_calendar(make_centre().pk)
    now = local(2026, 12, 28, 10)
    # Friday 1 January and Monday 4 January 2027: the weekly hours would open them.
    for day in (dt.date(2027, 1, 1), dt.date(2027, 1, 4)):
        assert calendar.day_kind(day) is calendar.DayKind.UNCONFIRMED
        assert calendar.opening_ranges(centre, day) == []
        assert not calendar.is_workday(day)
    days = schedule.bookable_days(centre, now)
    assert days and all(day.year == 2026 for day in days)
    with pytest.raises(InvalidBooking) as excinfo:
        schedule.check_start(centre, local(2027, 1, 4, 9), now)
    assert "2027 年的节假日安排尚未确认" in excinfo.value.message
    # A calendar entered but not yet confirmed changes nothing.
    HolidayCalendar.objects.create(year=2027, confirmed=False)
    assert calendar.opening_ranges(centre, dt.date(2027, 1, 4)) == []


@time_machine.travel(local(2026, 12, 28, 10), tick=False)
def test_a_confirmed_calendar_with_an_adjusted_saturday_is_honoured():
    confirm_2027()
    centre = calendar.centre_with_calendar(make_centre().pk)
    now = local(2026, 12, 28, 10)
    assert calendar.opening_ranges(centre, dt.date(2027, 1, 1)) == []  # 元旦
    assert calendar.opening_ranges(centre, dt.date(2027, 1, 4)) != []
    assert calendar.opening_ranges(centre, dt.date(2027, 1, 9)) != []  # Saturday, 调休
    assert calendar.opening_ranges(centre, dt.date(2027, 1, 10)) == []  # Sunday
    days = schedule.bookable_days(centre, now)
    assert dt.date(2027, 1, 9) in days and dt.date(2027, 1, 1) not in days
    schedule.check_start(centre, local(2027, 1, 9, 9), now)
    # Thursday 31 December + 2 working days: Monday 4, Tuesday 5 January; + 6 reaches Saturday 9.
    assert workdays.add_working_days(start=dt.date(2026, 12, 31), days=2) == dt.date(2027, 1, 5)
    assert workdays.add_working_days(start=dt.date(2026, 12, 31), days=6) == dt.date(2027, 1, 9)


def test_an_edit_applies_at_once_though_calendars_are_cached(settings):
    settings.CALENDAR_CACHE_SECONDS = 300
    year_calendar = HolidayCalendar.objects.create(year=2027, confirmed=False)
    assert not calendar.year_confirmed(2027)
    year_calendar.confirmed = True
    year_calendar.save()
    assert calendar.day_kind(dt.date(2027, 1, 4)) is calendar.DayKind.NORMAL
    HolidayCalendarDay.objects.create(
        calendar=year_calendar, date=dt.date(2027, 1, 4), kind=HolidayDayKind.HOLIDAY
    )
    assert calendar.day_kind(dt.date(2027, 1, 4)) is calendar.DayKind.HOLIDAY


def test_another_process_edit_reaches_this_one_within_a_second(monkeypatch):
    # Another process's edit clears the shared cache, not this process's copy.
    from django.core.cache import cache

    year_calendar = confirm_2027()
    assert calendar.day_kind(dt.date(2027, 1, 4)) is calendar.DayKind.NORMAL
    HolidayCalendarDay.objects.bulk_create(  # no signal here: as if done elsewhere
        [
            HolidayCalendarDay(
                calendar=year_calendar, date=dt.date(2027, 1, 4), kind=HolidayDayKind.HOLIDAY
            )
        ]
    )
    cache.delete(calendar._cache_key(2027))
    assert calendar.day_kind(dt.date(2027, 1, 4)) is calendar.DayKind.NORMAL
    later = time.monotonic() + calendar.LOCAL_SECONDS + 0.1
    monkeypatch.setattr(calendar, "monotonic", lambda: later)
    assert calendar.day_kind(dt.date(2027, 1, 4)) is calendar.DayKind.HOLIDAY


@time_machine.travel(local(2026, 11, 30, 10), tick=False)
def test_managers_and_administrators_are_warned_until_the_year_is_confirmed(client):
    manager = add_staff(email="mgr@test.local", centre=make_centre(), role="manager")
    admin = get_user_model().objects.create_superuser("prov", "prov@test.local", "pw")
    for user, can_edit in ((manager, False), (admin, True)):
        client.force_login(user)
        html = client.get("/admin/").content.decode()
        assert "data-holiday-warning" in html and "2027 年的节假日安排尚未确认" in html
        assert ('href="/admin/holiday_calendars/"' in html) is can_edit
    confirm_2027()
    for user in (manager, admin):
        client.force_login(user)
        assert "data-holiday-warning" not in client.get("/admin/").content.decode()


def test_a_provincial_administrator_enters_next_years_calendar_in_the_admin(client):
    admin = get_user_model().objects.create_superuser("prov", "prov@test.local", "pw")
    client.force_login(admin)
    assert client.get("/admin/holiday_calendars/").status_code == 200
    form = {
        "year": "2027",
        "source": "国办发明电〔2026〕",
        "confirmed": "on",
        "days-TOTAL_FORMS": "1",
        "days-INITIAL_FORMS": "0",
        "days-MIN_NUM_FORMS": "0",
        "days-MAX_NUM_FORMS": "1000",
        "days-0-date": "2027-01-09",
        "days-0-kind": "workday",
        "days-0-name": "元旦",
        "days-0-ORDER": "1",
    }
    response = client.post("/admin/holiday_calendars/new/", form)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert calendar.day_kind(dt.date(2027, 1, 9)) is calendar.DayKind.ADJUSTED_WORKDAY
    # A manager has no access to the calendars.
    manager = add_staff(email="mgr@test.local", centre=make_centre(), role="manager")
    client.force_login(manager)
    assert client.get("/admin/holiday_calendars/").status_code in (302, 403)
