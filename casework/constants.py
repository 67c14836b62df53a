"""Choices of the counter: case statuses, audit actions, queue states."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CaseStatus(models.TextChoices):
    ACCEPTED = "accepted", _("已受理")
    RETURNED = "returned", _("补正（材料不全）")
    COMPLETED = "completed", _("已办结")
    REJECTED = "rejected", _("不予受理")


OPEN_STATUSES = (CaseStatus.ACCEPTED, CaseStatus.RETURNED)


class AccessAction(models.TextChoices):
    SCAN = "scan", _("扫码查看（脱敏）")
    VIEW = "view", _("打开受理页（脱敏）")
    REVEAL_ID = "reveal_id", _("查看完整身份证号")
    INTAKE = "intake", _("受理")


class QueueStatus(models.TextChoices):
    WAITING = "waiting", _("等候中")
    CALLED = "called", _("已叫号")
