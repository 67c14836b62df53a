"""Refuse hostile input before any view sees it, and keep every /api/ answer JSON.

A NUL byte cannot be stored in PostgreSQL text: a view that filters or saves
one fails with a 500 deep inside the database adapter. It never belongs in a
path, a query or a form, so it is refused here once, for every page and
endpoint. Bodies larger than the site accepts are refused from their
``Content-Length`` before anything reads them.
"""

from __future__ import annotations

from csp.constants import SELF, UNSAFE_INLINE
from csp.middleware import CSPMiddleware
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect, JsonResponse, UnreadablePostError
from django.http.multipartparser import MultiPartParserError
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from portal.handlers import error_answer, is_api, json_error, status_message

NUL = "\x00"
FORM_TYPES = ("multipart/form-data", "application/x-www-form-urlencoded")
BODY_METHODS = ("POST", "PUT", "PATCH", "DELETE")


def _has_nul(querydict) -> bool:
    return any(NUL in key or any(NUL in v for v in values) for key, values in querydict.lists())


def _content_length(request) -> int:
    try:
        return max(int(request.META.get("CONTENT_LENGTH") or 0), 0)
    except ValueError:
        return 0


class HostileInputMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        refusal = self.refuse(request)
        if refusal is not None:
            return refusal
        response = self.get_response(request)
        if is_api(request) and response.status_code >= 400:
            response = self.as_json(response)
        return response

    def refuse(self, request):
        nul = _("请求中含有不允许的字符（NUL），请检查后重试。")
        headers = (v for k, v in request.META.items() if k.startswith("HTTP_"))
        if NUL in request.path or _has_nul(request.GET) or any(NUL in v for v in headers):
            return error_answer(request, 400, nul)
        if request.method not in BODY_METHODS:
            return None
        length = _content_length(request)
        content_type = request.content_type or ""
        if length > settings.REQUEST_MAX_BYTES:
            return error_answer(request, 413)
        try:
            if content_type in FORM_TYPES:
                # The Wagtail admin sets its own upload handlers in some views,
                # which it can only do before the form is read.
                if request.path.startswith("/admin/") and content_type == "multipart/form-data":
                    return None
                return error_answer(request, 400, nul) if _has_nul(request.POST) else None
            if length > settings.DATA_UPLOAD_MAX_MEMORY_SIZE:
                return error_answer(request, 413)
            body = request.body
        except (MultiPartParserError, UnreadablePostError):
            return error_answer(request, 400)
        if b"\x00" in body or b"\\u0000" in body.lower():
            return error_answer(request, 400, nul)
        return None

    def as_json(self, response):
        """Errors that came from outside the API's own handlers (405, 413, Django's 400...)."""
        if response.get("Content-Type", "").startswith("application/json"):
            return response
        answer = json_error(response.status_code, status_message(response.status_code))
        for header in ("Allow", "Retry-After"):
            if response.has_header(header):
                answer[header] = response[header]
        return answer

    def process_exception(self, request, exception):
        """A model's own refusal in the Wagtail admin (``MatterPage.publish``) is a message.

        Wagtail runs a workflow action in one transaction, so nothing of the
        refused approval was saved; the reviewer is sent back with the reason.
        """
        if not (request.path.startswith("/admin/") and isinstance(exception, ValidationError)):
            return None
        messages.error(request, " ".join(exception.messages))
        target = request.headers.get("Referer", "")
        if not url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
            target = reverse("wagtailadmin_home")
        if request.headers.get("X-Requested-With") == "XMLHttpRequest":
            # The answer the admin's modal workflow expects: go to this page.
            return JsonResponse({"step": "success", "redirect": target})
        return HttpResponseRedirect(target)


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's policy from settings; the Wagtail admin's own pages may run inline script.

    The site's pages carry no inline script. Wagtail's admin still writes a few,
    so only under /admin/ is ``'unsafe-inline'`` added; no page loads anything
    from another host.
    """

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if request.path_info.startswith("/admin/") and parts.update is None:
            parts.update = {"script-src": [SELF, UNSAFE_INLINE]}
        return parts
