"""The booking rules of appointments/services/."""

import datetime as dt

import pytest
from django.db import IntegrityError, transaction
from django.test import override_settings
from django.utils import timezone

from appointments import capacity, services
from appointments.constants import AppointmentStatus
from appointments.exceptions import (
    DuplicateBooking,
    InvalidBooking,
    NotCancellable,
    SlotFull,
    Suspended,
    TooManyBookings,
)
from appointments.models import Appointment, Hold, Slot
from centres import calendar
from core.personal_data import reveal
from guides.selectors import matters_with_materials

from .factories import (
    AppointmentFactory,
    CalendarOverrideFactory,
    applicant,
    id_number,
    local,
    make_centre,
    make_user,
)

pytestmark = pytest.mark.django_db

NOW = local(2026, 11, 23, 8, 0)  # a Monday morning
TUESDAY_9 = local(2026, 11, 24, 9, 0)


def matters(*codes):
    return matters_with_materials(codes)


def book(centre, person=None, user=None, **kw):
    """AppointmentFactory's booking (JS-MZ-04, Tuesday 9:00, booked at NOW) at ``centre``."""
    if person:
        kw["applicant"] = person
    if user:
        kw["booked_by"] = user
    return AppointmentFactory(centre=centre, **kw)


def test_capacity_is_counter_minutes_less_the_walk_in_share():
    centre = make_centre(counters=3, slot_minutes=30, walk_in_share=30)
    assert centre.online_minutes_per_slot == 63
    appointment = book(centre, codes=("JS-MZ-04", "JS-RS-05"))
    slot = Slot.objects.get(pk=appointment.slot_id)
    expected = sum(m.handling_minutes for m in matters("JS-MZ-04", "JS-RS-05"))
    assert appointment.minutes == expected
    assert slot.booked_minutes == expected and slot.capacity_minutes == 63


def test_a_full_session_refuses_and_the_walk_in_share_is_never_sold():
    centre = make_centre(counters=1, slot_minutes=30, walk_in_share=50)  # 15 minutes online
    minutes = matters("JS-MZ-04")[0].handling_minutes
    morning = 6 * 15  # 9:00-12:00, each slot's online share only
    day = TUESDAY_9.date()
    while free := [
        o
        for o in capacity.day_options(centre=centre, day=day, minutes=minutes, now=NOW)
        if o.available and timezone.localtime(o.slot.start).hour < 12
    ]:
        book(centre, start=free[0].slot.start)
    with pytest.raises(SlotFull):
        book(centre)
    slots = Slot.objects.filter(centre=centre, start__date=TUESDAY_9.date())
    assert all(s.capacity_minutes == 15 and s.booked_minutes <= 15 for s in slots)
    assert sum(s.booked_minutes for s in slots) == morning // minutes * minutes


def test_the_database_refuses_an_overbooked_slot_even_if_code_tried():
    centre = make_centre()
    slot = capacity.ensure_slots(centre, [TUESDAY_9])[TUESDAY_9]
    with pytest.raises(IntegrityError), transaction.atomic():
        Slot.objects.filter(pk=slot.pk).update(booked_minutes=slot.capacity_minutes + 1)


@pytest.mark.parametrize(
    "start, message",
    [
        (local(2026, 11, 22, 9, 0), "过去"),  # yesterday
        (local(2026, 11, 28, 9, 0), "不开放"),  # a Saturday
        (local(2026, 11, 24, 12, 0), "开放时间"),  # lunch break
        (local(2026, 11, 24, 18, 0), "开放时间"),  # evening
        (local(2026, 11, 24, 9, 10), "时段的开始"),  # not on a boundary
        (local(2026, 12, 15, 9, 0), "14 天以内"),  # beyond the horizon
    ],
)
def test_times_that_cannot_be_booked(start, message):
    centre = make_centre()
    with pytest.raises(InvalidBooking) as excinfo:
        book(centre, start=start)
    assert message in excinfo.value.message
    assert not Appointment.objects.exists()


def test_public_holidays_closed_and_adjusted_working_days_open():
    centre = make_centre()
    before_national_day = local(2026, 9, 28, 8, 0)
    with pytest.raises(InvalidBooking, match="不开放"):
        book(centre, start=local(2026, 10, 1, 9, 0), now=before_national_day)
    # Saturday 10 October 2026 is worked in exchange for the National Day week.
    assert book(centre, start=local(2026, 10, 10, 9, 0), now=local(2026, 10, 8, 8, 0))


def test_manager_overrides_close_or_open_a_date():
    centre = make_centre()
    CalendarOverrideFactory(
        centre=centre, date=dt.date(2026, 11, 24), kind="closed", reason="停电检修"
    )
    CalendarOverrideFactory(
        centre=centre, date=dt.date(2026, 11, 28), kind="open", start=dt.time(9), end=dt.time(11)
    )
    centre = calendar.centre_with_calendar(centre.pk)
    with pytest.raises(InvalidBooking, match="不开放"):
        book(centre)
    assert book(centre, start=local(2026, 11, 28, 10, 30))
    with pytest.raises(InvalidBooking, match="开放时间"):
        book(centre, start=local(2026, 11, 28, 11, 0))


def test_same_day_cut_off():
    centre = make_centre(cutoff=dt.time(11, 0))
    assert book(centre, start=local(2026, 11, 23, 15, 0), now=local(2026, 11, 23, 10, 59))
    with pytest.raises(InvalidBooking, match="截止"):
        book(centre, start=local(2026, 11, 23, 16, 0), now=local(2026, 11, 23, 11, 1))


