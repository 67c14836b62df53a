"""Creating accounts by code: staff bound to a centre, and the demo accounts."""

from __future__ import annotations

import csv
from pathlib import Path

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import COUNTER_ROLES, Profile, StaffRole
from centres.models import City, County, ServiceCentre

CLERKS_GROUP = "窗口工作人员"
MANAGERS_GROUP = "中心负责人"


def ensure_staff_groups() -> dict[str, Group]:
    clerks, _created = Group.objects.get_or_create(name=CLERKS_GROUP)
    managers, _created = Group.objects.get_or_create(name=MANAGERS_GROUP)
    admin_access = Permission.objects.get(
        content_type__app_label="wagtailadmin", codename="access_admin"
    )
    centre_perms = Permission.objects.filter(
        content_type__app_label="centres",
        codename__in=["change_servicecentre", "view_servicecentre"],
    )
    clerks.permissions.add(admin_access)
    # A manager's rights on their own centre come from the centre admin's permission
    # policy (centres/wagtail_hooks.py), not from model permissions, which would
    # show them every centre's changes in the admin's site history.
    managers.permissions.add(admin_access)
    managers.permissions.remove(*centre_perms)
    return {StaffRole.CLERK: clerks, StaffRole.MANAGER: managers}


def ensure_user(*, email: str, password: str | None = None, first_name: str = "", **flags):
    """Create or update an account known by its e-mail; allauth sees the address as verified."""
    validate_email(email)
    email = email.strip().lower()
    User = get_user_model()
    user, created = User.objects.get_or_create(
        username=email, defaults={"email": email, "first_name": first_name}
    )
    changed = created
    for field, value in flags.items():
        if getattr(user, field) != value:
            setattr(user, field, value)
            changed = True
    if password and (created or not user.check_password(password)):
        user.set_password(password)
        changed = True
    if changed:
        user.save()
    EmailAddress.objects.update_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    return user


@transaction.atomic
def add_staff(*, email: str, centre: ServiceCentre, role: str, password: str | None = None):
    if role not in COUNTER_ROLES:
        raise ValidationError(_("岗位只能是 clerk（窗口工作人员）或 manager（中心负责人）。"))
    groups = ensure_staff_groups()
    user = ensure_user(email=email, password=password, is_staff=True)
    Profile.objects.update_or_create(
        user=user, defaults={"centre": centre, "role": role, "county": None, "city": None}
    )
    user.groups.remove(*groups.values())
    user.groups.add(groups[role])
    return user


@transaction.atomic
def add_official(
    *,
    email: str,
    role: str,
    county: County | None = None,
    city: City | None = None,
    password: str | None = None,
):
    """A county, city or province official: reads the dashboards of their region only."""
    place = {StaffRole.COUNTY: county, StaffRole.CITY: city, StaffRole.PROVINCE: True}
    if role not in place:
        raise ValidationError(_("岗位只能是 county、city 或 province。"))
    if place[role] is None:
        raise ValidationError(_("县（市、区）或设区市工作人员须指定所辖地区。"))
    user = ensure_user(email=email, password=password, is_staff=True)
    Profile.objects.update_or_create(
        user=user,
        defaults={
            "role": role,
            "centre": None,
            "county": county if role == StaffRole.COUNTY else None,
            "city": city if role == StaffRole.CITY else None,
        },
    )
    # An official who used to work at a counter keeps no counter rights.
    user.groups.remove(*ensure_staff_groups().values())
    return user


@transaction.atomic
def import_staff(path: Path) -> int:
    """Rows of ``email,centre_code,role``; all rows or none."""
    with open(path, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    errors = []
    centres = {c.code: c for c in ServiceCentre.objects.all()}
    for number, row in enumerate(rows, start=2):
        if row.get("centre_code") not in centres:
            errors.append(
                _("第 %(n)s 行：没有编码为 %(c)s 的中心。")
                % {"n": number, "c": row.get("centre_code")}
            )
    if errors:
        raise ValidationError(errors)
    for row in rows:
        add_staff(email=row["email"], centre=centres[row["centre_code"]], role=row["role"].strip())
    return len(rows)


def set_login_phone(*, user, phone: str, verified: bool) -> Profile:
    """The number ``user`` logs in with (E.164), claimed or proved; also where texts go."""
    from accounts.phones import national

    with transaction.atomic():
        if verified:
            _release_unproved_claims(phone=phone, keep=user)
        profile, _created = Profile.objects.select_for_update().get_or_create(user=user)
        profile.login_phone = phone
        profile.login_phone_verified = verified
        # Booking texts go to the account's number: the one it signed up or logs in with.
        profile.phone = national(phone)
        profile.save(update_fields=["login_phone", "login_phone_verified", "phone"])
    return profile


def verify_login_phone(*, user, phone: str) -> Profile:
    """``user`` proved ``phone`` with a code: it becomes the account's verified number."""
    return set_login_phone(user=user, phone=phone, verified=True)


def _release_unproved_claims(*, phone: str, keep) -> None:
    # Somebody typed this number at sign-up and never proved it: the owner wins.
    Profile.objects.filter(login_phone=phone, login_phone_verified=False).exclude(user=keep).update(
        login_phone=""
    )
