"""Residents sign up and log in with a mainland mobile number and a code by text."""

import datetime as dt
import logging
import re

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.test import override_settings
from django.utils import timezone

from accounts import services
from accounts.models import Profile
from accounts.services import ensure_user
from tests.accounts.phone_support import Outbox, captcha_answer
from tests.accounts.support import PASSWORD, make_clerk, totp

pytestmark = pytest.mark.django_db

MOBILE = "13912345678"
E164 = "+8613912345678"
WAIT_SECONDS = re.compile(r"请 (\d+) 秒后再获取验证码")


@pytest.fixture
def sms(tmp_path):
    path = tmp_path / "sms.jsonl"
    with override_settings(SMS_BACKEND="file", SMS_FILE_PATH=str(path)):
        yield Outbox(path)


def resident_with_phone(phone=E164, email="resident@test.local", password=None):
    user = ensure_user(email=email, password=password or PASSWORD)
    services.set_login_phone(user=user, phone=phone, verified=True)
    return user


def logged_in_as(client):
    return client.session.get("_auth_user_id")


def request_code(client, phone=MOBILE, address="198.51.100.7", **extra):
    return client.post("/accounts/login/code/", {"phone": phone, **extra}, REMOTE_ADDR=address)


def test_the_login_field_takes_a_mobile_number(client):
    html = client.get("/accounts/login/").content.decode()
    login = re.search(r'<input[^>]*name="login"[^>]*>', html).group()
    assert 'type="text"' in login and 'type="email"' not in login
    assert 'name="phone"' in html and 'type="tel"' in html  # the code form comes first
    assert html.index("短信验证码") < html.index('name="password"')


def test_sign_up_with_a_phone_alone_then_prove_it_with_the_code(client, sms):
    response = client.post("/accounts/signup/", {"phone": "139 1234 5678"})
    assert response.status_code == 302 and response["Location"] == "/accounts/phone/verify/"
    assert not logged_in_as(client)  # not before the code
    page = client.get("/accounts/phone/verify/").content.decode()
    assert "139****5678" in page and MOBILE not in page

    (message,) = sms.to(MOBILE)
    assert message["template"] == "login_code" and set(message["params"]) == {"code", "minutes"}
    response = client.post(
        "/accounts/phone/verify/", {"action": "verify", "code": sms.last_code(MOBILE)}
    )
    assert response.status_code == 302
    user = get_user_model().objects.get(pk=logged_in_as(client))
    profile = Profile.objects.get(user=user)
    assert (profile.login_phone, profile.login_phone_verified, profile.phone) == (
        E164,
        True,
        MOBILE,
    )
    assert not user.email and not user.has_usable_password()


def test_login_by_code_without_a_password(client, sms):
    user = resident_with_phone()
    response = request_code(client, "+86 139-1234-5678")
    assert response.status_code == 302 and response["Location"] == "/accounts/login/code/confirm/"
    page = client.get("/accounts/login/code/confirm/").content.decode()
    assert "139****5678" in page and 'autocomplete="one-time-code"' in page
    response = client.post("/accounts/login/code/confirm/", {"code": sms.last_code(MOBILE)})
    assert response.status_code == 302 and logged_in_as(client) == str(user.pk)


def test_login_with_the_phone_and_a_password(client):
    user = resident_with_phone()
    response = client.post("/accounts/login/", {"login": "139 1234 5678", "password": PASSWORD})
    assert response.status_code == 302 and logged_in_as(client) == str(user.pk)


def test_a_wrong_code_is_refused_in_chinese_and_the_right_one_still_works(client, sms):
    user = resident_with_phone()
    request_code(client)
    code = sms.last_code(MOBILE)
    wrong = "000000" if code != "000000" else "111111"
    for _ in range(4):
        response = client.post("/accounts/login/code/confirm/", {"code": wrong})
        assert response.status_code == 200 and "验证码不正确" in response.content.decode()
    assert not logged_in_as(client)
    client.post("/accounts/login/code/confirm/", {"code": code})
    assert logged_in_as(client) == str(user.pk)


