"""The demo centres show the reform's headline cases bookable on an empty weekday."""

import datetime as dt

import pytest

from appointments import capacity, services
from centres import calendar
from centres.models import ServiceCentre
from enterprises.services import largest_batch_on
from guides.selectors import matters_with_materials
from portal.demo import CENTRES, seed_demo

from .factories import local

pytestmark = pytest.mark.django_db

NOW = local(2026, 11, 23, 8, 0)  # a Monday morning
TUESDAY = dt.date(2026, 11, 24)


def test_every_demo_centre_takes_one_person_for_each_bundle_and_xinglong_a_batch_of_six():
    seed_demo()
    onboarding = matters_with_materials(["JS-RS-03", "JS-RS-07", "JS-YB-02", "JS-GJ-02"])
    newborn = matters_with_materials(["JS-YB-01", "JS-RS-05", "JS-YB-04"])
    for code, *_rest in CENTRES:
        centre = calendar.centre_with_calendar(ServiceCentre.objects.get(code=code).pk)
        assert 2 <= centre.counters <= 6
        for matters, batch in ((onboarding, True), (newborn, False)):
            options = capacity.day_options(
                centre=centre,
                day=TUESDAY,
                minutes=services.minutes_for(matters),
                batch=batch,
                now=NOW,
            )
            assert any(o.available for o in options), (code, matters)
    xinglong = calendar.centre_with_calendar(ServiceCentre.objects.get(code="NJJY01").pk)
    assert largest_batch_on(xinglong, TUESDAY, onboarding, NOW) >= 6
