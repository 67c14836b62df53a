"""Staff and editorial sessions: a second factor, and short lives.

- With ``STAFF_MFA_REQUIRED``, a staff account without an authenticator is
  sent to enrol TOTP before any other page.
- A staff account that has an authenticator must have used it in this
  session: a session opened by any path that skipped the code (an old
  session, a login view that only checks the password) is ended.
- A staff session ends after ``STAFF_SESSION_IDLE_SECONDS`` without a request
  and ``STAFF_SESSION_MAX_SECONDS`` after login.
"""

from __future__ import annotations

import time
from urllib.parse import urlencode

from allauth.account.authentication import get_authentication_records
from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.staff import SESSION_MFA_KEY, SESSION_SEEN_KEY, SESSION_STARTED_KEY, is_staff_account

# The last-seen time is written at most this often, not on every request.
SEEN_RESOLUTION_SECONDS = 30
# Pages a staff member must reach to log in, enrol or leave.
OPEN_PREFIXES = ("/accounts/", "/captcha/", "/static/", "/language/", "/admin/logout/")


def _refuse(request, message: str, to: str):
    """A redirect for pages; for the API, the contract's JSON error."""
    if request.path.startswith("/api/"):
        return JsonResponse(
            {"detail": message, "errors": {}},
            status=401,
            json_dumps_params={"ensure_ascii": False},
        )
    messages.info(request, message)
    return redirect(to)


def _login_redirect(request, message: str):
    query = urlencode({"next": request.get_full_path()})
    return _refuse(request, message, f"{reverse('account_login')}?{query}")


def session_used_second_factor(request) -> bool:
    if request.session.get(SESSION_MFA_KEY):
        return True
    records = get_authentication_records(request, request.user)
    return any(record.get("method") == "mfa" for record in records)


class StaffSessionMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and is_staff_account(user):
            response = self.check(request)
            if response is not None:
                return response
        return self.get_response(request)

    def check(self, request):
        session = request.session
        now = time.time()
        started = session.get(SESSION_STARTED_KEY)
        seen = session.get(SESSION_SEEN_KEY)
        if started is None:
            started = session[SESSION_STARTED_KEY] = now
        idle = seen is not None and now - seen > settings.STAFF_SESSION_IDLE_SECONDS
        if idle or now - started > settings.STAFF_SESSION_MAX_SECONDS:
            logout(request)
            return _login_redirect(
                request, _("为保护群众信息，工作人员长时间未操作或登录超过时限，请重新登录。")
            )
        if seen is None or now - seen >= SEEN_RESOLUTION_SECONDS:
            session[SESSION_SEEN_KEY] = now
            # The cookie dies with the idle limit too, so a closed laptop forgets it.
            session.set_expiry(settings.STAFF_SESSION_IDLE_SECONDS)

        if request.path.startswith(OPEN_PREFIXES):
            return None
        user = request.user
        if is_mfa_enabled(user):
            if not session_used_second_factor(request):
                logout(request)
                return _login_redirect(request, _("请输入身份验证器上的动态验证码登录。"))
        elif settings.STAFF_MFA_REQUIRED:
            return _refuse(
                request,
                _("工作人员账号须先绑定身份验证器（TOTP），才能使用工作台、后台和数据看板。"),
                reverse("mfa_activate_totp"),
            )
        return None
