"""The reusable captcha: needs_captcha(request, scope) and its field, for any form."""

import pytest
from captcha.models import CaptchaStore
from django import forms
from django.test import RequestFactory

from core.addresses import client_ip
from core.captcha import captcha_field, needs_captcha, note_attempt

pytestmark = pytest.mark.django_db


def request_from(address, forwarded=""):
    meta = {"REMOTE_ADDR": address}
    if forwarded:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().post("/book/", **meta)


def test_a_scope_asks_for_a_captcha_after_its_threshold_per_address(settings):
    settings.CAPTCHA_AFTER = {**settings.CAPTCHA_AFTER, "booking": "3/60"}
    busy, other = request_from("198.51.100.7"), request_from("203.0.113.20")
    for _ in range(3):
        assert not needs_captcha(busy, "booking")
        note_attempt(busy, "booking")
    assert needs_captcha(busy, "booking")
    assert not needs_captcha(other, "booking")
    assert not needs_captcha(busy, "unconfigured-scope")


def test_the_field_accepts_only_the_answer_in_the_picture():
    class BookingForm(forms.Form):
        captcha = captcha_field()

    html = BookingForm().as_p()
    store = CaptchaStore.objects.latest("pk")
    assert store.hashkey in html and "/captcha/image/" in html
    wrong = BookingForm({"captcha_0": store.hashkey, "captcha_1": "WRONG"})
    assert not wrong.is_valid() and "验证码不正确" in str(wrong.errors)
    # The same challenge cannot be replayed after a failure; a fresh one passes.
    BookingForm().as_p()
    fresh = CaptchaStore.objects.latest("pk")
    right = BookingForm({"captcha_0": fresh.hashkey, "captcha_1": fresh.response})
    assert right.is_valid()


@pytest.mark.parametrize(
    ("proxies", "remote", "forwarded", "expected"),
    [
        (0, "198.51.100.7", "1.2.3.4", "198.51.100.7"),  # no proxy: the header is the client's word
        (1, "10.0.0.1", "1.2.3.4, 198.51.100.7", "198.51.100.7"),  # forged entry ignored
        (2, "10.0.0.1", "1.2.3.4, 198.51.100.7, 10.0.0.2", "198.51.100.7"),
        (1, "10.0.0.1", "", "10.0.0.1"),  # did not come through the proxy
        (0, "2001:db8:1:2:3:4:5:6", "", "2001:db8:1:2::"),  # an IPv6 subscriber's /64
    ],
)
def test_client_address_comes_from_the_trusted_proxies(
    settings, proxies, remote, forwarded, expected
):
    settings.TRUSTED_PROXY_COUNT = proxies
    assert client_ip(request_from(remote, forwarded)) == expected
