"""Two centres with staff, and a completed case at the first, on the visit day."""

import pytest
import time_machine

from tests.accounts.factories import StaffFactory
from tests.appointments.factories import make_centre
from tests.casework.factories import VISIT_DAY
from tests.ratings.support import open_case


@pytest.fixture(autouse=True)
def at_the_counter():
    with time_machine.travel(VISIT_DAY, tick=False):
        yield


@pytest.fixture
def centres():
    return make_centre(counters=20), make_centre(counters=20)


@pytest.fixture
def staff(centres):
    own, other = centres
    return {
        "clerk": StaffFactory(email="clerk@test.local", centre=own),
        "manager": StaffFactory(email="mgr@test.local", centre=own, role="manager"),
        "other_manager": StaffFactory(email="mgr2@test.local", centre=other, role="manager"),
    }


@pytest.fixture
def case(centres, staff):
    return open_case(centres[0], staff["clerk"], complete=True)
