"""What the site knows about an account beyond Django's user: phone, and for staff a centre."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class StaffRole(models.TextChoices):
    CLERK = "clerk", _("窗口工作人员")
    MANAGER = "manager", _("中心负责人")


class Profile(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile"
    )
    phone = models.CharField(_("手机号码"), max_length=20, blank=True)
    centre = models.ForeignKey(
        "appointments.ServiceCentre",
        verbose_name=_("所在中心"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="staff",
    )
    role = models.CharField(_("岗位"), max_length=10, choices=StaffRole.choices, blank=True)

    class Meta:
        verbose_name = _("账号资料")
        verbose_name_plural = _("账号资料")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(role="") | models.Q(centre__isnull=False),
                name="staff_role_needs_centre",
            ),
        ]

    def __str__(self):
        return str(self.user)
