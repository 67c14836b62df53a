"""The hand-counted world (tests/dashboards/fixtures.py), the day after, and who looks at it."""

import pytest
import time_machine

from accounts.services import add_official, add_staff, ensure_user
from tests.appointments.factories import local
from tests.dashboards.fixtures import build_world


@pytest.fixture(autouse=True)
def the_day_after():
    with time_machine.travel(local(2026, 11, 26, 10), tick=False):
        yield


@pytest.fixture
def world():
    return build_world()


@pytest.fixture
def people(world):
    east, west, _far = world["counties"]
    a, b, _c, _d = world["centres"]
    return {
        "county": add_official(email="east@test.local", role="county", county=east),
        "city": add_official(email="city@test.local", role="city", city=world["cities"][0]),
        "province": add_official(email="prov@test.local", role="province"),
        "manager": add_staff(email="mgr@test.local", centre=a, role="manager"),
        "clerk": add_staff(email="clerk1@test.local", centre=a, role="clerk"),
        "resident": ensure_user(email="someone@test.local"),
    }
