"""Alibaba Cloud SMS (Dysmsapi 2017-05-25) through ``alibabacloud-dysmsapi20170525``.

Settings: ``SMS_SECRET_ID``/``SMS_SECRET_KEY`` (AccessKey id and secret),
``SMS_SIGN_NAME``, ``SMS_TEMPLATE_IDS`` (the SMS_… template codes),
``SMS_REGION`` (default cn-hangzhou), ``SMS_ENDPOINT`` (default
dysmsapi.aliyuncs.com), ``SMS_TIMEOUT_SECONDS``. ``SMS_APP_ID`` is unused.
"""

from __future__ import annotations

import json

from alibabacloud_dysmsapi20170525 import models
from alibabacloud_dysmsapi20170525.client import Client
from alibabacloud_tea_openapi.exceptions import AlibabaCloudException
from alibabacloud_tea_openapi.utils_models import Config

from flowback.sms.backends import TextMessage
from flowback.sms.errors import SmsError, SmsRefused, SmsRetryable
from flowback.sms.gateway import gateway_config, mainland

# Worth another try later: flow control, and faults at Alibaba Cloud.
RETRYABLE_PREFIXES = (
    "isv.BUSINESS_LIMIT_CONTROL",
    "Throttling",
    "isp.SYSTEM_ERROR",
    "InternalError",
    "ServiceUnavailable",
)


def classify(code: str, message: str, status: int | None = None) -> SmsError:
    retryable = code.startswith(RETRYABLE_PREFIXES) or (status or 0) >= 500
    return (SmsRetryable if retryable else SmsRefused)(str(message)[:200], code=code)


class AliyunBackend:
    def __init__(self):
        self.config = gateway_config(
            default_host="dysmsapi.aliyuncs.com", default_region="cn-hangzhou"
        )
        milliseconds = self.config.timeout * 1000
        self.client = Client(
            Config(
                access_key_id=self.config.secret_id,
                access_key_secret=self.config.secret_key,
                region_id=self.config.region,
                endpoint=self.config.host,
                protocol=self.config.scheme.upper(),
                read_timeout=milliseconds,
                connect_timeout=milliseconds,
            )
        )

    def send(self, message: TextMessage) -> str:
        request = models.SendSmsRequest(
            phone_numbers=mainland(message.phone),
            sign_name=self.config.sign_name,
            template_code=self.config.template_id(message.template),
            template_param=json.dumps(message.params, ensure_ascii=False),
        )
        try:
            response = self.client.send_sms(request)
        except AlibabaCloudException as error:
            raise classify(error.code or "", error.message or "", error.status_code) from None
        except Exception as error:
            # Timeouts and refused connections come from the HTTP layer beneath the SDK.
            raise SmsRetryable(type(error).__name__, code="NetworkError") from None
        body = response.body
        if (body.code or "") != "OK":
            raise classify(body.code or "", body.message or "")
        return body.biz_id or ""
