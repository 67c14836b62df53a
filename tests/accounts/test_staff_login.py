"""Staff logins: the TOTP code on every path, enrolment first, short sessions."""

import datetime as dt

import pytest
import time_machine
from django.utils import timezone

from tests.accounts.factories import EditorFactory
from tests.accounts.support import PASSWORD, make_clerk, post_login, totp

pytestmark = pytest.mark.django_db


def test_admin_login_with_the_password_alone_does_not_open_the_counter(client):
    # The attack: an enrolled clerk's password, typed at the documented staff login.
    make_clerk()
    response = post_login(client, "clerk@test.local", PASSWORD)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/2fa/authenticate/")
    counter = client.get("/counter/")
    assert counter.status_code == 302 and "/login/" in counter["Location"]

    # With the code, the clerk gets in and lands where they were going.
    response = client.post("/accounts/2fa/authenticate/", {"code": totp()})
    assert response.status_code == 302 and response["Location"] == "/counter/"
    assert client.get("/counter/").status_code == 200


def test_a_session_that_skipped_the_code_is_ended(client):
    clerk = make_clerk()
    client.force_login(clerk)  # any path that checks only the password
    response = client.get("/counter/")
    assert response.status_code == 302 and "/login/" in response["Location"]
    assert "_auth_user_id" not in client.session


def test_wrong_codes_are_throttled(client):
    make_clerk()
    post_login(client, "clerk@test.local", PASSWORD)
    wrong = "000000" if totp() != "000000" else "111111"
    for _ in range(5):
        client.post("/accounts/2fa/authenticate/", {"code": wrong})
    response = client.post("/accounts/2fa/authenticate/", {"code": totp()})
    assert "_auth_user_id" not in client.session, response.status_code


@pytest.mark.parametrize("path", ["/counter/", "/admin/", "/dashboard/"])
def test_staff_without_an_authenticator_must_enrol_first(client, settings, path):
    settings.STAFF_MFA_REQUIRED = True
    make_clerk(enrolled=False)
    response = post_login(client, "clerk@test.local", PASSWORD, url="/admin/login/")
    assert response.status_code == 302  # the password is enough to reach enrolment
    response = client.get(path)
    assert response.status_code == 302 and response["Location"] == "/accounts/2fa/totp/activate/"
    _reach_enrolment(client)


def _reach_enrolment(client):
    """allauth asks for the password again before an authenticator is added."""
    response = client.get("/accounts/2fa/totp/activate/")
    if response.status_code == 302 and "/reauthenticate/" in response["Location"]:
        client.post(response["Location"], {"password": PASSWORD})
        response = client.get("/accounts/2fa/totp/activate/")
    assert response.status_code == 200
    return response


def test_editors_must_enrol_too(client, settings):
    settings.STAFF_MFA_REQUIRED = True
    editor = EditorFactory(email="ed@test.local", password=PASSWORD)
    client.force_login(editor)
    response = client.get("/admin/")
    assert response.status_code == 302 and response["Location"] == "/accounts/2fa/totp/activate/"


def test_after_enrolment_the_code_opens_staff_pages(
    client, settings, django_capture_on_commit_callbacks
):
    settings.STAFF_MFA_REQUIRED = True
    make_clerk(enrolled=False)
    post_login(client, "clerk@test.local", PASSWORD, url="/admin/login/")
    secret = _reach_enrolment(client).context["form"].secret
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/accounts/2fa/totp/activate/", {"code": totp(secret)})
    assert response.status_code == 302, response.context["form"].errors
    client.logout()
    post_login(client, "clerk@test.local", PASSWORD)
    assert client.get("/counter/").status_code == 302
    client.post("/accounts/2fa/authenticate/", {"code": totp(secret)})
    assert client.get("/counter/").status_code == 200


def _logged_in_clerk(client):
    make_clerk()
    post_login(client, "clerk@test.local", PASSWORD)
    client.post("/accounts/2fa/authenticate/", {"code": totp()})
    assert client.get("/counter/").status_code == 200


def test_staff_session_ends_after_31_idle_minutes(client):
    start = timezone.now()
    with time_machine.travel(start, tick=False) as traveller:
        _logged_in_clerk(client)
        traveller.shift(dt.timedelta(minutes=29))
        assert client.get("/counter/").status_code == 200  # activity keeps it alive
        traveller.shift(dt.timedelta(minutes=31))
        response = client.get("/counter/")
        assert response.status_code == 302 and "/login/" in response["Location"]
        assert "_auth_user_id" not in client.session


def test_staff_session_ends_after_12_hours_however_busy(client):
    start = timezone.now()
    with time_machine.travel(start, tick=False) as traveller:
        _logged_in_clerk(client)
        elapsed = dt.timedelta(0)
        while client.get("/counter/").status_code == 200 and elapsed < dt.timedelta(hours=13):
            traveller.shift(dt.timedelta(minutes=20))
            elapsed += dt.timedelta(minutes=20)
        assert elapsed == dt.timedelta(hours=12, minutes=20)
        assert "_auth_user_id" not in client.session


def test_staff_session_cookie_expires_with_the_idle_limit(client):
    _logged_in_clerk(client)
    assert client.session.get_expiry_age() <= 30 * 60


def test_a_resident_at_the_admin_sees_the_login_not_a_redirect_loop(client):
    from accounts.services import ensure_user

    client.force_login(ensure_user(email="resident@test.local", password=PASSWORD))
    response = client.get("/admin/", follow=True)
    assert response.status_code == 200
    assert len(response.redirect_chain) == 1 and 'name="login"' in response.content.decode()
