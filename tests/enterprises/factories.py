"""Enterprises and approved officers for tests."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from stdnum.cn import uscc

from enterprises import officers, services
from enterprises.models import Officer, OfficerStatus


def a_uscc(seed: str = "MA1ABCDE0") -> str:
    body = f"91320105{seed}"[:17]
    return body + uscc.calc_check_digit(body)


def licence_admin():
    """The administrator who checks licences and approves first officers."""
    User = get_user_model()
    admin, _created = User.objects.get_or_create(
        username="licence-admin@test.local",
        defaults={"email": "licence-admin@test.local", "is_superuser": True, "is_staff": True},
    )
    return admin


def approved_officer(user, name: str = "江苏新金牛线缆有限公司", code: str | None = None):
    """Register (or join) the enterprise and have an administrator approve the user."""
    enterprise = services.register_or_join(user=user, name=name, uscc=code or a_uscc())
    officer = Officer.objects.get(user=user, enterprise=enterprise)
    if officer.status != OfficerStatus.APPROVED:
        officers.approve(officer=officer, by=licence_admin())
    return enterprise
