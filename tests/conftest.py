"""Shared fixtures: the unified standard is loaded once per test database; a centre and a resident."""

import os

import pytest
from django.core.management import call_command


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    # make test runs the suite on xdist workers with --dist loadscope (pyproject.toml):
    # a module's tests stay on one worker, so module-scoped servers start once and the
    # tests that share a Redis database (test_lockouts, test_throttle, test_booking_abuse)
    # never run side by side. Modules are handed out in this order: the long ones
    # (browsers, real servers, tests without a database) first, so that no worker is
    # left alone with one at the end. pytest-django puts tests without a database last;
    # with no transactional tests, their order is free.
    if os.environ.get("PYTEST_XDIST_WORKER"):
        items.sort(key=_handed_out_late)


def _handed_out_late(item) -> bool:
    if any(item.get_closest_marker(name) for name in ("e2e", "fuzz", "topology")):
        return False
    return item.get_closest_marker("django_db") is not None or bool(
        {"db", "transactional_db"} & set(item.fixturenames)
    )


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    # The standard is what every other part builds on; loading it once per
    # run keeps the suite fast, and each test still rolls back its own changes.
    with django_db_blocker.unblock():
        call_command("load_standard", verbosity=0)


@pytest.fixture
def users(db, django_user_model):
    from django.contrib.auth.models import Group

    from guides.services import EDITORS_GROUP, REVIEWERS_GROUP

    editor = django_user_model.objects.create_user(
        username="editor", email="editor@test.local", password="pw"
    )
    editor.groups.add(Group.objects.get(name=EDITORS_GROUP))
    reviewer = django_user_model.objects.create_user(
        username="reviewer", email="reviewer@test.local", password="pw"
    )
    reviewer.groups.add(Group.objects.get(name=REVIEWERS_GROUP))
    return {"editor": editor, "reviewer": reviewer}


@pytest.fixture(autouse=True)
def default_language():
    # A request through LocaleMiddleware leaves its language active in the thread:
    # the next test starts in the site's default language, as a new request would.
    from django.utils import translation

    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def fresh_cache():
    # Request limits and cached pages live in the cache: each test starts with none.
    from django.core.cache import cache

    from centres.calendar import forget_local_copies

    cache.clear()
    forget_local_copies()
    yield


@pytest.fixture
def centre(db):
    """A centre open on weekdays (tests/appointments/factories.py); modules may define their own."""
    from tests.appointments.factories import make_centre

    return make_centre()


@pytest.fixture
def resident(client, db):
    """A resident's account, logged in on the test client."""
    from tests.appointments.factories import make_user

    user = make_user()
    client.force_login(user)
    return user
