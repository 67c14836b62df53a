"""Errors of rating and of answering follow-ups, each with the status code pages give it."""

from django.utils.translation import gettext_lazy as _

from core.errors import DomainError


class RatingError(DomainError):
    status = 400
    default_message = _("无法完成评价。")


class InvalidLink(RatingError):
    # A forged or truncated link is answered like a missing page: it names nothing.
    status = 404
    default_message = _(
        "这个评价链接无效（可能不完整或被改动过）。请使用短信或邮件里的完整链接，或打开预约凭证页面评价。"
    )


class NotRateable(RatingError):
    status = 409
    default_message = _("这个办件还没有办结，办结后才能评价。")


class AlreadyRated(RatingError):
    status = 409
    default_message = _("这个办件已经评价过了，每个办件只能评价一次。感谢您的反馈！")


class InvalidRating(RatingError):
    status = 422
    default_message = _("评价信息有误。")


class FollowUpNotFound(RatingError):
    # Another centre's follow-up is reported as missing, not as forbidden,
    # so that a manager cannot learn which numbers exist elsewhere.
    status = 404
    default_message = _("没有这条差评回复事项。")


class AlreadyAnswered(RatingError):
    status = 409
    default_message = _("这条差评已经回复过了，不能重复回复。")


class InvalidAnswer(RatingError):
    status = 422
    default_message = _("请填写回复内容。")
