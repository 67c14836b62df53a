"""Errors at the counter, each with the status code the contract gives it."""

from django.utils.translation import gettext_lazy as _

from core.errors import DomainError


class CounterError(DomainError):
    status = 400
    default_message = _("无法处理。")


class Unreadable(CounterError):
    status = 400
    default_message = _("无法识别这个码，请重新扫描，或手工输入预约号。")


class NotFound(CounterError):
    status = 404
    default_message = _("没有这个预约号，请核对后重新输入。")


class OtherCentre(CounterError):
    status = 403
    default_message = _("这是其他便民服务中心的预约，本中心不能受理。")


class AlreadyDone(CounterError):
    status = 409


class Gone(CounterError):
    status = 410


class InvalidIntake(CounterError):
    status = 422


class NotCheckedIn(CounterError):
    status = 403
    default_message = _("只能在申请人当天到本中心签到后查看完整身份证号。")


class MissingMaterials(CounterError):
    """Completing a case while a required material is still missing, without a reason."""

    status = 409


class InvalidFields(InvalidIntake):
    """Several fields wrong at once (a walk-in's registration): each with its message."""

    def __init__(self, errors: dict[str, list[str]], message=None):
        super().__init__(message or _("请检查标出的项目。"))
        self.field_errors = errors

    @property
    def errors(self) -> dict[str, list[str]]:
        return self.field_errors
