"""Enterprises, their HR officers (经办人), and batch bookings for new employees."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from appointments.personal_data import mask_id_number, mask_phone, reveal


class Enterprise(models.Model):
    name = models.CharField(_("企业名称"), max_length=100)
    uscc = models.CharField(_("统一社会信用代码"), max_length=18, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("企业")
        verbose_name_plural = _("企业")

    def __str__(self):
        return self.name


class Officer(models.Model):
    """An account that acts for an enterprise; an enterprise may have several."""

    enterprise = models.ForeignKey(Enterprise, on_delete=models.CASCADE, related_name="officers")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="officer_of"
    )
    joined_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("经办人")
        constraints = [
            models.UniqueConstraint(fields=["enterprise", "user"], name="one_officer_row_per_user")
        ]

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
