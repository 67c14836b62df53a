"""The base of every app's domain errors: a message for people and a status for the API."""

from django.http import JsonResponse
from django.utils.translation import gettext_lazy as _


class DomainError(Exception):
    status = 400
    default_message = _("无法处理。")

    def __init__(self, message=None, *, field: str | None = None):
        self.message = str(message or self.default_message)
        self.field = field
        super().__init__(self.message)

    @property
    def errors(self) -> dict[str, list[str]]:
        return {self.field: [self.message]} if self.field else {}


def error_response(status: int, detail: str, errors: dict | None = None) -> JsonResponse:
    """The API's answer to any error: a message for people and the errors by field."""
    return JsonResponse(
        {"detail": detail, "errors": errors or {}},
        status=status,
        json_dumps_params={"ensure_ascii": False},
    )
