"""Reads for the counter: the pre-filled intake, the queue, the audit trail."""

from __future__ import annotations

import datetime as dt
import unicodedata

from django.db import models
from django.db.models import Case as Conditional
from django.db.models import F, Prefetch, Value, When, prefetch_related_objects
from django.utils import timezone

from appointments.models import Appointment, AppointmentMatter
from casework.constants import CaseStatus, QueueStatus
from casework.models import AccessLog, Case, QueueTicket
from core.personal_data import compact_id_number, person_hash
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
    ticket = QueueTicket.objects.filter(appointment=appointment).first()
    return {
        "appointment": appointment,
        "reference": appointment.reference,
        "queue_number": ticket.number if ticket else "",
        "walk_in": ticket is not None and ticket.number.startswith("W"),
        "minutes": appointment.minutes,
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


def in_call_order(tickets, now: dt.datetime):
    """Waiting tickets in the order they are called (README, "Call order").

    Whoever is due (a booking's start, a walk-in's arrival plus
    WALK_IN_DUE_AFTER_MINUTES) goes first, earliest due first; when nobody is
    due, everyone by arrival, so a free counter never idles while someone waits.
    """
    due = When(sort_at__lte=now, then=Value(0))
    return tickets.annotate(
        tier=Conditional(due, default=Value(1)),
        key=Conditional(When(sort_at__lte=now, then=F("sort_at")), default=F("created_at")),
    ).order_by("tier", "key", "created_at", "pk")


def waiting(centre_id: int, now: dt.datetime | None = None):
    now = now or timezone.now()
    return in_call_order(
        QueueTicket.objects.filter(
            centre_id=centre_id, date=timezone.localdate(now), status=QueueStatus.WAITING
        ),
        now,
    )


def todays_queue(centre_id: int):
    """Today's tickets: those waiting in call order, then the others, latest first."""
    now = timezone.now()
    today = QueueTicket.objects.filter(centre_id=centre_id, date=timezone.localdate(now))
    others = today.exclude(status=QueueStatus.WAITING).order_by("-called_at", "-pk")
    return [*waiting(centre_id, now).select_related("appointment"), *others[:30]]


def recent_calls(centre_id: int, limit: int = 6):
    return (
        QueueTicket.objects.filter(
            centre_id=centre_id, date=timezone.localdate(), called_at__isnull=False
        )
        .exclude(status=QueueStatus.GONE)
        .order_by("-called_at", "-pk")[:limit]
    )


def service_minutes(centre_id: int, now: dt.datetime | None = None) -> float | None:
    """Today's average minutes from a call to the case opened, as measured."""
    now = now or timezone.now()
    spans = [
        (served - called).total_seconds()
        for called, served in QueueTicket.objects.filter(
            centre_id=centre_id,
            date=timezone.localdate(now),
            status=QueueStatus.SERVED,
            called_at__isnull=False,
            served_at__isnull=False,
        ).values_list("called_at", "served_at")
    ]
    return sum(spans) / len(spans) / 60 if spans else None


def counters_at_work(centre_id: int, now: dt.datetime, default: int) -> int:
    """Counters that called someone in the last hour; the centre's count before any call."""
    recent = (
        QueueTicket.objects.filter(
            centre_id=centre_id, called_at__gte=now - dt.timedelta(hours=1), counter__isnull=False
        )
        .values("counter")
        .distinct()
        .count()
    )
    return recent or default


def today() -> dt.date:
    return timezone.localdate()


def place_of_ticket(ticket: QueueTicket, now: dt.datetime | None = None) -> dict:
    """A number's state; while waiting, how many are ahead and an estimated wait."""
    place = {"number": ticket.number, "status": ticket.status, "counter": ticket.counter}
    if ticket.status != QueueStatus.WAITING:
        return place
    now = now or timezone.now()
    order = list(waiting(ticket.centre_id, now).values_list("pk", flat=True))
    ahead = order.index(ticket.pk) if ticket.pk in order else 0
    minutes = service_minutes(ticket.centre_id, now)
    counters = counters_at_work(ticket.centre_id, now, ticket.centre.counters)
    place["ahead"] = ahead
    # From today's measured service times; none before the day's first case.
    place["wait_minutes"] = (
        None if minutes is None else max(1, round((ahead + 1) * minutes / counters))
    )
    return place


def place_in_queue(appointment: Appointment, now: dt.datetime | None = None) -> dict | None:
    """For the resident's pages: their number and place, or None before arrival."""
    ticket = QueueTicket.objects.filter(appointment=appointment).select_related("centre").first()
    return None if ticket is None else place_of_ticket(ticket, now)


def returned_case(appointment: Appointment) -> Case | None:
    """The appointment's case waiting for materials (需补正), if any."""
    return (
        Case.objects.filter(appointment=appointment, status=CaseStatus.RETURNED)
        .order_by("-accepted_at")
        .first()
    )


def queue_facts(appointments: list[Appointment]) -> list[Appointment]:
    """A list of appointments, each with its queue number and whether it needs 补正 (two queries)."""
    ids = [a.pk for a in appointments]
    numbers = dict(
        QueueTicket.objects.filter(appointment_id__in=ids).values_list("appointment_id", "number")
    )
    returned = set(
        Case.objects.filter(appointment_id__in=ids, status=CaseStatus.RETURNED).values_list(
            "appointment_id", flat=True
        )
    )
    for appointment in appointments:
        appointment.queue_number = numbers.get(appointment.pk, "")
        appointment.needs_completion = appointment.pk in returned
    return appointments


def todays_cases(centre_id: int):
    return Case.objects.filter(
        centre_id=centre_id, accepted_at__date=timezone.localdate()
    ).select_related("appointment")


def open_returned_cases(centre_id: int, limit: int = 50):
    """Cases waiting for materials, any day: the applicant may come back at any time."""
    return (
        Case.objects.filter(centre_id=centre_id, status=CaseStatus.RETURNED)
        .select_related("appointment")
        .order_by("-accepted_at")[:limit]
    )


def find_cases(centre_id: int, text: str):
    """Cases of the centre by case number, appointment reference or the applicant's ID number."""
    text = unicodedata.normalize("NFKC", text or "").strip().upper()
    if not text:
        return Case.objects.none()
    cases = Case.objects.filter(centre_id=centre_id).select_related("appointment")
    id_number = compact_id_number(text)
    if len(id_number) == 18 and id_number[:17].isdigit():
        return cases.filter(appointment__person__id_hash=person_hash(id_number)).order_by(
            "-accepted_at"
        )
    return cases.filter(
        models.Q(case_number=text) | models.Q(appointment__reference=text)
    ).order_by("-accepted_at")


def audit_trail(centre_id: int, limit: int = 200):
    return AccessLog.objects.filter(centre_id=centre_id).select_related("user", "appointment")[
        :limit
    ]
