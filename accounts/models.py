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
    # Where booking texts go (11 digits); may be shared, e.g. a family's one phone.
    phone = models.CharField(_("手机号码"), max_length=20, blank=True)
    # The number the account logs in with (E.164, +86…); one verified owner each.
    login_phone = models.CharField(_("登录手机号"), max_length=16, blank=True)
    login_phone_verified = models.BooleanField(_("登录手机号已验证"), default=False)
    centre = models.ForeignKey(
        "centres.ServiceCentre",
        verbose_name=_("所在中心"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="staff",
    )
    role = models.CharField(_("岗位"), max_length=10, choices=StaffRole.choices, blank=True)
    # The region an official oversees; the role says which of the two is used.
    county = models.ForeignKey(
        "centres.County",
        verbose_name=_("所辖县（市、区）"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="officials",
    )
    city = models.ForeignKey(
        "centres.City",
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
            # Unverified claims do not count: typing someone else's number at
            # sign-up must not keep its owner from using it.
            models.UniqueConstraint(
                fields=["login_phone"],
                condition=models.Q(login_phone_verified=True),
                name="login_phone_verified_once",
            ),
            models.CheckConstraint(
                condition=models.Q(login_phone="", login_phone_verified=False)
                | models.Q(login_phone__startswith="+861"),
                name="login_phone_is_mainland_e164",
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
