"""Bookings longer than one slot: drawn across consecutive slots of one session."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.db.models import Sum

from appointments import capacity, services
from appointments.constants import Relationship
from appointments.exceptions import SlotFull
from appointments.models import Appointment, Slot, SlotDraw
from guides.selectors import matters_with_materials

from .factories import AppointmentFactory, local, make_centre, make_user

pytestmark = pytest.mark.django_db

NOW = local(2026, 11, 23, 8, 0)  # a Monday morning
TUESDAY = dt.date(2026, 11, 24)
ONBOARDING = ("JS-RS-03", "JS-RS-07", "JS-YB-02", "JS-GJ-02")  # 员工录用一件事, 70 minutes
NEWBORN = ("JS-YB-01", "JS-RS-05", "JS-YB-04")  # 新生儿出生一件事, 45 minutes


def at(hh, mm=0):
    return local(2026, 11, 24, hh, mm)


def book(centre, start, codes=NEWBORN, person=None, user=None, **kw):
    if person:
        kw["applicant"] = person
    if user:
        kw["booked_by"] = user
    return AppointmentFactory(centre=centre, start=start, codes=codes, now=NOW, **kw)


def assert_slots_match_draws(centre):
    """Every slot's booked minutes equal what its appointments draw, within capacity."""
    for slot in Slot.objects.filter(centre=centre):
        drawn = SlotDraw.objects.filter(slot=slot).aggregate(n=Sum("minutes"))["n"] or 0
        batch = (
            SlotDraw.objects.filter(
                slot=slot, appointment__relationship=Relationship.ENTERPRISE
            ).aggregate(n=Sum("minutes"))["n"]
            or 0
        )
        assert slot.booked_minutes == drawn, slot
        assert slot.batch_minutes == batch, slot
        assert slot.booked_minutes <= slot.capacity_minutes
        assert slot.batch_minutes <= slot.batch_capacity_minutes
    for appointment in Appointment.objects.filter(centre=centre).exclude(status="cancelled"):
        assert appointment.draws.aggregate(n=Sum("minutes"))["n"] == appointment.minutes


def test_a_bundle_longer_than_a_slot_draws_from_the_next_slots():
    centre = make_centre(counters=2)  # 2 × 30 × 70% = 42 online minutes a slot
    appointment = book(centre, at(9))
    assert appointment.minutes == 45
    draws = list(appointment.draws.order_by("slot__start").values_list("slot__start", "minutes"))
    assert draws == [(at(9), 42), (at(9, 30), 3)]
    assert (appointment.start, appointment.end) == (at(9), at(10))
    assert appointment.duration_minutes == 60
    assert_slots_match_draws(centre)


def test_an_empty_day_offers_every_start_from_which_the_booking_ends_in_the_session():
    centre = make_centre(counters=2)
    options = capacity.day_options(centre=centre, day=TUESDAY, minutes=45, now=NOW)
    offered = {o.slot.start for o in options if o.available}
    # 11:30 and 16:30 are the last slots of their sessions: 42 minutes cannot hold 45.
    assert at(11, 30) not in offered and at(16, 30) not in offered
    assert at(9) in offered and at(11) in offered and at(13, 30) in offered and at(16) in offered
    assert not any(o.full for o in options)
    by_start = {o.slot.start: o for o in options}
    assert by_start[at(11)].end == at(12)


def test_the_time_page_says_why_a_time_is_not_offered(client):
    centre = make_centre(counters=2)
    client.force_login(make_user())
    url = (
        f"/book/time/?bundle=JS-B-02&centre={centre.pk}&date={TUESDAY.isoformat()}"
        "&situations=JS-YB-01-01"
    )
    with time_machine.travel(NOW, tick=False):
        page = client.get(url).content.decode()
    assert "这一天已约满" not in page
    assert "这个组合需要约 45 分钟，可选" in page
    assert "时间不够" in page
    assert "09:00–10:00" in page


