import pytest
from django.core.management import call_command

from appointments.models import ServiceCentre, Slot

pytestmark = pytest.mark.django_db


def test_seed_scale_is_idempotent_and_makes_slots():
    call_command("seed_scale", centres=20, days=7, verbosity=0)
    centres, slots = ServiceCentre.objects.count(), Slot.objects.count()
    assert centres == 20 and slots > 0
    call_command("seed_scale", centres=20, days=7, verbosity=0)
    assert (ServiceCentre.objects.count(), Slot.objects.count()) == (centres, slots)
