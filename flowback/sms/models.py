"""The text message log (also the worker's queue) and residents' reminder opt-outs.

Imported by ``flowback.models``, so the tables belong to the flowback app.
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class SmsStatus(models.TextChoices):
    QUEUED = "queued", _("待发送")
    SENT = "sent", _("已发送")
    FAILED = "failed", _("发送失败")


class SmsMessage(models.Model):
    """One text message, as administrators may read it: no full number, no code.

    What the worker needs to send it (the number, the text and the
    parameters) is kept encrypted in ``payload_encrypted`` only while the
    message may still be sent, and wiped once it was sent or has failed.
    """

    phone_masked = models.CharField(_("手机号"), max_length=20)
    template = models.CharField(_("短信模板"), max_length=40, blank=True)
    params = models.JSONField(_("参数"), default=dict, blank=True)
    text = models.CharField(_("内容"), max_length=500, blank=True)
    payload_encrypted = models.TextField(blank=True, editable=False)
    status = models.CharField(
        _("状态"), max_length=8, choices=SmsStatus.choices, default=SmsStatus.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(_("尝试次数"), default=0)
    provider_id = models.CharField(_("服务商消息编号"), max_length=100, blank=True)
    last_error = models.CharField(_("最近错误"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(_("发送时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("短信记录")
        verbose_name_plural = _("短信记录")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="sms_due")]
        constraints = [
            # A message that is no longer queued keeps nothing it could be resent from.
            models.CheckConstraint(
                condition=models.Q(status="queued") | models.Q(payload_encrypted=""),
                name="sms_payload_only_while_queued",
            )
        ]

    def __str__(self):
        return f"{self.template or '-'} → {self.phone_masked}: {self.status}"


class ReminderOptOut(models.Model):
    """A phone number that asked for no day-before reminders (keyed hash, not the number)."""

    phone_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("不接收提醒短信的号码")
        verbose_name_plural = _("不接收提醒短信的号码")

    def __str__(self):
        return self.phone_hash[:8]
