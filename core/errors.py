"""The base of every app's domain errors: a message for people and a status for the API."""

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
