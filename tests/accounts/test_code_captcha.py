"""Code sending asks for a captcha after volume: at login and on /appointments/by-id/ alike."""

import datetime as dt

import pytest
import time_machine
from django.test import override_settings

from tests.accounts.phone_support import Outbox, captcha_answer
from tests.appointments.factories import id_number

pytestmark = pytest.mark.django_db

ADDRESS = "198.51.100.7"
START = dt.datetime(2026, 12, 1, 1, 0, tzinfo=dt.UTC)


@pytest.fixture
def sms(tmp_path):
    path = tmp_path / "sms.jsonl"
    with override_settings(SMS_BACKEND="file", SMS_FILE_PATH=str(path)):
        yield Outbox(path)


def send_by_id(client, address=ADDRESS, **extra):
    return client.post(
        "/appointments/by-id/",
        {"action": "send", "id_number": id_number(), **extra},
        REMOTE_ADDR=address,
    )


def test_by_id_codes_ask_for_a_captcha_after_three_from_one_address(client, sms):
    with time_machine.travel(START, tick=False):
        for _ in range(3):
            response = send_by_id(client)
            assert response.status_code == 200 and response.context["token"]
        page = client.get("/appointments/by-id/", REMOTE_ADDR=ADDRESS).content.decode()
        assert 'name="captcha_1"' in page and "/captcha/image/" in page

        refused = send_by_id(client)
        assert refused.status_code == 422 and not refused.context["token"]
        assert "请输入图片中的字符" in refused.content.decode()

        accepted = send_by_id(client, **captcha_answer(page))
        assert accepted.status_code == 200 and accepted.context["token"]

        elsewhere = client.get("/appointments/by-id/", REMOTE_ADDR="203.0.113.20")
        assert 'name="captcha_1"' not in elsewhere.content.decode()


def test_login_codes_and_by_id_codes_count_together(client, sms):
    with time_machine.travel(START, tick=False):
        for n in range(2):
            client.post("/accounts/login/code/", {"phone": f"1391234{n:04d}"}, REMOTE_ADDR=ADDRESS)
        send_by_id(client)
        assert send_by_id(client).status_code == 422
        page = client.get("/accounts/login/code/", REMOTE_ADDR=ADDRESS).content.decode()
        assert 'name="captcha_1"' in page
