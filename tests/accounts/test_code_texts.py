"""The code pages and texts quote a code's life and tries from the settings that decide them."""

import pytest
from django.test import override_settings

from accounts import services
from accounts.services import ensure_user
from flowback.sms.kinds import render
from tests.accounts.phone_support import Outbox
from tests.accounts.support import PASSWORD

pytestmark = pytest.mark.django_db

MOBILE = "13912345678"


@pytest.fixture
def sms(tmp_path):
    path = tmp_path / "sms.jsonl"
    with override_settings(SMS_BACKEND="file", SMS_FILE_PATH=str(path)):
        yield Outbox(path)


@pytest.fixture
def resident():
    user = ensure_user(email="resident@test.local", password=PASSWORD)
    services.set_login_phone(user=user, phone="+86" + MOBILE, verified=True)
    return user


def test_the_login_code_pages_say_the_configured_minutes_and_tries(client, sms, resident, settings):
    settings.ACCOUNT_LOGIN_BY_CODE_TIMEOUT = 600
    settings.ACCOUNT_LOGIN_BY_CODE_MAX_ATTEMPTS = 3
    asking = client.get("/accounts/login/code/").content.decode()
    assert "10 分钟内有效" in asking and "5 分钟" not in asking
    client.post("/accounts/login/code/", {"phone": MOBILE}, REMOTE_ADDR="198.51.100.7")
    page = client.get("/accounts/login/code/confirm/").content.decode()
    assert "10 分钟内有效，最多可以输错 3 次" in page


def test_the_phone_verification_page_says_its_own_minutes_and_tries(client, sms, settings):
    settings.ACCOUNT_PHONE_VERIFICATION_TIMEOUT = 900
    settings.ACCOUNT_PHONE_VERIFICATION_MAX_ATTEMPTS = 4
    client.post("/accounts/signup/", {"phone": MOBILE})
    page = client.get("/accounts/phone/verify/").content.decode()
    assert "15 分钟内有效，最多可以输错 4 次" in page


def test_the_code_text_carries_the_minutes_as_a_parameter(client, sms, resident, settings):
    # One text serves both flows, so it promises the shorter of the two lives.
    settings.ACCOUNT_LOGIN_BY_CODE_TIMEOUT = 600
    settings.ACCOUNT_PHONE_VERIFICATION_TIMEOUT = 720
    client.post("/accounts/login/code/", {"phone": MOBILE}, REMOTE_ADDR="198.51.100.7")
    (message,) = sms.to(MOBILE)
    assert message["params"]["minutes"] == "10" and "10 分钟内有效" in message["text"]


def test_the_gateway_template_text_takes_the_minutes():
    text = render("login_code", {"code": "123456", "minutes": "10"})
    assert "123456" in text and "10分钟内有效" in text
    text = render("owner_code", {"code": "123456", "minutes": "15"})
    assert "15分钟内有效" in text


@pytest.mark.parametrize(
    "limits, words",
    [
        ("1/120,5/3600", "没有收到？过 2 分钟后重新获取"),
        ("1/60,5/3600,10/86400", "没有收到？过 1 分钟后重新获取"),
        ("5/3600", "没有收到？重新获取"),
    ],
)
def test_the_resend_link_says_the_wait_of_the_per_number_limit(
    client, sms, resident, settings, limits, words
):
    settings.SMS_CODE_LIMITS_PER_PHONE = limits
    client.post("/accounts/login/code/", {"phone": MOBILE}, REMOTE_ADDR="198.51.100.7")
    page = client.get("/accounts/login/code/confirm/").content.decode()
    assert words in page
