"""Choices of the flow-back domain."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class EventType(models.TextChoices):
    APPOINTMENT_BOOKED = "appointment.booked", _("已预约")
    APPOINTMENT_RESCHEDULED = "appointment.rescheduled", _("已改约")
    APPOINTMENT_CANCELLED = "appointment.cancelled", _("已取消预约")
    APPOINTMENT_CHECKED_IN = "appointment.checked_in", _("已签到")
    CASE_ACCEPTED = "case.accepted", _("已受理")
    CASE_RETURNED = "case.returned", _("需补正")
    CASE_COMPLETED = "case.completed", _("已办结")
    CASE_REJECTED = "case.rejected", _("不予受理（办件）")
    BENEFIT_ELIGIBLE = "benefit.eligible", _("符合惠民政策")


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("待投递")
    DELIVERED = "delivered", _("已投递")
    DEAD = "dead", _("投递失败（死信）")


class PersonalField(models.TextChoices):
    """What a subscriber may learn about the applicant; nothing unless chosen."""

    NAME = "name", _("姓名")
    PHONE = "phone", _("手机号")
    ID_NUMBER = "id_number", _("身份证号（完整）")
    ID_NUMBER_MASKED = "id_number_masked", _("身份证号（脱敏）")
