"""Tencent Cloud SMS (API 2021-01-11) through ``tencentcloud-sdk-python-sms``.

Settings: ``SMS_SECRET_ID``/``SMS_SECRET_KEY`` (an API key pair),
``SMS_APP_ID`` (the SmsSdkAppId), ``SMS_SIGN_NAME``, ``SMS_TEMPLATE_IDS``,
``SMS_REGION`` (default ap-guangzhou), ``SMS_ENDPOINT`` (default
sms.tencentcloudapi.com), ``SMS_TIMEOUT_SECONDS``.
"""

from __future__ import annotations

from tencentcloud.common import credential
from tencentcloud.common.exception.tencent_cloud_sdk_exception import TencentCloudSDKException
from tencentcloud.common.profile.client_profile import ClientProfile
from tencentcloud.common.profile.http_profile import HttpProfile
from tencentcloud.sms.v20210111 import models, sms_client

from flowback.sms.backends import TextMessage
from flowback.sms.errors import SmsError, SmsRefused, SmsRetryable
from flowback.sms.gateway import gateway_config, mainland
from flowback.sms.kinds import ordered

# Worth another try later: throttling, and faults on the way or at Tencent.
RETRYABLE = (
    "LimitExceeded.PhoneNumberThirtySecondLimit",
    "LimitExceeded.PhoneNumberOneHourLimit",
    "LimitExceeded.PhoneNumberSameContentDailyLimit",
    "RequestLimitExceeded",
    "InternalError",
    "ClientNetworkError",
    "ServerNetworkError",
    "FailedOperation.TemplateParamSetNotMatchApprovedTemplate_ServerBusy",
)


def classify(code: str, message: str) -> SmsError:
    retryable = code in RETRYABLE or code.startswith(("InternalError", "RequestLimitExceeded"))
    # The SDK's network errors carry the URL and, for a 5xx, the body: keep the code and a little.
    return (SmsRetryable if retryable else SmsRefused)(str(message)[:200], code=code)


class TencentBackend:
    def __init__(self):
        self.config = gateway_config(
            default_host="sms.tencentcloudapi.com", default_region="ap-guangzhou"
        )
        http = HttpProfile(
            protocol=self.config.scheme, endpoint=self.config.host, reqTimeout=self.config.timeout
        )
        self.client = sms_client.SmsClient(
            credential.Credential(self.config.secret_id, self.config.secret_key),
            self.config.region,
            ClientProfile(httpProfile=http),
        )

    def send(self, message: TextMessage) -> str:
        request = models.SendSmsRequest()
        request.PhoneNumberSet = ["+86" + mainland(message.phone)]
        request.SmsSdkAppId = self.config.app_id
        request.SignName = self.config.sign_name
        request.TemplateId = self.config.template_id(message.template)
        request.TemplateParamSet = ordered(message.template, message.params)
        try:
            response = self.client.SendSms(request)
        except TencentCloudSDKException as error:
            raise classify(error.get_code() or "", error.get_message() or "") from None
        statuses = response.SendStatusSet or []
        if not statuses:
            raise SmsRetryable("no send status in the answer", code="EmptyAnswer")
        status = statuses[0]
        if status.Code != "Ok":
            raise classify(status.Code or "", status.Message or "")
        return status.SerialNo or ""
