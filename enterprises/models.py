"""Enterprises, their HR officers (经办人), and batch bookings for new employees."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.personal_data import mask_id_number, mask_phone, reveal


class Enterprise(models.Model):
    name = models.CharField(_("企业名称"), max_length=100)
    uscc = models.CharField(_("统一社会信用代码"), max_length=18, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("企业")
        verbose_name_plural = _("企业")

    def __str__(self):
        return self.name


class OfficerStatus(models.TextChoices):
    PENDING = "pending", _("待审核")
    APPROVED = "approved", _("已通过")
    REFUSED = "refused", _("未通过")
    REMOVED = "removed", _("已移除")


class Officer(models.Model):
    """An account that acts for an enterprise; an enterprise may have several.

    Only an approved officer acts for the enterprise: knowing the USCC and the
    name (both printed on the licence) only files a request. The first officer
    of a new enterprise is approved by an administrator, later ones by an
    approved officer (enterprises/officers.py).
    """

    enterprise = models.ForeignKey(Enterprise, on_delete=models.CASCADE, related_name="officers")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="officer_of"
    )
    # When the (latest) request was made.
    joined_at = models.DateTimeField(_("申请时间"), auto_now_add=True)
    status = models.CharField(
        _("状态"), max_length=10, choices=OfficerStatus.choices, default=OfficerStatus.PENDING
    )
    # Who approved, refused or removed, and when; empty while pending.
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("处理人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("处理时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("经办人")
        verbose_name_plural = _("经办人")
        constraints = [
            models.UniqueConstraint(fields=["enterprise", "user"], name="one_officer_row_per_user"),
            models.CheckConstraint(
                condition=models.Q(status="pending")
                | models.Q(decided_by__isnull=False, decided_at__isnull=False),
                name="officer_decision_has_who_and_when",
            ),
        ]
        indexes = [models.Index(fields=["user", "status"])]

    def __str__(self):
        return f"{self.user} @ {self.enterprise}"


class Batch(models.Model):
    """An enterprise's booking of one slot for a list of employees."""

    enterprise = models.ForeignKey(Enterprise, on_delete=models.PROTECT, related_name="batches")
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    appointment = models.OneToOneField(
        "appointments.Appointment", on_delete=models.PROTECT, related_name="batch"
    )
    bundle_code = models.CharField(max_length=16, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("批量预约")
        verbose_name_plural = _("批量预约")

    def __str__(self):
        return self.appointment.reference


class EnterpriseAction(models.TextChoices):
    REGISTERED = "registered", _("登记企业，申请成为首位经办人")
    REQUESTED = "requested", _("申请成为经办人")
    APPROVED = "approved", _("通过经办人申请")
    REFUSED = "refused", _("拒绝经办人申请")
    REMOVED = "removed", _("移除经办人")
    BATCH_BOOKED = "batch_booked", _("批量预约")
    EMPLOYEES_ADDED = "added", _("增加员工")
    EMPLOYEE_REMOVED = "emp_removed", _("移出员工")
    BATCH_CANCELLED = "cancelled", _("取消整批预约")


class EnterpriseLog(models.Model):
    """Who did what to which membership or batch of an enterprise; its officers read it."""

    enterprise = models.ForeignKey(Enterprise, on_delete=models.CASCADE, related_name="log")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("操作人"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    action = models.CharField(_("操作"), max_length=12, choices=EnterpriseAction.choices)
    # The officer whose membership changed, for membership actions.
    subject = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("经办人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    batch = models.ForeignKey(
        "Batch", null=True, blank=True, on_delete=models.PROTECT, related_name="log"
    )
    # A short description without ID numbers or phones (e.g. a name and a count).
    detail = models.CharField(_("说明"), max_length=200, blank=True)
    at = models.DateTimeField(_("时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("企业操作记录")
        verbose_name_plural = _("企业操作记录")
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["enterprise", "-at"])]

    def __str__(self):
        return f"{self.actor_id} {self.action} {self.enterprise_id}"


class BatchEmployee(models.Model):
    batch = models.ForeignKey(Batch, on_delete=models.CASCADE, related_name="employees")
    row = models.PositiveIntegerField(_("名单行号"))
    name = models.CharField(_("姓名"), max_length=50)
    id_encrypted = models.TextField()
    person = models.ForeignKey("appointments.Person", on_delete=models.PROTECT, related_name="+")
    phone = models.CharField(_("手机号"), max_length=20)
    hire_date = models.DateField(_("入职日期"))
    active = models.BooleanField(default=True)

    class Meta:
        verbose_name = _("员工")
        ordering = ["row"]
        constraints = [
            models.UniqueConstraint(
                fields=["batch", "person"],
                condition=models.Q(active=True),
                name="employee_once_per_batch",
            )
        ]

    def __str__(self):
        return self.name

    @property
    def id_number_masked(self) -> str:
        return mask_id_number(reveal(self.id_encrypted))

    @property
    def phone_masked(self) -> str:
        return mask_phone(self.phone)