def test_one_active_booking_per_person_per_matter():
    centre = make_centre()
    person = applicant()
    book(centre, person=person)
    with pytest.raises(DuplicateBooking):
        book(centre, start=local(2026, 11, 25, 9, 0), person=person)
    # Another person, or another matter, is fine.
    book(centre, person=applicant())
    book(centre, person=person, codes=("JS-RS-05",))


def test_at_most_three_active_appointments_per_person():
    centre = make_centre()
    person = applicant()
    for code in ("JS-MZ-04", "JS-RS-05", "JS-YB-03"):
        book(centre, person=person, codes=(code,))
    with pytest.raises(TooManyBookings):
        book(centre, person=person, codes=("JS-GA-01",))


def test_a_repeated_submission_creates_one_appointment():
    centre = make_centre()
    user = make_user()
    person = applicant()
    first = book(centre, person=person, user=user, idempotency_key="form-123")
    second = book(centre, person=person, user=user, idempotency_key="form-123")
    assert first.pk == second.pk
    assert Appointment.objects.count() == 1
    assert Slot.objects.get(start=TUESDAY_9).booked_minutes == first.minutes


def test_cancel_frees_the_capacity_at_once_until_the_cut_off():
    centre = make_centre()
    appointment = book(centre)
    services.cancel_appointment(appointment=appointment, now=NOW)
    appointment.refresh_from_db()
    assert appointment.status == AppointmentStatus.CANCELLED
    assert Slot.objects.get(start=TUESDAY_9).booked_minutes == 0
    assert not Hold.objects.filter(active=True).exists()

    late = book(centre)
    with pytest.raises(NotCancellable, match="2 小时"):
        services.cancel_appointment(appointment=late, now=local(2026, 11, 24, 7, 30))
    late.refresh_from_db()
    assert late.status == AppointmentStatus.BOOKED


@pytest.mark.parametrize("hours", [2, 5])
def test_the_cut_off_message_states_the_setting(hours):
    centre = make_centre()
    with override_settings(BOOKING_CANCEL_CUTOFF_HOURS=hours):
        appointment = book(centre)
        inside = TUESDAY_9 - dt.timedelta(hours=hours - 1)
        with pytest.raises(NotCancellable, match=f"预约开始前 {hours} 小时内不能取消或改约"):
            services.cancel_appointment(appointment=appointment, now=inside)
        with pytest.raises(NotCancellable, match=f"预约开始前 {hours} 小时内不能取消或改约"):
            services.reschedule_appointment(
                appointment=appointment, start=local(2026, 11, 24, 10, 0), now=inside
            )


def test_reschedule_moves_the_booking_or_nothing():
    centre = make_centre(counters=1, slot_minutes=30, walk_in_share=0)
    appointment = book(centre)
    new = local(2026, 11, 24, 10, 0)
    services.reschedule_appointment(appointment=appointment, start=new, now=NOW)
    appointment.refresh_from_db()
    assert appointment.start == new
    assert Slot.objects.get(start=TUESDAY_9).booked_minutes == 0
    assert Slot.objects.get(start=new).booked_minutes == appointment.minutes

    # Fill 10:30 completely; moving there must leave everything as it was.
    full = local(2026, 11, 24, 10, 30)
    capacity.ensure_slots(centre, [full])
    Slot.objects.filter(start=full).update(booked_minutes=30)
    with pytest.raises(SlotFull):
        services.reschedule_appointment(appointment=appointment, start=full, now=NOW)
    appointment.refresh_from_db()
    assert appointment.start == new
    assert Slot.objects.get(start=new).booked_minutes == appointment.minutes
    assert Slot.objects.get(start=full).booked_minutes == 30


@override_settings(NO_SHOW_LIMIT=3, NO_SHOW_WINDOW_DAYS=90, NO_SHOW_SUSPENSION_DAYS=30)
def test_three_no_shows_in_ninety_days_suspend_booking_for_thirty_days():
    centre = make_centre()
    person = applicant()
    days = [local(2026, 11, 24, 9), local(2026, 11, 25, 9), local(2026, 11, 26, 9)]
    for start in days:
        book(centre, start=start, person=person, now=start - dt.timedelta(hours=20))
        services.mark_no_shows(now=start + dt.timedelta(hours=14))
    assert Appointment.objects.filter(status=AppointmentStatus.NO_SHOW).count() == 3
    later = local(2026, 11, 27, 8)
    with pytest.raises(Suspended) as excinfo:
        book(centre, start=local(2026, 11, 30, 9), person=person, now=later)
    assert "2026-12-26" in excinfo.value.message  # 30 days after the third no-show
    assert "3 次" in excinfo.value.message
    # After the suspension it works again.
    assert book(centre, start=local(2026, 12, 28, 9), person=person, now=local(2026, 12, 27, 8))


def test_id_numbers_are_encrypted_at_rest_and_masked():
    centre = make_centre()
    number = id_number(dt.date(1956, 3, 8))
    appointment = book(centre, person=applicant(id_number=number, phone="13951234567"))
    stored = Appointment.objects.values_list("applicant_id_encrypted", flat=True).get()
    assert number not in stored
    assert reveal(stored) == number
    assert appointment.id_number_masked == number[:4] + "*" * 10 + number[-4:]
    assert appointment.phone_masked == "139****4567"
    assert number not in str(Appointment.objects.values().get())
