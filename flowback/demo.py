"""Demo subscribers and the province's 低保 rule.

The utility companies of the reform receive ``benefit.eligible`` when a
最低生活保障 case completes. In the demo their URLs point at the demo inbox
of this site (served only with DEBUG on), which checks the signature and
prints what arrived.
"""

from __future__ import annotations

from django.conf import settings

from flowback.constants import EventType, PersonalField
from flowback.models import Rule, Subscriber
from guides.models import MatterPage

UTILITIES = [
    ("demo-water", "自来水公司（演示）"),
    ("demo-power", "供电公司（演示）"),
    ("demo-gas", "燃气公司（演示）"),
]


def seed_flowback() -> None:
    for slug, name in UTILITIES:
        Subscriber.objects.update_or_create(
            name=name,
            defaults={
                "url": f"{settings.SITE_URL}/flowback/demo-inbox/{slug}/",
                "event_types": [EventType.BENEFIT_ELIGIBLE],
                "matters": [],
                # Fee reductions are granted to the account holder: name and ID number, no more.
                "personal_fields": [PersonalField.NAME, PersonalField.ID_NUMBER],
            },
        )
    Subscriber.objects.update_or_create(
        name="省政务服务数据平台（演示）",
        defaults={
            "url": f"{settings.SITE_URL}/flowback/demo-inbox/demo-province/",
            "event_types": [t for t in EventType.values if t != EventType.BENEFIT_ELIGIBLE],
            "matters": [],
            "personal_fields": [],
        },
    )
    dibao = MatterPage.objects.filter(code="JS-MZ-01").first()
    if dibao is not None:
        Rule.objects.update_or_create(
            name="低保对象水电气费减免",
            defaults={
                "matter": dibao,
                "emit_type": EventType.BENEFIT_ELIGIBLE,
                "benefits": "水费、电费、燃气费减免",
                "sms_text": (
                    "【江苏便民服务】您的{matter}已办结。按规定您可享受{benefits}，"
                    "我们已通知供水、供电、供气单位为您办理，无需另行申请。"
                ),
            },
        )