def test_five_wrong_codes_spend_the_code(client, sms):
    resident_with_phone()
    request_code(client)
    code = sms.last_code(MOBILE)
    wrong = "000000" if code != "000000" else "111111"
    for _ in range(5):
        response = client.post("/accounts/login/code/confirm/", {"code": wrong})
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "错误次数太多：短信验证码已作废" in page
    client.post("/accounts/login/code/confirm/", {"code": code})
    assert not logged_in_as(client)


def test_a_code_expires_after_five_minutes(client, sms):
    resident_with_phone()
    start = timezone.now()
    with time_machine.travel(start, tick=False) as traveller:
        request_code(client)
        code = sms.last_code(MOBILE)
        traveller.shift(dt.timedelta(minutes=5, seconds=1))
        client.post("/accounts/login/code/confirm/", {"code": code})
        assert not logged_in_as(client)


def test_a_number_gets_one_code_a_minute_and_is_told_when_to_try_again(client, sms):
    resident_with_phone()
    start = dt.datetime(2026, 12, 1, 1, 0, tzinfo=dt.UTC)
    with time_machine.travel(start, tick=False) as traveller:
        assert request_code(client, address="192.0.2.1").status_code == 302
        traveller.shift(dt.timedelta(seconds=2))
        response = request_code(client, address="192.0.2.2")  # another address: same number
        assert response.status_code == 200
        assert WAIT_SECONDS.search(response.content.decode()).group(1) == "58"
        assert len(sms.to(MOBILE)) == 1
        traveller.shift(dt.timedelta(seconds=59))
        assert request_code(client, address="192.0.2.3").status_code == 302
        assert len(sms.to(MOBILE)) == 2


def test_five_codes_an_hour_and_ten_a_day_per_number(client, sms):
    resident_with_phone()
    start = dt.datetime(2026, 12, 1, 1, 0, tzinfo=dt.UTC)
    with time_machine.travel(start, tick=False) as traveller:
        for n in range(5):
            assert request_code(client, address=f"192.0.2.{n + 1}").status_code == 302
            traveller.shift(dt.timedelta(seconds=61))
        response = request_code(client, address="192.0.2.50")
        assert response.status_code == 200
        assert "请 55 分钟后再获取" in response.content.decode()  # the hour ends at 02:00
        for n in range(5):
            traveller.move_to(start + dt.timedelta(hours=n + 1, minutes=1))
            assert request_code(client, address=f"192.0.2.{n + 10}").status_code == 302
        traveller.move_to(start + dt.timedelta(hours=7))
        response = request_code(client, address="192.0.2.60")
        assert "今天获取验证码的次数太多" in response.content.decode()
        assert len(sms.to(MOBILE)) == 10


def test_one_address_cannot_send_codes_to_many_numbers(client, sms, settings):
    settings.CAPTCHA_AFTER = {**settings.CAPTCHA_AFTER, "sms_code": "100/3600"}
    start = dt.datetime(2026, 12, 1, 1, 0, tzinfo=dt.UTC)
    with time_machine.travel(start, tick=False):
        statuses = [request_code(client, f"1391234{n:04d}").status_code for n in range(6)]
        assert statuses == [302] * 5 + [200]
        response = request_code(client, "13912349999")
        assert WAIT_SECONDS.search(response.content.decode())
        assert request_code(client, "13912348888", address="203.0.113.20").status_code == 302
    assert len(sms.all()) == 6


@pytest.mark.parametrize(
    "typed", ["+86 139-1234-5678", "139 1234 5678", "１３９１２３４５６７８", "0086 13912345678"]
)
def test_numbers_are_kept_in_one_form_however_typed(client, sms, typed):
    client.post("/accounts/signup/", {"phone": typed})
    assert Profile.objects.get(login_phone=E164).phone == MOBILE
    assert sms.to(MOBILE)


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("025-87770101", "座机"),
        ("+852 9123 4567", "中国大陆"),
        ("12345", "11位手机号码"),
        ("", "请输入手机号码"),
    ],
)
def test_other_numbers_are_refused_in_chinese(client, sms, typed, message):
    response = client.post("/accounts/signup/", {"phone": typed})
    assert response.status_code == 200 and message in response.content.decode()
    assert not sms.all() and not Profile.objects.exclude(login_phone="").exists()


