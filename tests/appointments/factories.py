"""Centres, people and bookings for tests: factory_boy factories and the helpers built on them.

Bookings are made through ``services.book_appointment`` (AppointmentFactory),
as a resident's are, so personal data is encrypted and hashed by the service.
AppointmentRecordFactory writes a row as it stands at any status, for tests
of figures that need a history the services would take days to make.
"""

from __future__ import annotations

import datetime as dt
import itertools
import random

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone
from factory.django import DjangoModelFactory
from stdnum.cn import ric

from appointments import services
from appointments.constants import Relationship
from appointments.models import Appointment, AppointmentMatter, Slot
from appointments.services import Applicant
from centres.constants import OverrideKind
from centres.models import CalendarOverride, City, County, OpeningSession, ServiceCentre
from core.personal_data import protect
from guides.models import MatterPage
from guides.selectors import matters_with_materials


def local(y, m, d, hh=0, mm=0) -> dt.datetime:
    return timezone.make_aware(dt.datetime(y, m, d, hh, mm))


# The suite's booking day: bookings are made on a Monday morning for the
# Tuesday after, so every test's calendar is the same whenever it runs.
BOOKED_AT = local(2026, 11, 23, 8)
TUESDAY_9 = local(2026, 11, 24, 9)


class CityFactory(DjangoModelFactory):
    class Meta:
        model = City
        django_get_or_create = ("code",)

    code = "329900"
    name = "测试市"


class CountyFactory(DjangoModelFactory):
    class Meta:
        model = County
        django_get_or_create = ("code",)

    code = "329901"
    name = "测试区"
    city = factory.SubFactory(CityFactory)


class ServiceCentreFactory(DjangoModelFactory):
    """A centre open on weekdays 9:00-12:00 and 13:30-17:00 (and Saturday mornings if asked)."""

    class Meta:
        model = ServiceCentre
        skip_postgeneration_save = True  # the sessions are rows of their own

    county = factory.SubFactory(CountyFactory)
    # Unique across processes too: scenario scripts add centres to a copied database.
    code = factory.LazyFunction(lambda: f"T{next(_codes) + ServiceCentre.objects.count():04d}")
    name = factory.LazyAttribute(lambda o: f"测试街道{o.code[1:].lstrip('0')}便民服务中心")
    address = "测试路1号"
    counters = 3
    slot_minutes = 30
    walk_in_share = 30
    booking_horizon_days = 14
    same_day_cutoff = dt.time(11)

    @factory.post_generation
    def saturday(centre, create, extracted, **kwargs):
        """The opening sessions; Saturday morning too with ``saturday=True``."""
        if not create:
            return
        days = range(6) if extracted else range(5)
        for day in days:
            OpeningSession.objects.create(
                centre=centre, weekday=day, start=dt.time(9), end=dt.time(12)
            )
            if day < 5:
                OpeningSession.objects.create(
                    centre=centre, weekday=day, start=dt.time(13, 30), end=dt.time(17)
                )


