"""The outbox of case events, the systems subscribed to them, and the rules that derive more.

An event row is written in the same transaction as the change it reports,
with one delivery row per subscriber that wants it; a worker posts the
deliveries afterwards. Personal data is not copied into the outbox: it is
read from the (encrypted) appointment when a delivery is sent, and only the
fields the subscriber is allowed.
"""

from __future__ import annotations

import ipaddress
import secrets
import uuid
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from flowback.constants import DeliveryStatus, EventType


def new_secret() -> str:
    return secrets.token_urlsafe(32)


event_type_validator = RegexValidator(
    r"^[a-z]+(\.[a-z_]+)+$", _("事件类型形如 benefit.eligible（小写字母、点和下划线）。")
)


def subscriber_url_validator(value: str) -> None:
    """https:// to a public host; http:// and loopback or private addresses only under DEBUG.

    (``FLOWBACK_ALLOW_INSECURE_URLS``, which follows DEBUG, lets the test suite's
    receivers listen on loopback.)

    Subscribers receive names and full ID numbers: never over plain HTTP, and
    never to this machine or its network in production.
    """
    from django.conf import settings

    if getattr(settings, "FLOWBACK_ALLOW_INSECURE_URLS", settings.DEBUG):
        return
    parts = urlsplit(value)
    if parts.scheme != "https":
        raise ValidationError(_("接收地址必须以 https:// 开头。"))
    host = (parts.hostname or "").rstrip(".").lower()
    if host == "localhost" or host.endswith(".localhost"):
        raise ValidationError(_("接收地址不能是本机或内网地址。"))
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return
    if not address.is_global:
        raise ValidationError(_("接收地址不能是本机或内网地址。"))


class HttpsURLField(models.URLField):
    """A URL whose form field assumes https when the scheme is left out."""

    def formfield(self, **kwargs):
        return super().formfield(**{"assume_scheme": "https", **kwargs})


class Event(models.Model):
    key = models.UUIDField(_("幂等键"), unique=True, default=uuid.uuid4, editable=False)
    type = models.CharField(_("事件类型"), max_length=60, validators=[event_type_validator])
    # Deliveries to one subscriber keep the order of the events of one stream:
    # the appointment's reference, which all of its cases share.
    stream = models.CharField(_("事件流"), max_length=32)
    centre = models.ForeignKey(
        "centres.ServiceCentre", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    appointment = models.ForeignKey(
        "appointments.Appointment", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    case = models.ForeignKey(
        "casework.Case", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    data = models.JSONField(_("内容"), default=dict)
    occurred_at = models.DateTimeField(_("发生时间"), default=timezone.now)

    class Meta:
        verbose_name = _("事件")
        verbose_name_plural = _("事件")
        ordering = ["pk"]

    def __str__(self):
        return f"{self.type} {self.stream}"

    def get_type_display_text(self) -> str:
        try:
            return EventType(self.type).label
        except ValueError:
            return self.type


class Subscriber(models.Model):
    """Another system that receives events: a URL, a shared secret, what it may receive."""

    name = models.CharField(_("名称"), max_length=80, unique=True)
    url = HttpsURLField(
        _("接收地址"),
        max_length=300,
        validators=[subscriber_url_validator],
        help_text=_("必须是 https:// 地址（仅调试模式下可用 http:// 或本机地址）。"),
    )
    # The shared HMAC secret, encrypted with the keys of ID numbers
    # (PERSONAL_DATA_KEYS); read and set through ``secret``.
    secret_encrypted = models.TextField(_("签名密钥（加密）"), editable=False)
    event_types = models.JSONField(_("订阅的事件类型"), default=list)
    matters = models.JSONField(
        _("限定事项"), default=list, blank=True, help_text=_("留空表示全部事项。")
    )
    personal_fields = models.JSONField(
        _("可接收的个人信息"),
        default=list,
        blank=True,
        help_text=_("只勾选对方履职必需的信息（数据最小化）。"),
    )
    active = models.BooleanField(_("启用"), default=True)
    max_attempts = models.PositiveSmallIntegerField(
        _("最多尝试次数"),
        default=8,
        validators=[MinValueValidator(1), MaxValueValidator(50)],
        help_text=_("超过后转入死信列表，可人工重新投递。"),
    )
    timeout_seconds = models.PositiveSmallIntegerField(
        _("超时（秒）"), default=5, validators=[MinValueValidator(1), MaxValueValidator(60)]
    )
    # One worker at a time delivers to a subscriber, so its events stay in order;
    # a database lease, not a process lock, because workers run on several servers.
    lease_until = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("订阅系统")
        verbose_name_plural = _("订阅系统")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.secret_encrypted:
            self.secret = new_secret()
        super().save(*args, **kwargs)

    @property
    def secret(self) -> str:
        from core.personal_data import reveal

        return reveal(self.secret_encrypted) if self.secret_encrypted else ""

    @secret.setter
    def secret(self, value: str) -> None:
        from core.personal_data import protect

        self.secret_encrypted = protect(value)

    def rotate_secret(self) -> str:
        """A new secret (not yet saved); the caller shows it once."""
        self.secret = new_secret()
        return self.secret

    def wants(self, event_type: str, matter_codes: list[str]) -> bool:
        if not self.active or event_type not in self.event_types:
            return False
        return not self.matters or bool(set(self.matters) & set(matter_codes))


class Delivery(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="deliveries")
    subscriber = models.ForeignKey(
        Subscriber, on_delete=models.CASCADE, related_name="deliveries", verbose_name=_("订阅系统")
    )
    status = models.CharField(
        _("状态"), max_length=10, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("已尝试次数"), default=0)
    next_attempt_at = models.DateTimeField(_("下次尝试"), default=timezone.now)
    last_error = models.CharField(_("最近一次错误"), max_length=300, blank=True)
    delivered_at = models.DateTimeField(_("投递时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("投递")
        verbose_name_plural = _("投递")
        ordering = ["event_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "subscriber"], name="one_delivery_per_event_subscriber"
            )
        ]
        indexes = [models.Index(fields=["subscriber", "status", "event"])]

    def __str__(self):
        return f"{self.event_id} → {self.subscriber_id}: {self.status}"


class Rule(models.Model):
    """Policy finds people: when a case of a matter completes, derive an event and tell the applicant."""

    name = models.CharField(_("规则名称"), max_length=80)
    matter = models.ForeignKey(
        "guides.MatterPage", on_delete=models.PROTECT, related_name="+", verbose_name=_("事项")
    )
    emit_type = models.CharField(
        _("派生事件类型"),
        max_length=60,
        default=EventType.BENEFIT_ELIGIBLE,
        validators=[event_type_validator],
    )
    benefits = models.CharField(
        _("可享受的政策"), max_length=200, help_text=_("例如：水费、电费、燃气费减免")
    )
    sms_text = models.TextField(
        _("告知短信"),
        max_length=300,
        blank=True,
        help_text=_("可用 {matter}（事项名称）和 {benefits}（政策）；留空则不发短信。"),
    )
    active = models.BooleanField(_("启用"), default=True)

    class Meta:
        verbose_name = _("主动服务规则")
        verbose_name_plural = _("主动服务规则")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def message(self, matter_name: str) -> str:
        return self.sms_text.replace("{matter}", matter_name).replace("{benefits}", self.benefits)


# The text message log and reminder opt-outs live beside the gateways (flowback/sms).
from flowback.sms.models import ReminderOptOut, SmsMessage, SmsStatus  # noqa: E402, F401
