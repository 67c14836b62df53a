"""The batch tests' Monday morning, centre with room for batches, and signed-in HR officer."""

import pytest
import time_machine

from tests.appointments.factories import BOOKED_AT, make_centre, make_user
from tests.enterprises.factories import approved_officer


@pytest.fixture
def frozen():
    """Monday 23 November 2026, 8:00: the Tuesday after is bookable."""
    with time_machine.travel(BOOKED_AT, tick=False):
        yield


@pytest.fixture
def centre():
    return make_centre(counters=40, walk_in_share=0)  # 1,200 counter-minutes a slot


@pytest.fixture
def officer(client):
    """An approved HR officer of 江苏新金牛线缆有限公司, logged in."""
    user = make_user("hr@test.local")
    approved_officer(user)
    client.force_login(user)
    return user