def test_a_start_that_cannot_end_in_its_session_is_refused_naming_the_ones_that_can():
    centre = make_centre(counters=2)
    with pytest.raises(SlotFull) as refused:
        book(centre, at(11, 30))
    assert "需要约 45 分钟" in refused.value.message and "09:00" in refused.value.message
    assert not Appointment.objects.exists()
    assert not Slot.objects.filter(booked_minutes__gt=0).exists()


def test_a_start_whose_own_slot_is_full_is_full_and_later_starts_remain():
    centre = make_centre(counters=2)
    book(centre, at(9))  # 42 + 3
    options = {
        o.slot.start: o
        for o in capacity.day_options(centre=centre, day=TUESDAY, minutes=45, now=NOW)
    }
    assert options[at(9)].full and not options[at(9)].available
    assert options[at(9, 30)].available and options[at(9, 30)].end == at(10, 30)


def test_cancel_gives_back_every_slot_touched():
    centre = make_centre(counters=2)
    appointment = book(centre, at(9))
    services.cancel_appointment(appointment=appointment, now=NOW)
    assert not Slot.objects.filter(centre=centre, booked_minutes__gt=0).exists()
    assert not SlotDraw.objects.exists()
    assert_slots_match_draws(centre)


def test_reschedule_moves_all_the_draws_at_once():
    centre = make_centre(counters=2)
    appointment = book(centre, at(9))
    moved = services.reschedule_appointment(appointment=appointment, start=at(14), now=NOW)
    assert (moved.start, moved.end) == (at(14), at(15))
    assert set(moved.draws.values_list("slot__start", flat=True)) == {at(14), at(14, 30)}
    assert Slot.objects.get(centre=centre, start=at(9)).booked_minutes == 0
    assert_slots_match_draws(centre)


def test_reschedule_to_a_time_that_does_not_fit_changes_nothing():
    centre = make_centre(counters=2)
    appointment = book(centre, at(9))
    with pytest.raises(SlotFull):
        services.reschedule_appointment(appointment=appointment, start=at(16, 30), now=NOW)
    appointment.refresh_from_db()
    assert appointment.start == at(9)
    assert_slots_match_draws(centre)


def test_naive_start_times_are_read_as_shanghai_time():
    centre = make_centre(counters=2)
    appointment = book(centre, dt.datetime(2026, 11, 24, 9, 0))
    assert appointment.start == at(9)


def test_batches_keep_to_their_share_and_residents_keep_theirs():
    from enterprises.services import largest_batch_on

    centre = make_centre(counters=4, walk_in_share=0)  # 120 online, 60 for batches a slot
    slot = capacity.ensure_slots(centre, [at(9)])[at(9)]
    assert (slot.capacity_minutes, slot.batch_capacity_minutes) == (120, 60)
    # The afternoon (seven slots) holds 7 × 60 batch minutes: six employees of 70.
    assert largest_batch_on(centre, TUESDAY, matters_with_materials(ONBOARDING), NOW) == 6
    plan = capacity.draw(centre=centre, start=at(9), minutes=350, batch=True)
    assert [m for _s, m in plan] == [60, 60, 60, 60, 60, 50]
    # Residents can still book every morning slot.
    for start in (at(9), at(10), at(11, 30)):
        assert book(centre, start)
    with pytest.raises(SlotFull):
        capacity.draw(centre=centre, start=at(9), minutes=20, batch=True)


def test_the_slots_api_for_several_people_keeps_to_the_batch_share(client):
    centre = make_centre(counters=6)  # 126 online minutes a slot, 63 for batches
    url = (
        f"/api/v1/centres/{centre.pk}/slots?date=2026-11-24"
        "&matters=JS-RS-03,JS-RS-07,JS-YB-02,JS-GJ-02&people=6"
    )
    with time_machine.travel(NOW, tick=False):
        slots = {s["start"][11:16]: s for s in client.get(url).json()}
    # Afternoon: seven slots × 63 = 441 batch minutes, six employees of 70.
    assert slots["13:30"]["available"] and slots["13:30"]["max_people"] == 6
    assert slots["13:30"]["booking_end"].startswith("2026-11-24T17:00")
    # Morning: six slots × 63 = 378, five employees: not six.
    assert not slots["09:00"]["available"] and slots["09:00"]["max_people"] == 5
