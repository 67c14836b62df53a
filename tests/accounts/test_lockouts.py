"""Lock-outs hit the attacker's address, never the account from elsewhere; on both caches."""

import datetime as dt
import os
import re

import pytest
import redis
import time_machine
from captcha.models import CaptchaStore
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.cache import cache
from django.utils import timezone

from accounts.services import ensure_user
from tests.accounts.support import PASSWORD, make_clerk, post_login

pytestmark = pytest.mark.django_db

# Each checkout may point the tests at a Redis database of its own.
REDIS_LOCATION = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/2")
PROXY = "10.0.0.1"
ATTACKER = "198.51.100.7"
RESIDENT_HOME = "203.0.113.20"


@pytest.fixture(params=["locmem", "redis"])
def shared_cache(request, settings):
    """The default (per-process) cache, and Redis as in production."""
    if request.param == "redis":
        settings.CACHES = {
            "default": {
                "BACKEND": "django.core.cache.backends.redis.RedisCache",
                "LOCATION": REDIS_LOCATION,
            }
        }
    cache.clear()
    yield request.param
    if request.param == "redis":
        # The counters really were kept in Redis.
        assert redis.Redis.from_url(REDIS_LOCATION).dbsize() > 0
    cache.clear()


@pytest.fixture
def behind_proxy(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1


def via_proxy(address, forged=""):
    """What the site sees: the proxy's address, and X-Forwarded-For with the client appended."""
    header = f"{forged}, {address}" if forged else address
    return {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": header}


def logged_in(client) -> bool:
    return "_auth_user_id" in client.session


def test_100_wrong_staff_passwords_lock_until_the_window_passes(client, shared_cache):
    make_clerk()
    where = {"REMOTE_ADDR": ATTACKER}
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        statuses = [
            post_login(client, "clerk@test.local", f"guess-{n}", **where).status_code
            for n in range(100)
        ]
        assert 429 in statuses  # allauth's 30 login posts a minute per address as well
        # The right password is refused now...
        response = post_login(client, "clerk@test.local", PASSWORD, **where)
        assert response.status_code in (200, 429)
        assert "/2fa/authenticate/" not in response.get("Location", "")
        traveller.shift(dt.timedelta(minutes=10))
        response = post_login(client, "clerk@test.local", PASSWORD, **where)
        assert "/2fa/authenticate/" not in response.get("Location", "")
        # ...and accepted (on to the TOTP step) once the 15-minute window has passed,
        # with a captcha for the rest of the hour.
        traveller.shift(dt.timedelta(minutes=6))
        page = client.get("/admin/login/", **where)
        response = client.post(
            "/admin/login/?next=/counter/",
            {"login": "clerk@test.local", "password": PASSWORD},
            **where,
        )
        assert response.status_code == 200 and 'name="captcha_1"' in response.content.decode()
        response = client.post(
            "/admin/login/?next=/counter/",
            {
                "login": "clerk@test.local",
                "password": PASSWORD,
                **_captcha_answer(response.content.decode()),
            },
            **where,
        )
        assert page.status_code == 200 and response.status_code == 302
        assert response["Location"].startswith("/accounts/2fa/authenticate/")


def test_an_attacker_cannot_lock_a_resident_out_from_another_address(
    client, shared_cache, behind_proxy
):
    ensure_user(email="resident@test.local", password=PASSWORD)
    # The attack: failed logins with random e-mails and with the resident's, all from
    # one address, forging X-Forwarded-For to look like many.
    for n in range(12):
        client.post(
            "/accounts/login/",
            {"login": f"nobody{n}@test.local", "password": "x"},
            **via_proxy(ATTACKER, forged=f"192.0.2.{n}"),
        )
        client.post(
            "/accounts/login/",
            {"login": "resident@test.local", "password": f"guess-{n}"},
            **via_proxy(ATTACKER, forged=f"192.0.2.{n}"),
        )
    # The attacker is locked out of that account even with the right password...
    client.post(
        "/accounts/login/",
        {"login": "resident@test.local", "password": PASSWORD},
        **via_proxy(ATTACKER, forged="192.0.2.99"),
    )
    assert not logged_in(client)
    # ...while the resident, behind the same proxy, logs in from home at once.
    resident = type(client)()
    response = resident.post(
        "/accounts/login/",
        {"login": "resident@test.local", "password": PASSWORD},
        **via_proxy(RESIDENT_HOME),
    )
    assert response.status_code == 302
    assert logged_in(resident)


def _captcha_answer(html: str) -> dict:
    key = re.search(r'name="captcha_0"[^>]*value="([0-9a-f]+)"', html) or re.search(
        r'value="([0-9a-f]+)"[^>]*name="captcha_0"', html
    )
    assert key, "no captcha on the page"
    store = CaptchaStore.objects.get(hashkey=key.group(1))
    return {"captcha_0": store.hashkey, "captcha_1": store.response}


def test_failures_from_many_addresses_ask_for_a_captcha_not_a_lock(
    client, shared_cache, behind_proxy
):
    ensure_user(email="resident@test.local", password=PASSWORD)
    for n in range(5):  # a botnet, one guess per address
        client.post(
            "/accounts/login/",
            {"login": "resident@test.local", "password": f"guess-{n}"},
            **via_proxy(f"192.0.2.{n + 1}"),
        )
    resident = type(client)()
    response = resident.post(
        "/accounts/login/",
        {"login": "resident@test.local", "password": PASSWORD},
        **via_proxy(RESIDENT_HOME),
    )
    assert response.status_code == 200 and not logged_in(resident)
    html = response.content.decode()
    assert 'name="captcha_1"' in html
    image = re.search(r'src="(/captcha/image/[0-9a-f]+/)"', html).group(1)
    served = resident.get(image)
    assert served.status_code == 200 and served["Content-Type"] == "image/png"

    response = resident.post(
        "/accounts/login/",
        {"login": "resident@test.local", "password": PASSWORD, **_captcha_answer(html)},
        **via_proxy(RESIDENT_HOME),
    )
    assert response.status_code == 302 and logged_in(resident)


def _signup(client, n, address):
    return client.post(
        "/accounts/signup/",
        {
            "email": f"bulk{n}@test.local",
            "password1": "a-long-pass-2026",
            "password2": "a-long-pass-2026",
            # One number each: a number gets one code a minute (accounts/sms_codes.py).
            "phone": f"1395123{n:04d}",
        },
        **via_proxy(address),
    )


def test_40_signups_a_minute_from_one_address_are_impossible(client, shared_cache, behind_proxy):
    User = get_user_model()
    before = User.objects.count()
    statuses = []
    for n in range(40):
        client.logout()
        statuses.append(_signup(client, n, ATTACKER).status_code)
    created = User.objects.count() - before
    assert created <= 2, created  # then a captcha, and at most 5 tries a minute
    assert statuses.count(429) >= 35
    client.logout()
    assert _signup(client, 99, RESIDENT_HOME).status_code == 302


def test_signup_after_the_captcha_threshold_needs_the_captcha(client, shared_cache, behind_proxy):
    for n in range(2):
        client.logout()
        assert _signup(client, n, ATTACKER).status_code == 302
    client.logout()
    page = client.get("/accounts/signup/", **via_proxy(ATTACKER)).content.decode()
    response = _signup(client, 2, ATTACKER)
    assert response.status_code == 200 and "captcha" in response.content.decode()
    answer = _captcha_answer(page)
    response = client.post(
        "/accounts/signup/",
        {
            "email": "bulk2@test.local",
            "password1": "a-long-pass-2026",
            "password2": "a-long-pass-2026",
            "phone": "13951230002",
            **answer,
        },
        **via_proxy(ATTACKER),
    )
    assert response.status_code == 302


def test_staff_password_resets_are_throttled_per_account_and_per_address(client, shared_cache):
    make_clerk()
    statuses = [
        client.post(
            "/admin/password_reset/",
            {"email": "clerk@test.local"},
            REMOTE_ADDR=f"192.0.2.{n + 1}",
        ).status_code
        for n in range(6)
    ]
    assert statuses[:3] == [302, 302, 302] and set(statuses[3:]) == {429}
    assert len(mail.outbox) == 3
    # One address cannot spray resets over many accounts either.
    statuses = [
        client.post(
            "/admin/password_reset/", {"email": f"x{n}@test.local"}, REMOTE_ADDR=ATTACKER
        ).status_code
        for n in range(8)
    ]
    assert statuses.count(429) >= 3
