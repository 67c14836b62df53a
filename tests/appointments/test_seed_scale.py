import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from accounts.models import Profile, StaffRole
from appointments.constants import AppointmentStatus
from appointments.models import Appointment, AppointmentMatter, Slot, SlotDraw
from appointments.personal_data import reveal
from casework.constants import CaseStatus
from casework.models import Case
from centres.models import ServiceCentre
from ratings.models import Rating

pytestmark = pytest.mark.django_db


def test_seed_scale_is_idempotent_and_makes_slots():
    call_command("seed_scale", centres=20, days=7, verbosity=0)
    centres, slots = ServiceCentre.objects.count(), Slot.objects.count()
    assert centres == 20 and slots > 0
    call_command("seed_scale", centres=20, days=7, verbosity=0)
    assert (ServiceCentre.objects.count(), Slot.objects.count()) == (centres, slots)


def _counts():
    return {
        "centres": ServiceCentre.objects.count(),
        "slots": Slot.objects.count(),
        "staff": Profile.objects.exclude(role="").count(),
        "users": get_user_model().objects.count(),
        "appointments": Appointment.objects.count(),
        "cases": Case.objects.count(),
        "ratings": Rating.objects.count(),
    }


def test_seed_scale_makes_staff_history_and_adds_nothing_the_second_time():
    size = {"centres": 12, "days": 10, "past_days": 5, "staff": 200, "appointments": 400}
    call_command("seed_scale", cases=300, verbosity=0, **size)
    first = _counts()
    assert first["centres"] == 12
    assert first["staff"] == 200
    assert Profile.objects.filter(role=StaffRole.MANAGER).count() == 12
    assert Profile.objects.filter(role=StaffRole.CITY).count() == 13
    assert first["appointments"] == 400
    assert first["cases"] == first["ratings"] == 300
    # Every case is closed; a slot never holds more than it can.
    assert not Case.objects.filter(closed_at__isnull=True).exists()
    assert set(Case.objects.values_list("status", flat=True)) <= {
        CaseStatus.COMPLETED,
        CaseStatus.REJECTED,
    }
    assert AppointmentMatter.objects.count() == 400
    for slot in Slot.objects.filter(draws__isnull=False).distinct():
        assert slot.booked_minutes == sum(d.minutes for d in SlotDraw.objects.filter(slot=slot))
        assert slot.booked_minutes <= slot.capacity_minutes
    future = Appointment.objects.filter(status=AppointmentStatus.BOOKED).first()
    assert future is not None and len(reveal(future.applicant_id_encrypted)) == 18
    call_command("seed_scale", cases=300, verbosity=0, **size)
    assert _counts() == first
    # A larger size grows what is there.
    call_command("seed_scale", cases=350, verbosity=0, **(size | {"appointments": 450}))
    grown = _counts()
    assert (grown["appointments"], grown["cases"], grown["ratings"]) == (450, 350, 350)
