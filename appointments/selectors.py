"""Reads for booking pages and the API."""

from __future__ import annotations

from django.db.models import Prefetch, Q
from django.http import Http404
from django.utils.translation import gettext as _

from appointments.models import Appointment, AppointmentMatter, ServiceCentre
from guides.checklist import ChecklistLine, build_checklist
from guides.selectors import matters_with_materials


def centres(query: str = ""):
    qs = ServiceCentre.objects.select_related("county__city").order_by(
        "county__city__code", "county__code", "code"
    )
    query = query.strip()
    if query:
        qs = qs.filter(
            Q(name__icontains=query)
            | Q(county__name__icontains=query)
            | Q(county__city__name__icontains=query)
            | Q(address__icontains=query)
        )
    return qs


def appointments_of(user):
    return (
        Appointment.objects.for_user(user)
        .select_related("centre")
        .prefetch_related(
            Prefetch("matters", queryset=AppointmentMatter.objects.select_related("matter"))
        )
        .order_by("-start")
    )


def appointment_of(user, reference: str) -> Appointment:
    """The caller's own appointment; anyone else's is simply not found."""
    found = appointments_of(user).filter(reference=reference.strip().upper()).first()
    if found is None:
        raise Http404(_("没有找到预约号为 %(ref)s 的预约。") % {"ref": reference})
    return found


def checklist_of(appointment: Appointment) -> list[ChecklistLine]:
    """The merged material list of an appointment's matters and chosen situations."""
    items = list(appointment.matters.all())
    matters = matters_with_materials([item.matter.code for item in items])
    return build_checklist(
        matters, situation_codes=[item.situation_code for item in items if item.situation_code]
    )
