"""Tencent Cloud and Alibaba Cloud SMS through their SDKs, against a local stand-in for each API.

Refusals fail the message at once; throttling and timeouts are retried with
backoff until the attempts run out. The log keeps a masked number and never
a code; neither reaches the application's log.
"""

import datetime as dt
import json
import logging

import pytest
from django.test import override_settings
from django.utils import timezone

from flowback.sms import send_sms
from flowback.sms.models import SmsMessage, SmsStatus
from flowback.sms.outbox import deliver
from tests.flowback.sms_gateway_fake import fake_gateway

pytestmark = pytest.mark.django_db

PHONE = "13951230001"
PARAMS = {"centre": "玄武区便民服务中心", "time": "11-24 09:00-10:00", "reference": "XW2611240001"}
TEMPLATE_IDS = {"booking_confirmed": "100001", "login_code": "100009"}


@pytest.fixture(params=["tencent", "aliyun"])
def gateway(request):
    with (
        fake_gateway(request.param) as fake,
        override_settings(
            SMS_BACKEND=request.param,
            SMS_ENDPOINT=fake.url,
            SMS_SECRET_ID="AKIDtest",
            SMS_SECRET_KEY="secret",
            SMS_APP_ID="1400000001",
            SMS_SIGN_NAME="江苏便民服务",
            SMS_TEMPLATE_IDS=TEMPLATE_IDS,
            SMS_TIMEOUT_SECONDS=1,
            SMS_MAX_ATTEMPTS=3,
            SMS_RETRY_BASE_SECONDS=30,
        ),
    ):
        yield fake


@pytest.fixture
def queue(django_capture_on_commit_callbacks):
    """Queue a text and let the (synchronous) worker take it, as after a commit."""

    def run(phone=PHONE, template="booking_confirmed", params=PARAMS):
        with django_capture_on_commit_callbacks(execute=True):
            send_sms(phone, template=template, params=params)
        return SmsMessage.objects.latest("pk")

    return run


def sent_params(gateway, request):
    """The phone, template id, signature and parameters as the provider received them."""
    p = request["params"]
    if gateway.provider == "tencent":
        return p["PhoneNumberSet"], p["TemplateId"], p["SignName"], p["TemplateParamSet"]
    return [p["PhoneNumbers"]], p["TemplateCode"], p["SignName"], json.loads(p["TemplateParam"])


def test_the_approved_template_goes_with_its_signature_and_parameters(gateway, queue):
    message = queue()
    assert message.status == SmsStatus.SENT and message.attempts == 1
    assert message.provider_id and message.sent_at
    assert message.phone_masked == "139****0001" and message.payload_encrypted == ""
    [request] = gateway.requests
    assert request["action"] == "SendSms"
    phones, template_id, sign, params = sent_params(gateway, request)
    assert template_id == "100001" and sign == "江苏便民服务"
    if gateway.provider == "tencent":
        assert phones == ["+86" + PHONE]
        assert request["params"]["SmsSdkAppId"] == "1400000001"
        assert params == [PARAMS["centre"], PARAMS["time"], PARAMS["reference"]]  # {1} {2} {3}
    else:
        assert phones == [PHONE]
        assert params == PARAMS


def test_throttling_is_retried_after_backoff(gateway, queue):
    gateway.script = ["throttle"]
    message = queue()
    assert message.status == SmsStatus.QUEUED and message.attempts == 1
    assert "LIMIT" in message.last_error.upper()
    assert message.next_attempt_at > timezone.now() + dt.timedelta(seconds=25)
    # Not yet due: the sweep or a second task leaves it alone.
    assert deliver(message.pk) == SmsStatus.QUEUED
    assert len(gateway.requests) == 1
    assert deliver(message.pk, now=timezone.now() + dt.timedelta(seconds=31)) == SmsStatus.SENT
    message.refresh_from_db()
    assert message.attempts == 2 and message.provider_id and message.payload_encrypted == ""
    assert len(gateway.requests) == 2


def test_a_refused_message_fails_at_once_and_is_not_retried(gateway, queue):
    gateway.script = ["refuse"]
    message = queue()
    assert message.status == SmsStatus.FAILED and message.attempts == 1
    assert message.last_error and message.payload_encrypted == ""
    assert deliver(message.pk, now=timezone.now() + dt.timedelta(hours=1)) == SmsStatus.FAILED
    assert len(gateway.requests) == 1


def test_a_gateway_that_does_not_answer_is_retried_with_growing_waits_then_failed(gateway, queue):
    gateway.script = ["hang"] * 3
    message = queue()
    assert message.status == SmsStatus.QUEUED
    first_wait = message.next_attempt_at - timezone.now()
    later = timezone.now() + dt.timedelta(minutes=1)
    assert deliver(message.pk, now=later) == SmsStatus.QUEUED
    message.refresh_from_db()
    assert message.next_attempt_at - later > first_wait + dt.timedelta(seconds=20)  # 60 s > 30 s
    assert deliver(message.pk, now=later + dt.timedelta(minutes=2)) == SmsStatus.FAILED
    message.refresh_from_db()
    assert message.attempts == 3 and message.payload_encrypted == ""
    assert "Network" in message.last_error or "timed out" in message.last_error
    assert len(gateway.requests) == 3


def test_a_kind_without_an_approved_template_id_is_failed_without_a_request(gateway, queue):
    message = queue(template="case_rejected", params={"centre": "c", "case": "1", "reason": "r"})
    assert message.status == SmsStatus.FAILED and "NoTemplate" in message.last_error
    assert gateway.requests == []


def test_a_login_code_reaches_the_phone_but_neither_the_log_nor_the_database(gateway, caplog):
    caplog.set_level(logging.DEBUG)
    gateway.script = ["throttle"]  # the error path logs too
    send_sms(PHONE, template="login_code", params={"code": "402913", "minutes": 5})
    message = SmsMessage.objects.get()
    deliver(message.pk, now=timezone.now() + dt.timedelta(minutes=1))
    message.refresh_from_db()
    assert message.status == SmsStatus.SENT
    _, template_id, _, params = sent_params(gateway, gateway.requests[-1])
    assert template_id == "100009" and "402913" in json.dumps(params)
    # The code's life is a parameter of the approved template on either gateway.
    tencent = gateway.provider == "tencent"
    assert params == (["402913", "5"] if tencent else {"code": "402913", "minutes": "5"})
    stored = json.dumps(list(SmsMessage.objects.values()), default=str, ensure_ascii=False)
    assert "402913" not in stored and PHONE not in stored
    assert message.params == {"code": "******", "minutes": "5"} and "******" in message.text
    assert caplog.records  # the throttled try was logged
    assert "402913" not in caplog.text and PHONE not in caplog.text


def test_alibaba_cloud_server_errors_are_retried():
    with (
        fake_gateway("aliyun") as fake,
        override_settings(
            SMS_BACKEND="aliyun",
            SMS_ENDPOINT=fake.url,
            SMS_SECRET_ID="LTAItest",
            SMS_SECRET_KEY="secret",
            SMS_SIGN_NAME="江苏便民服务",
            SMS_TEMPLATE_IDS=TEMPLATE_IDS,
        ),
    ):
        fake.script = ["server_error"]
        send_sms(PHONE, template="login_code", params={"code": "111222", "minutes": 5})
        message = SmsMessage.objects.get()
        assert message.status == SmsStatus.QUEUED and "ServiceUnavailable" in message.last_error
