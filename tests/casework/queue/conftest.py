"""A centre with 20 counters and its clerk, on the visit day."""

import pytest
import time_machine

from tests.accounts.factories import StaffFactory
from tests.appointments.factories import make_centre
from tests.casework.factories import VISIT_DAY


@pytest.fixture(autouse=True)
def at_the_counter():
    with time_machine.travel(VISIT_DAY, tick=False):
        yield


@pytest.fixture
def centre():
    return make_centre(counters=20)


@pytest.fixture
def clerk(centre):
    return StaffFactory(email="clerk-q@test.local", centre=centre)
