"""What the site knows about an account beyond Django's user: phone, and for staff a centre."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class StaffRole(models.TextChoices):
    CLERK = "clerk", _("窗口工作人员")
    MANAGER = "manager", _("中心负责人")
    COUNTY = "county", _("县（市、区）工作人员")
    CITY = "city", _("设区市工作人员")
    PROVINCE = "province", _("省级工作人员")


# Roles that work at a centre's counter; the others only read dashboards.
COUNTER_ROLES = (StaffRole.CLERK, StaffRole.MANAGER)
DASHBOARD_ROLES = (StaffRole.MANAGER, StaffRole.COUNTY, StaffRole.CITY, StaffRole.PROVINCE)


class ProfileQuerySet(models.QuerySet):
    def of(self, user):
        """The profile of a logged-in user, or None: anonymous users and plain accounts have none."""
        if not user.is_authenticated:
            return None
        return self.filter(user_id=user.pk).first()


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
    # The region an official oversees; the role says which of the two is used.
    county = models.ForeignKey(
        "appointments.County",
        verbose_name=_("所辖县（市、区）"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="officials",
    )
    city = models.ForeignKey(
        "appointments.City",
        verbose_name=_("所辖设区市"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="officials",
    )

    objects = ProfileQuerySet.as_manager()

    class Meta:
        verbose_name = _("账号资料")
        verbose_name_plural = _("账号资料")
        constraints = [
            # Each role carries exactly the place it needs, so a scope is never guessed.
            models.CheckConstraint(
                condition=models.Q(role="")
                | models.Q(role__in=COUNTER_ROLES, centre__isnull=False)
                | models.Q(role=StaffRole.COUNTY, county__isnull=False)
                | models.Q(role=StaffRole.CITY, city__isnull=False)
                | models.Q(role=StaffRole.PROVINCE),
                name="staff_role_needs_its_place",
            ),
        ]

    def __str__(self):
        return str(self.user)

    @property
    def works_at_counter(self) -> bool:
        return self.role in COUNTER_ROLES and self.centre_id is not None

    @property
    def has_dashboard(self) -> bool:
        return self.role in DASHBOARD_ROLES
