"""Officials' accounts: each role needs its place; the demo has them."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from accounts.models import Profile
from accounts.services import add_official, add_staff, ensure_user

pytestmark = pytest.mark.django_db


def test_each_role_needs_its_place(world):
    east = world["counties"][0]
    user = ensure_user(email="x@test.local")
    for role, place in (("county", {}), ("city", {}), ("manager", {}), ("clerk", {"county": east})):
        with pytest.raises(IntegrityError), transaction.atomic():
            Profile.objects.update_or_create(user=user, defaults={"role": role, **place})
    with pytest.raises(ValidationError):
        add_official(email="y@test.local", role="county")
    with pytest.raises(ValidationError):
        add_staff(email="z@test.local", centre=world["centres"][0], role="county")


def test_seed_demo_has_the_officials():
    from portal.demo import seed_demo

    accounts = seed_demo()
    assert {"county@demo.local", "city@demo.local", "province@demo.local"} <= set(accounts)
    county = Profile.objects.get(user__email="county@demo.local")
    assert county.role == "county" and county.county.code == "320105"
    assert Profile.objects.get(user__email="city@demo.local").city.code == "320100"
    assert Profile.objects.get(user__email="province@demo.local").role == "province"
