"""Staff accounts for tests, made through accounts.services.add_staff as the command makes them."""

from __future__ import annotations

import factory

from accounts.services import add_staff
from tests.appointments.factories import ServiceCentreFactory


class StaffFactory(factory.Factory):
    """A clerk (or ``role="manager"``) of a centre, with the groups add_staff gives.

    Built through the service, not the model, so a test's staff are exactly
    what ``manage.py add_staff`` makes.
    """

    class Meta:
        model = dict  # replaced by _create: the service builds the user

    email = factory.Sequence(lambda n: f"clerk{n + 1}@test.local")
    centre = factory.SubFactory(ServiceCentreFactory, counters=20)
    role = "clerk"
    password = "pw"

    @classmethod
    def _create(cls, model_class, **kwargs):
        return add_staff(**kwargs)
