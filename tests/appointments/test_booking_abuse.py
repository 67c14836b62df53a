"""Booking abuse, written as the attacks that found it (issue: who may do what, finding 3)."""

from __future__ import annotations

import datetime as dt
import re

import pytest
import time_machine
from captcha.models import CaptchaStore
from django.core.cache import cache
from django.test import override_settings

from appointments import services
from appointments.constants import AppointmentStatus, Relationship
from appointments.exceptions import Suspended, TooManyBookings
from appointments.models import AccountStanding, Appointment, Person
from core.personal_data import person_hash
from guides.selectors import matters_with_materials

from .factories import AppointmentFactory, applicant, id_number, local, make_centre, make_user

pytestmark = pytest.mark.django_db

NOW = local(2026, 11, 23, 8, 0)  # a Monday morning
REDIS = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:6379/6",
    }
}


@pytest.fixture(params=["locmem", "redis"])
def shared_cache(request):
    """The limits hold on the default cache and on Redis (what production uses)."""
    if request.param == "locmem":
        yield
        return
    with override_settings(CACHES=REDIS):
        cache.clear()
        yield
        cache.clear()


def payload(centre, n, hh=9, relationship="self"):
    return {
        "centre_id": centre.pk,
        "start": f"2026-11-24T{hh:02d}:00:00+08:00",
        "matters": ["JS-MZ-04"],
        "applicant": {
            "name": "高秀英",
            "id_number": id_number(seq=n),
            "phone": "13951234567",
            "relationship": relationship,
        },
    }


def test_one_account_cannot_empty_a_centre_in_a_minute(client, shared_cache):
    centre = make_centre(counters=40)
    client.force_login(make_user("greedy@test.local"))
    with time_machine.travel(NOW, tick=False):
        statuses = [
            client.post("/api/v1/appointments", payload(centre, n), content_type="application/json")
            for n in range(10)
        ]
    assert [r.status_code for r in statuses[:6]] == [201] * 6
    refused = statuses[6]
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) >= 1
    assert "太频繁" in refused.json()["detail"]
    assert Appointment.objects.count() == 6


def test_one_address_cannot_book_for_many_accounts_faster_than_people_do(client, shared_cache):
    centre = make_centre(counters=40)
    with override_settings(BOOKING_RATE_PER_ADDRESS=8), time_machine.travel(NOW, tick=False):
        codes = []
        for n in range(10):
            client.force_login(make_user(f"sock{n}@test.local"))
            codes.append(
                client.post(
                    "/api/v1/appointments", payload(centre, n), content_type="application/json"
                ).status_code
            )
    assert codes == [201] * 8 + [429] * 2


def test_slot_polling_is_limited_per_address(client, shared_cache):
    centre = make_centre()
    url = f"/api/v1/centres/{centre.pk}/slots?date=2026-11-24&matters=JS-MZ-04"
    with override_settings(SLOT_POLL_RATE_PER_ADDRESS=5), time_machine.travel(NOW, tick=False):
        codes = [client.get(url).status_code for _ in range(7)]
        other = client.get(url, REMOTE_ADDR="10.1.2.3").status_code
    assert codes == [200] * 5 + [429] * 2
    assert other == 200  # another address is not held up


def test_an_account_books_for_at_most_five_other_people():
    centre = make_centre(counters=40)
    agent = make_user("agent@test.local")
    matters = matters_with_materials(["JS-MZ-04"])

    def book(person):
        return AppointmentFactory(centre=centre, matters=matters, applicant=person, booked_by=agent)

    for n in range(5):
        book(applicant(id_number=id_number(seq=n), relationship=Relationship.RELATIVE))
    with pytest.raises(TooManyBookings, match="最多同时为他人保留 5 个"):
        book(applicant(id_number=id_number(seq=9), relationship=Relationship.PARENT))
    # Booking for herself is still open to the same account.
    assert book(applicant(id_number=id_number(seq=10)))


