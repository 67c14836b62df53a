"""The counter tests' two centres and a clerk at each."""

import pytest

from tests.accounts.factories import StaffFactory
from tests.appointments.factories import make_centre


@pytest.fixture
def centres():
    """Two centres with 20 counters: the clerk's own and another."""
    return make_centre(counters=20), make_centre(counters=20)


@pytest.fixture
def clerks(centres):
    own, other = centres
    return (
        StaffFactory(email="clerk1@test.local", centre=own),
        StaffFactory(email="clerk2@test.local", centre=other),
    )
