"""Reads for the counter: the pre-filled intake, the queue, the audit trail."""

from __future__ import annotations

from django.db.models import Prefetch, prefetch_related_objects
from django.utils import timezone

from appointments.models import Appointment, AppointmentMatter
from casework.constants import QueueStatus
from casework.models import AccessLog, Case, QueueTicket
from guides.checklist import build_checklist
from guides.selectors import matters_with_materials


def intake(appointment: Appointment) -> dict:
    """Everything the intake form is pre-filled with; the ID number and phone masked."""
    prefetch_related_objects(
        [appointment],
        Prefetch("matters", queryset=AppointmentMatter.objects.select_related("matter")),
    )
    items = list(appointment.matters.all())
    matters = matters_with_materials([item.matter.code for item in items])
    chosen = {item.matter.code: item.situation_code for item in items}
    lines = build_checklist(matters, situation_codes=[code for code in chosen.values() if code])
    names = {s.code: s.name for m in matters for s in m.situations.all()}
    batch = getattr(appointment, "batch", None)
    employees = []
    if batch is not None:
        employees = [
            {
                "id": e.pk,
                "name": e.name,
                "id_number_masked": e.id_number_masked,
                "case_number": e.case.case_number if hasattr(e, "case") else "",
            }
            for e in batch.employees.filter(active=True).select_related("case")
        ]
    return {
        "appointment": appointment,
        "reference": appointment.reference,
        "people": appointment.people,
        "employees": employees,
        "status": appointment.status,
        "applicant": {
            "name": appointment.applicant_name,
            "id_number_masked": appointment.id_number_masked,
            "phone_masked": appointment.phone_masked,
            "relationship": appointment.get_relationship_display(),
        },
        "matters": [
            {"code": m.code, "name": m.title, "situation": names.get(chosen.get(m.code, ""), "")}
            for m in matters
        ],
        "checklist": lines,
        "slot": {
            "start": timezone.localtime(appointment.start),
            "end": timezone.localtime(appointment.end),
        },
    }


def todays_queue(centre_id: int):
    return QueueTicket.objects.filter(centre_id=centre_id, date=timezone.localdate()).order_by(
        "sort_at", "pk"
    )


def recent_calls(centre_id: int, limit: int = 6):
    return QueueTicket.objects.filter(
        centre_id=centre_id, date=timezone.localdate(), status=QueueStatus.CALLED
    ).order_by("-called_at")[:limit]


def todays_cases(centre_id: int):
    return Case.objects.filter(
        centre_id=centre_id, accepted_at__date=timezone.localdate()
    ).select_related("appointment")


def audit_trail(centre_id: int, limit: int = 200):
    return AccessLog.objects.filter(centre_id=centre_id).select_related("user", "appointment")[
        :limit
    ]
