"""Domain errors of booking; views and the API turn them into messages and status codes."""

from django.utils.translation import gettext_lazy as _

from core.errors import DomainError


class BookingError(DomainError):
    status = 400
    default_message = _("无法完成预约。")


class InvalidBooking(BookingError):
    status = 422
    default_message = _("预约信息有误。")


class SlotFull(BookingError):
    status = 409
    default_message = _("这个时段已约满，请选择其他时间。")


class DuplicateBooking(BookingError):
    status = 409
    default_message = _("该申请人已预约过这个事项，不能重复预约。")


class TooManyBookings(BookingError):
    status = 409
    default_message = _("每人最多同时保留 3 个预约，请先办完或取消已有预约。")


class Suspended(BookingError):
    status = 403


class NotCancellable(BookingError):
    status = 409
    default_message = _("已超过可取消（改约）的时间。")


class TooFast(BookingError):
    """Past a request limit; ``retry_after`` says in how many seconds to try again."""

    status = 429
    default_message = _("操作太频繁，请稍后再试。")

    def __init__(self, message=None, *, retry_after: int = 60):
        self.retry_after = retry_after
        super().__init__(message)


class DailyLimit(BookingError):
    status = 429
    default_message = _("今天的批量预约已达上限，请明天再约。")
