"""The JSON API under /api/v1/: one NinjaAPI, routers from each app, one error shape.

Every error answers ``{"detail": ..., "errors": {field: [messages]}}``.
"""

from django.core.exceptions import PermissionDenied, RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, RawPostDataException
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Swagger
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

from appointments.api import router as appointments_router
from casework.api import router as casework_router
from core.errors import DomainError, error_response
from enterprises.api import router as enterprises_router
from guides.api import router as guides_router
from portal.handlers import status_message
from search.api import router as search_router

api = NinjaAPI(
    title="江苏省便民服务中心 API",
    version="1",
    urls_namespace="api-v1",
    docs_url="/docs",
    # Swagger UI from ninja's own static files (ninja is in INSTALLED_APPS);
    # no validator badge, which would call a public host.
    docs=Swagger(settings={"validatorUrl": None}),
)


@api.exception_handler(NinjaValidationError)
def on_invalid_request(request, exc):
    errors: dict[str, list[str]] = {}
    for error in exc.errors:
        # Ninja puts the location and the view's argument name ("payload",
        # "query") before the field; clients want the field.
        loc = [
            str(part)
            for part in error.get("loc", ())
            if part not in ("body", "query", "path", "form", "payload")
        ]
        field = ".".join(loc) or "__all__"
        errors.setdefault(field, []).append(_translate_pydantic(error))
    return error_response(422, _("请求参数有误，请检查后重试。"), errors)


def _translate_pydantic(error: dict) -> str:
    kind = error.get("type", "")
    if kind == "missing":
        return _("必须填写。")
    if kind.startswith(("int_", "float_")):
        return _("应为数字。")
    if kind.startswith(("date", "datetime")):
        return _("日期或时间格式不正确。")
    return _("格式不正确。")


@api.exception_handler(DjangoValidationError)
def on_domain_invalid(request, exc):
    errors = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
    return error_response(422, " ".join(exc.messages), errors)


@api.exception_handler(Http404)
def on_not_found(request, exc):
    message = str(exc) if exc.args else _("未找到。")
    return error_response(404, message)


@api.exception_handler(AuthenticationError)
def on_unauthenticated(request, exc):
    return error_response(401, _("请先登录。"))


@api.exception_handler(PermissionDenied)
def on_forbidden(request, exc):
    return error_response(403, str(exc) or _("没有权限。"))


@api.exception_handler(HttpError)
def on_http_error(request, exc):
    message = str(exc)
    # Ninja's own messages are English; clients get the contract's Chinese.
    if message.startswith("CSRF"):
        message = _("页面已过期或请求来源不明，请刷新页面后重试。")
    elif message.startswith("Cannot parse request body"):
        message = _("请求内容不是有效的 JSON。")
    return error_response(exc.status_code, message)


@api.exception_handler(DomainError)
def on_domain_error(request, exc):
    # Every domain error carries its status (appointments/exceptions.py,
    # casework/exceptions.py): one place turns it into the answer.
    return error_response(exc.status, exc.message, exc.errors)


@api.exception_handler(RawPostDataException)
def on_form_sent_to_json(request, exc):
    # A multipart or form body sent to an endpoint that reads JSON.
    return error_response(415, status_message(415))


@api.exception_handler(RequestDataTooBig)
def on_too_big(request, exc):
    return error_response(413, status_message(413))


api.add_router("/", guides_router)
api.add_router("/", appointments_router)
api.add_router("/", casework_router)
api.add_router("/", enterprises_router)
api.add_router("/", search_router)