class UserFactory(DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    email = "resident@test.local"
    username = factory.SelfAttribute("email")


class ApplicantFactory(factory.Factory):
    """The person a booking is for, with a valid ID number."""

    class Meta:
        model = Applicant

    name = "高秀英"
    id_number = factory.LazyFunction(lambda: id_number())
    phone = "13951234567"


class CalendarOverrideFactory(DjangoModelFactory):
    """A date the centre is closed (``kind=OverrideKind.OPEN`` with start and end: open)."""

    class Meta:
        model = CalendarOverride

    centre = factory.SubFactory(ServiceCentreFactory)
    date = dt.date(2026, 11, 24)
    kind = OverrideKind.CLOSED


class SlotFactory(DjangoModelFactory):
    """A centre's slot with the capacity the centre's settings give it; one row per start."""

    class Meta:
        model = Slot
        django_get_or_create = ("centre", "start")

    centre = factory.SubFactory(ServiceCentreFactory)
    start = TUESDAY_9
    end = factory.LazyAttribute(lambda o: o.start + dt.timedelta(minutes=o.centre.slot_minutes))
    capacity_minutes = factory.LazyAttribute(lambda o: o.centre.online_minutes_per_slot)
    batch_capacity_minutes = factory.LazyAttribute(lambda o: o.centre.batch_minutes_per_slot)


class AppointmentFactory(factory.Factory):
    """A booking made by ``services.book_appointment``: on Tuesday 24 November 2026 at 9:00,
    booked on the Monday morning before, for JS-MZ-04 (``codes=`` or ``matters=`` for others).
    """

    class Meta:
        model = Appointment

    class Params:
        codes = ("JS-MZ-04",)

    centre = factory.SubFactory(ServiceCentreFactory)
    start = TUESDAY_9
    matters = factory.LazyAttribute(lambda o: matters_with_materials(o.codes))
    situation_codes = ()
    applicant = factory.SubFactory(ApplicantFactory)
    booked_by = factory.SubFactory(UserFactory)
    now = BOOKED_AT

    @classmethod
    def _create(cls, model_class, **kwargs):
        return services.book_appointment(**kwargs)


class AppointmentRecordFactory(DjangoModelFactory):
    """An appointment row written as it stands, at any ``status``, with its ``codes``' matters.

    No booking rule runs and no event is recorded: for figures over a made-up past.
    """

    class Meta:
        model = Appointment
        skip_postgeneration_save = True  # the matters are rows of their own

    reference = factory.Sequence(lambda n: f"REC{n + 1:05d}")
    centre = factory.SubFactory(ServiceCentreFactory)
    start = TUESDAY_9
    slot = factory.SubFactory(
        SlotFactory,
        centre=factory.SelfAttribute("..centre"),
        start=factory.SelfAttribute("..start"),
    )
    end = factory.LazyAttribute(lambda o: o.start + dt.timedelta(minutes=30))
    minutes = 15
    booked_by = factory.SubFactory(UserFactory)
    relationship = Relationship.SELF
    applicant_name = "高秀英"
    applicant_id_encrypted = factory.LazyFunction(lambda: protect(id_number()))
    applicant_phone = "13951234567"

    @factory.post_generation
    def codes(appointment, create, extracted, **kwargs):
        """The matters, by code (default JS-MZ-04)."""
        if not create:
            return
        for code in extracted if extracted is not None else ("JS-MZ-04",):
            AppointmentMatter.objects.create(
                appointment=appointment, matter=MatterPage.objects.get(code=code)
            )


_codes = itertools.count(1)


def make_centre(
    *, counters=3, slot_minutes=30, walk_in_share=30, horizon=14, cutoff=dt.time(11), saturday=False
):
    centre = ServiceCentreFactory(
        counters=counters,
        slot_minutes=slot_minutes,
        walk_in_share=walk_in_share,
        booking_horizon_days=horizon,
        same_day_cutoff=cutoff,
        saturday=saturday,
    )
    return ServiceCentre.objects.prefetch_related("sessions", "overrides").get(pk=centre.pk)


def id_number(birth: dt.date | None = None, seq: int | None = None, region: str = "320105") -> str:
    """A resident ID number with a correct check digit (GB 11643)."""
    birth = birth or dt.date(1950, 1, 1) + dt.timedelta(days=random.randint(0, 20000))
    seq = random.randint(0, 999) if seq is None else seq
    return with_check(f"{region}{birth:%Y%m%d}{seq:03d}")


def with_check(body: str) -> str:
    """Append the right check character to 17 digits."""
    return body + ric.calc_check_digit(body + "0")  # it expects a placeholder check digit


def applicant(**overrides) -> Applicant:
    return ApplicantFactory(**overrides)


def make_user(email="resident@test.local"):
    return UserFactory(email=email)


def make_open_centre(
    code: str,
    *,
    counters: int = 100,
    slot_minutes: int = 30,
    walk_in_share: int = 0,
    horizon: int = 14,
    hours: tuple[dt.time, dt.time] = (dt.time(0), dt.time(23, 30)),
    name: str = "",
) -> ServiceCentre:
    """A centre open every day (all day by default): scenarios and benchmarks book "now" on it.

    Idempotent by ``code``, so a benchmark can run again on the same database.
    """
    from centres import calendar

    city, _ = City.objects.get_or_create(code="320200", defaults={"name": "无锡市"})
    county, _ = County.objects.get_or_create(
        code="320205", defaults={"city": city, "name": "锡山区"}
    )
    centre, created = ServiceCentre.objects.get_or_create(
        code=code,
        defaults={
            "county": county,
            "name": name or f"锡北镇便民服务中心（{code}）",
            "address": "无锡市锡山区锡北镇",
            "counters": counters,
            "slot_minutes": slot_minutes,
            "walk_in_share": walk_in_share,
            "booking_horizon_days": horizon,
            "same_day_cutoff": dt.time(23, 59),
        },
    )
    if created:
        OpeningSession.objects.bulk_create(
            OpeningSession(centre=centre, weekday=day, start=hours[0], end=hours[1])
            for day in range(7)
        )
    return calendar.centre_with_calendar(centre.pk)


def booking_payload(
    centre,
    *,
    start: str = "2026-11-24T09:00:00+08:00",
    matters=("JS-MZ-04",),
    applicant: dict | None = None,
    **extra,
) -> dict:
    """The JSON body of ``POST /api/v1/appointments`` for one person (a fixed ID number)."""
    person = {
        "name": "高秀英",
        "id_number": id_number(dt.date(1956, 3, 8)),
        "phone": "13951234567",
        **(applicant or {}),
    }
    return {
        "centre_id": centre.pk,
        "start": start,
        "matters": list(matters),
        "applicant": person,
        **extra,
    }