def test_a_proved_number_belongs_to_one_account(client, sms):
    resident_with_phone()
    before = get_user_model().objects.count()
    client.post("/accounts/signup/", {"phone": MOBILE})
    assert get_user_model().objects.count() == before  # no second account
    # Its owner is told by text, and the page tells a stranger nothing.
    assert [m["template"] for m in sms.to(MOBILE)] == ["account_exists"]
    other = ensure_user(email="other@test.local", password=PASSWORD)
    with pytest.raises(IntegrityError), transaction.atomic():
        Profile.objects.update_or_create(
            user=other, defaults={"login_phone": E164, "login_phone_verified": True}
        )


def test_typing_someone_elses_number_does_not_keep_her_out(client, sms):
    # A stranger signs up with her number and never proves it...
    client.post("/accounts/signup/", {"phone": MOBILE}, REMOTE_ADDR="198.51.100.7")
    client.logout()
    # ...she can still sign up with it and becomes its owner.
    with time_machine.travel(timezone.now() + dt.timedelta(minutes=2)):
        her = type(client)()
        her.post("/accounts/signup/", {"phone": MOBILE}, REMOTE_ADDR="203.0.113.20")
        her.post("/accounts/phone/verify/", {"action": "verify", "code": sms.last_code(MOBILE)})
    owner = Profile.objects.get(login_phone=E164)
    assert owner.login_phone_verified and str(owner.user_id) == logged_in_as(her)


def test_an_email_account_adds_a_verified_phone_and_then_logs_in_by_code(client, sms):
    user = ensure_user(email="old@test.local", password=PASSWORD)
    client.post("/accounts/login/", {"login": "old@test.local", "password": PASSWORD})
    assert logged_in_as(client) == str(user.pk)
    response = client.post("/accounts/phone/change/", {"phone": "１３９ １２３４ ５６７８"})
    assert response.status_code == 302 and response["Location"] == "/accounts/phone/verify/"
    client.post("/accounts/phone/verify/", {"action": "verify", "code": sms.last_code(MOBILE)})
    assert Profile.objects.get(user=user).login_phone_verified
    client.logout()
    with time_machine.travel(timezone.now() + dt.timedelta(minutes=2)):
        request_code(client)
        client.post("/accounts/login/code/confirm/", {"code": sms.last_code(MOBILE)})
    assert logged_in_as(client) == str(user.pk)


def test_a_staff_account_logging_in_by_code_still_needs_its_totp(client, sms):
    clerk = make_clerk()
    services.set_login_phone(user=clerk, phone=E164, verified=True)
    request_code(client)
    response = client.post("/accounts/login/code/confirm/", {"code": sms.last_code(MOBILE)})
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/2fa/authenticate/")
    assert not logged_in_as(client)
    counter = client.get("/counter/")
    assert counter.status_code == 302 and "/login/" in counter["Location"]
    client.post("/accounts/2fa/authenticate/", {"code": totp()})
    assert logged_in_as(client) == str(clerk.pk)


def test_a_captcha_after_many_codes_from_one_address(client, sms):
    start = dt.datetime(2026, 12, 1, 1, 0, tzinfo=dt.UTC)
    with time_machine.travel(start, tick=False):
        for n in range(3):
            assert request_code(client, f"1391234{n:04d}").status_code == 302
        page = client.get("/accounts/login/code/", REMOTE_ADDR="198.51.100.7").content.decode()
        assert 'name="captcha_1"' in page and "/captcha/image/" in page
        response = request_code(client, "13912340009")
        assert response.status_code == 200 and not sms.to("13912340009")
        response = request_code(client, "13912340009", **captcha_answer(page))
        assert response.status_code == 302 and sms.to("13912340009")
        # Elsewhere, no captcha.
        other = client.get("/accounts/login/code/", REMOTE_ADDR="203.0.113.20").content.decode()
        assert 'name="captcha_1"' not in other


def test_no_code_or_whole_number_in_the_logs(client, sms, caplog):
    resident_with_phone()
    with caplog.at_level(logging.DEBUG):
        request_code(client)
        code = sms.last_code(MOBILE)
        client.post("/accounts/login/code/confirm/", {"code": code})
    assert logged_in_as(client)
    assert caplog.records  # something was logged...
    assert code not in caplog.text and MOBILE not in caplog.text and E164 not in caplog.text
