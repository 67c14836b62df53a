"""The demo enterprise, whose approved officer is hr@demo.local (part of ``seed_demo``)."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from enterprises.models import Enterprise, EnterpriseAction, EnterpriseLog, Officer, OfficerStatus

DEMO_ENTERPRISE = ("江苏新金牛线缆有限公司", "91320105MA1DEM001F")
DEMO_OFFICER = "hr@demo.local"


@transaction.atomic
def seed_enterprise() -> Enterprise:
    """Idempotent: the enterprise, and hr@demo.local approved as its officer (as an admin would)."""
    name, uscc = DEMO_ENTERPRISE
    enterprise, _created = Enterprise.objects.update_or_create(uscc=uscc, defaults={"name": name})
    hr = get_user_model().objects.get(username=DEMO_OFFICER)
    admin = get_user_model().objects.filter(is_superuser=True).order_by("pk").first() or hr
    officer, _created = Officer.objects.get_or_create(enterprise=enterprise, user=hr)
    if officer.status != OfficerStatus.APPROVED:
        officer.status = OfficerStatus.APPROVED
        officer.decided_by = admin
        officer.decided_at = timezone.now()
        officer.save(update_fields=["status", "decided_by", "decided_at"])
        EnterpriseLog.objects.create(
            enterprise=enterprise, actor=admin, action=EnterpriseAction.APPROVED, subject=hr
        )
    return enterprise
