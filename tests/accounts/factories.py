"""Accounts for tests: residents' profiles, staff, officials and editors.

Staff and officials are made through accounts.services (add_staff,
add_official), as ``manage.py add_staff`` makes them, so a test's staff have
exactly the groups and profile the service gives.
"""

from __future__ import annotations

import factory
from django.contrib.auth.models import Group
from factory.django import DjangoModelFactory

from accounts.models import Profile, StaffRole
from accounts.services import add_official, add_staff
from guides.services import EDITORS_GROUP, REVIEWERS_GROUP
from tests.appointments.factories import CountyFactory, ServiceCentreFactory, UserFactory


class ProfileFactory(DjangoModelFactory):
    """A resident's profile with the phone booking texts go to; updates the one a user has."""

    class Meta:
        model = Profile

    user = factory.SubFactory(UserFactory)
    phone = "13951234567"

    @classmethod
    def _create(cls, model_class, user, **fields):
        profile, _created = model_class.objects.update_or_create(user=user, defaults=fields)
        return profile


class StaffFactory(factory.Factory):
    """A clerk (or ``role="manager"``) of a centre, with the groups add_staff gives."""

    class Meta:
        model = dict  # replaced by _create: the service builds the user

    email = factory.Sequence(lambda n: f"staff{n + 1}@factory.test")
    centre = factory.SubFactory(ServiceCentreFactory, counters=20)
    role = StaffRole.CLERK
    password = "pw"

    @classmethod
    def _create(cls, model_class, **kwargs):
        return add_staff(**kwargs)


class OfficialFactory(factory.Factory):
    """A county official (``role="city"`` or ``"province"`` for the others) reading dashboards."""

    class Meta:
        model = dict  # replaced by _create: the service builds the user

    email = factory.Sequence(lambda n: f"official{n + 1}@factory.test")
    role = StaffRole.COUNTY
    county = factory.SubFactory(CountyFactory)
    city = factory.SelfAttribute("county.city")
    password = "pw"

    @classmethod
    def _create(cls, model_class, **kwargs):
        return add_official(**kwargs)


def _in_groups(default: str):
    def add(user, create, extracted, **kwargs):
        if create:
            user.groups.add(*Group.objects.filter(name__in=extracted or [default]))

    return factory.PostGeneration(add)


class EditorFactory(UserFactory):
    """A county editor of the guides; ``groups=[...]`` for other group names."""

    class Meta:
        skip_postgeneration_save = True  # adding groups saves nothing on the user

    email = factory.Sequence(lambda n: f"editor{n + 1}@factory.test")
    password = factory.django.Password("pw")
    groups = _in_groups(EDITORS_GROUP)


class ReviewerFactory(EditorFactory):
    """A provincial reviewer of the guides."""

    email = factory.Sequence(lambda n: f"reviewer{n + 1}@factory.test")
    groups = _in_groups(REVIEWERS_GROUP)
