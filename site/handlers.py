"""Error answers for the whole site: JSON under /api/, a short Chinese page elsewhere.

Django calls these for what escapes the views (``handler400``, ``handler500``,
``CSRF_FAILURE_VIEW``); ``portal.middleware`` uses them for input refused
before any view runs. None of them touches the database, so they still answer
while it is down.
"""

from __future__ import annotations

import sys

from django.core.exceptions import BadRequest, RequestDataTooBig
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

API_PREFIX = "/api/"
RETRY_AFTER_SECONDS = 30


def is_api(request) -> bool:
    return request.path.startswith(API_PREFIX)


def status_message(status: int) -> str:
    messages = {
        400: _("请求有误，请检查后重试。"),
        401: _("请先登录。"),
        403: _("没有权限。"),
        404: _("没有这个接口。"),
        405: _("这个接口不支持该请求方法。"),
        413: _("提交的内容太大。"),
        415: _("不支持这种提交格式，请以 JSON 提交。"),
        429: _("请求过于频繁，请稍后再试。"),
        503: _("服务暂不可用，请稍后再试。"),
    }
    return messages.get(status, _("服务器出错了，请稍后再试。"))


def json_error(status: int, detail: str, errors: dict | None = None) -> JsonResponse:
    return JsonResponse(
        {"detail": detail, "errors": errors or {}},
        status=status,
        json_dumps_params={"ensure_ascii": False},
    )


def error_answer(request, status: int, detail: str | None = None) -> HttpResponse:
    """The error for this request: JSON under /api/, otherwise a small page that needs no database."""
    detail = detail or status_message(status)
    if is_api(request):
        response = json_error(status, detail)
    else:
        html = render_to_string("error.html", {"status": status, "detail": detail})
        response = HttpResponse(html, status=status, content_type="text/html; charset=utf-8")
    if status == 503:
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def bad_request(request, exception=None):
    if isinstance(exception, RequestDataTooBig):
        return error_answer(request, 413)
    if isinstance(exception, BadRequest) and exception.args:
        # Raised by our own code with a message for people (portal.params).
        return error_answer(request, 400, str(exception))
    return error_answer(request, 400)


def csrf_failure(request, reason=""):
    return error_answer(request, 403, _("页面已过期或请求来源不明，请刷新页面后重试。"))


def server_error(request):
    # Django calls this inside its ``except`` block: the exception is at hand.
    exc = sys.exc_info()[1]
    if isinstance(exc, OperationalError | InterfaceError):
        # The database is down or unreachable: say so, and when to try again.
        return error_answer(request, 503)
    if is_api(request):
        return json_error(500, status_message(500))
    return HttpResponse(
        render_to_string("500.html"), status=500, content_type="text/html; charset=utf-8"
    )
