"""Choices of the appointment domain (a centre's weekdays and overrides: centres.constants)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class AppointmentStatus(models.TextChoices):
    BOOKED = "booked", _("已预约")
    CANCELLED = "cancelled", _("已取消")
    CHECKED_IN = "checked_in", _("已签到")
    NO_SHOW = "no_show", _("爽约")
    COMPLETED = "completed", _("已办结")


ACTIVE_STATUSES = (AppointmentStatus.BOOKED, AppointmentStatus.CHECKED_IN)


class Relationship(models.TextChoices):
    SELF = "self", _("本人")
    PARENT = "parent", _("父母")
    CHILD = "child", _("子女")
    SPOUSE = "spouse", _("配偶")
    RELATIVE = "relative", _("其他亲属")
    ASSISTED = "assisted", _("帮办居民（社区工作者代约）")
    ENTERPRISE = "enterprise", _("企业为员工批量预约")


# What a resident may choose: a batch is made only through the enterprise pages.
PERSONAL_RELATIONSHIPS = [
    (v, label) for v, label in Relationship.choices if v != Relationship.ENTERPRISE
]
