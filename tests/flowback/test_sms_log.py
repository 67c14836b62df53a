"""Administrators read the text message log in the Wagtail admin: masked numbers, no codes."""

import pytest
from django.test import override_settings

from flowback.sms import send_sms
from flowback.sms.models import SmsMessage, SmsStatus

pytestmark = pytest.mark.django_db


class RefusingBackend:
    def send(self, message):
        from flowback.sms import SmsRefused

        raise SmsRefused("号码停机", code="isv.MOBILE_NUMBER_ILLEGAL")


@override_settings(SMS_BACKEND="tests.flowback.test_sms_log.RefusingBackend")
def test_the_failed_messages_are_a_filter_away_and_show_no_number_or_code(
    client, django_user_model, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        send_sms("13951235678", template="login_code", params={"code": "731946", "minutes": 5})
    with override_settings(SMS_BACKEND="console"):
        send_sms("13861234321", template="owner_code", params={"code": "554433", "minutes": 5})
    assert set(SmsMessage.objects.values_list("status", flat=True)) == {
        SmsStatus.FAILED,
        SmsStatus.SENT,
    }
    admin = django_user_model.objects.create_superuser("smsadmin", "a@test.local", "pw")
    client.force_login(admin)
    page = client.get("/admin/flowback/sms/").content.decode()
    assert "139****5678" in page and "138****4321" in page
    failed = client.get("/admin/flowback/sms/", {"status": "failed"}).content.decode()
    assert "139****5678" in failed and "138****4321" not in failed
    assert "isv.MOBILE_NUMBER_ILLEGAL" in failed
    for secret in ("13951235678", "731946", "13861234321", "554433"):
        assert secret not in page and secret not in failed


def test_only_those_allowed_read_the_log(client, django_user_model):
    from django.contrib.auth.models import Permission

    clerk = django_user_model.objects.create_user(username="smsclerk", password="pw", is_staff=True)
    clerk.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(clerk)
    assert client.get("/admin/").status_code == 200  # in the admin, but not in the log
    assert client.get("/admin/flowback/sms/").status_code in (302, 403)