def test_no_shows_with_a_neighbours_id_number_suspend_the_booking_account_not_her():
    centre = make_centre(counters=40)
    attacker = make_user("attacker@test.local")
    neighbour_id = id_number(seq=77)
    days = [dt.date(2026, 11, 24), dt.date(2026, 11, 25), dt.date(2026, 11, 26)]
    codes = ["JS-MZ-04", "JS-RS-01", "JS-SW-01"]
    for day, code in zip(days, codes, strict=True):
        AppointmentFactory(
            centre=centre,
            start=local(day.year, day.month, day.day, 9),
            codes=[code],
            applicant=applicant(id_number=neighbour_id, relationship=Relationship.RELATIVE),
            booked_by=attacker,
        )
    services.mark_no_shows(now=local(2026, 11, 27, 8))
    assert Appointment.objects.filter(status=AppointmentStatus.NO_SHOW).count() == 3
    neighbour = Person.objects.get(id_hash=person_hash(neighbour_id))
    assert not neighbour.is_suspended(local(2026, 11, 27, 9))
    assert AccountStanding.objects.get(user=attacker).is_suspended(local(2026, 11, 27, 9))
    later = local(2026, 11, 27, 8, 30)
    with time_machine.travel(later, tick=False):
        # She books for herself as usual; the attacker's account cannot book at all.
        assert AppointmentFactory(
            centre=centre,
            start=local(2026, 11, 30, 9),
            applicant__id_number=neighbour_id,
            booked_by__email="neighbour@test.local",
            now=later,
        )
        with pytest.raises(Suspended):
            AppointmentFactory(
                centre=centre,
                start=local(2026, 11, 30, 10),
                codes=["JS-RS-01"],
                applicant__id_number=id_number(seq=5),
                booked_by=attacker,
                now=later,
            )


def _confirm_form(client, centre, hh):
    """Open the confirm step for JS-MZ-04 at hh:00 tomorrow; return its page and the form to post."""
    query = f"matters=JS-MZ-04&centre={centre.pk}&date=2026-11-24&start=2026-11-24T{hh:02d}:00:00%2B08:00"
    html = client.get(f"/book/confirm/?{query}").content.decode()
    form = {
        "matters": "JS-MZ-04",
        "centre": centre.pk,
        "date": "2026-11-24",
        "start": f"2026-11-24T{hh:02d}:00:00+08:00",
        "submission": re.search(r'name="submission" value="([^"]+)"', html).group(1),
        "relationship": "self",
        "name": "高秀英",
        "id_number": id_number(seq=hh),
        "phone": "13951234567",
        "materials": re.findall(r'name="materials" value="(\d+)"', html),
    }
    return html, form


def _captcha_answer(html):
    key = re.search(r'name="captcha_0"[^>]*value="([0-9a-f]+)"', html) or re.search(
        r'value="([0-9a-f]+)"[^>]*name="captcha_0"', html
    )
    store = CaptchaStore.objects.get(hashkey=key.group(1))
    return {"captcha_0": store.hashkey, "captcha_1": store.response}


@pytest.mark.parametrize("scope", ["account", "address"])
def test_a_fourth_booking_within_the_hour_asks_for_a_captcha(client, shared_cache, settings, scope):
    settings.CAPTCHA_AFTER = {
        **settings.CAPTCHA_AFTER,
        "booking": "3/3600" if scope == "address" else "100/3600",
        "booking_account": "3/3600" if scope == "account" else "100/3600",
    }
    centre = make_centre(counters=10)
    with time_machine.travel(NOW, tick=False):
        for n, hh in enumerate((9, 10, 11)):
            # The address scope: three different accounts behind one address.
            client.force_login(make_user(f"busy{n if scope == 'address' else 0}@test.local"))
            html, form = _confirm_form(client, centre, hh)
            assert 'name="captcha_1"' not in html
            assert client.post("/book/confirm/", form).status_code == 302
        client.force_login(make_user(f"busy{3 if scope == 'address' else 0}@test.local"))
        html, form = _confirm_form(client, centre, 14)
        assert 'name="captcha_1"' in html and "/captcha/image/" in html

        # Without the captcha (a script), nothing is booked and the page says why.
        refused = client.post("/book/confirm/", form)
        assert refused.status_code == 200 and "验证码" in refused.content.decode()
        assert Appointment.objects.count() == 3

        wrong = client.post(
            "/book/confirm/",
            {**form, **_captcha_answer(refused.content.decode()), "captcha_1": "NOPE"},
        )
        assert wrong.status_code == 200 and Appointment.objects.count() == 3

        # A person reads the picture and the booking goes through.
        booked = client.post("/book/confirm/", {**form, **_captcha_answer(wrong.content.decode())})
        assert booked.status_code == 302 and Appointment.objects.count() == 4
