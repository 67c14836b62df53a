"""check --deploy refuses SMS backends that write messages to a log or a file, and half-set gateways."""

from flowback.sms.kinds import KINDS
from tests.test_production import deploy_check

READY = {
    "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
    "SITE_URL": "https://zwfw.example.cn",
}
TEMPLATES = ",".join(f"{kind}={1000 + n}" for n, kind in enumerate(KINDS))


def test_the_file_backend_is_refused_in_production():
    result = deploy_check(**READY, SMS_BACKEND="file")
    assert result.returncode != 0 and "SMS_BACKEND is file" in result.stderr


def test_a_cloud_gateway_needs_its_keys_signature_and_every_template_id():
    result = deploy_check(
        **READY,
        SMS_BACKEND="tencent",
        SMS_SECRET_ID="AKIDx",
        SMS_SECRET_KEY="k",
        SMS_SIGN_NAME="江苏便民服务",
        SMS_TEMPLATE_IDS="booking_confirmed=1001",
    )
    assert result.returncode != 0 and "portal.E004" in result.stderr
    assert "SMS_APP_ID" in result.stderr and "case_rejected" in result.stderr
    result = deploy_check(
        **READY,
        SMS_BACKEND="aliyun",
        SMS_SECRET_ID="LTAIx",
        SMS_SECRET_KEY="k",
        SMS_SIGN_NAME="江苏便民服务",
        SMS_TEMPLATE_IDS=TEMPLATES,
    )
    assert result.returncode == 0, result.stderr
