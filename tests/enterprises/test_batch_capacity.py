"""Batches longer than one slot: drawn across a session, grown and shrunk to the minute."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from appointments.models import Appointment, Slot
from enterprises import services
from enterprises.models import Batch
from guides.selectors import matters_with_materials
from tests.appointments.factories import local, make_centre
from tests.appointments.test_multi_slot import assert_slots_match_draws
from tests.enterprises.factories import csv_bytes, employees, upload

# Time frozen on the Monday morning; the signed-in HR officer is tests/enterprises/conftest.py's.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]


def onboarding():
    return matters_with_materials(["JS-RS-03", "JS-RS-07", "JS-YB-02", "JS-GJ-02"])


def xinglong():
    """Like the demo's 兴隆街道: six counters, 126 online minutes a slot, 63 for batches."""
    return make_centre(counters=6)


def test_six_employees_of_the_onboarding_bundle_book_across_a_session(client, officer):
    centre = xinglong()
    response = upload(
        client, centre, "员工.csv", csv_bytes(employees(6)), start="2026-11-24T13:30:00+08:00"
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["people"] == 6 and body["minutes"] == 420
    assert body["start"] == "2026-11-24T13:30:00+08:00"
    assert body["end"] == "2026-11-24T17:00:00+08:00"  # 7 slots × 63 batch minutes ≥ 420
    assert_slots_match_draws(centre)


def test_a_batch_too_large_for_the_day_names_the_largest_and_the_days_that_fit(client, officer):
    centre = xinglong()
    response = upload(client, centre, "员工.csv", csv_bytes(employees(7)))
    assert response.status_code == 409
    body = response.json()
    assert body["largest_batch"] == 6
    assert body["days_that_fit"] == []
    assert "最多还能办 6 人" in body["detail"]
    assert not Appointment.objects.exists()
    assert not Slot.objects.filter(booked_minutes__gt=0).exists()


def test_adding_and_removing_employees_takes_and_gives_exactly_their_minutes(client, officer):
    centre = xinglong()
    upload(client, centre, "员工.csv", csv_bytes(employees(2)), start="2026-11-24T09:00:00+08:00")
    batch = Batch.objects.get()
    assert batch.appointment.end == local(2026, 11, 24, 10, 30)  # 140 minutes: 63 + 63 + 14
    more = services.check_roster(
        _roster(employees(5)[2:]), matters=onboarding(), exclude_batch=batch
    ).employees
    services.add_employees(batch=batch, employees=more)
    batch.appointment.refresh_from_db()
    assert (batch.appointment.people, batch.appointment.minutes) == (5, 350)
    assert batch.appointment.end == local(2026, 11, 24, 12, 0)  # 6 × 63 = 378 ≥ 350
    assert_slots_match_draws(centre)
    for employee in batch.employees.filter(active=True).order_by("-row")[:3]:
        services.remove_employee(batch=batch, employee_id=employee.pk)
        assert_slots_match_draws(centre)
    batch.appointment.refresh_from_db()
    assert (batch.appointment.people, batch.appointment.minutes) == (2, 140)
    assert batch.appointment.end == local(2026, 11, 24, 10, 30)
    services.cancel_batch(batch=batch)
    assert not Slot.objects.filter(centre=centre, booked_minutes__gt=0).exists()
    assert_slots_match_draws(centre)


def test_adding_more_than_fits_changes_nothing(client, officer):
    centre = xinglong()
    upload(client, centre, "员工.csv", csv_bytes(employees(5)), start="2026-11-24T09:00:00+08:00")
    batch = Batch.objects.get()
    before = list(Slot.objects.filter(centre=centre).values_list("booked_minutes", flat=True))
    more = services.check_roster(
        _roster(employees(6)[5:]), matters=onboarding(), exclude_batch=batch
    ).employees
    with pytest.raises(services.SlotFull):
        services.add_employees(batch=batch, employees=more)
    assert (
        list(Slot.objects.filter(centre=centre).values_list("booked_minutes", flat=True)) == before
    )
    assert_slots_match_draws(centre)


def test_the_batch_page_shows_how_many_fit_per_start_before_any_upload(client, officer):
    centre = xinglong()
    page = client.get(
        f"/enterprise/batches/new/?bundle=JS-B-01&centre={centre.pk}&date=2026-11-24"
    ).content.decode()
    assert "这一天最多还能办 6 人" in page
    assert "最多 5 人" in page  # 9:00: six morning slots × 63 = 378 minutes
    assert "最多 6 人" in page  # 13:30: seven afternoon slots


def test_a_row_error_keeps_the_bundle_centre_and_time(client, officer):
    centre = xinglong()
    bad = employees(2)
    bad[1][1] = "320105199001011234"  # wrong check digit
    response = client.post(
        "/enterprise/batches/new/",
        {
            "bundle": "JS-B-01",
            "centre": centre.pk,
            "date": "2026-11-24",
            "start": "2026-11-24T13:30:00+08:00",
            "file": SimpleUploadedFile("员工.csv", csv_bytes(bad)),
        },
    )
    assert response.status_code == 422
    page = response.content.decode()
    assert 'value="JS-B-01" checked' in page
    assert f'value="{centre.pk}" selected' in page
    assert 'value="2026-11-24T13:30:00+08:00" checked' in page


def _roster(rows):
    from enterprises.roster import read_roster

    return read_roster("more.csv", csv_bytes(rows))
