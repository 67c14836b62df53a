"""Rules: a completed case of one matter derives events for another (and may text the applicant)."""

from __future__ import annotations

from collections.abc import Sequence

from django.db import transaction
from django_q.tasks import async_task

from flowback.models import Event, Rule
from flowback.sms import send_sms


def apply_rules(event: Event, *, appointment, case, matters: Sequence[str]) -> list[Event]:
    """The events the active rules derive from a completed case (written with their deliveries)."""
    from flowback.outbox import write

    derived_events = []
    rules = Rule.objects.filter(active=True, matter__code__in=matters).select_related("matter")
    for rule in rules:
        # The derived event states the same facts as its source, for the rule's matter.
        derived = write(
            type=rule.emit_type,
            appointment=appointment,
            case=case,
            matters=[rule.matter.code],
            data={
                **event.data,
                "matters": [rule.matter.code],
                "rule": {"id": rule.pk, "name": rule.name},
                "benefits": rule.benefits,
                "source_event": str(event.key),
            },
            occurred_at=event.occurred_at,
        )
        if rule.sms_text:
            transaction.on_commit(
                lambda pk=derived.pk, rule_pk=rule.pk: async_task(
                    "flowback.tasks.tell_applicant", pk, rule_pk
                )
            )
        derived_events.append(derived)
    return derived_events


def applicant_contact(event: Event) -> dict[str, str]:
    """Name, ID number and phone of the person the event is about (decrypted)."""
    employee = getattr(event.case, "employee", None) if event.case_id else None
    if employee is not None:
        return {"name": employee.name, "id": employee.id_encrypted, "phone": employee.phone}
    appointment = event.appointment
    if appointment is None:
        return {}
    return {
        "name": appointment.applicant_name,
        "id": appointment.applicant_id_encrypted,
        "phone": appointment.applicant_phone,
    }


def tell_applicant(event_id: int, rule_id: int) -> None:
    event = Event.objects.select_related("appointment", "case__employee").get(pk=event_id)
    rule = Rule.objects.select_related("matter").get(pk=rule_id)
    contact = applicant_contact(event)
    # Gateways send only approved templates: the kind carries the matter and the
    # benefits; the rule's own wording is the text of the console, file and log.
    send_sms(
        contact.get("phone", ""),
        rule.message(rule.matter.title),
        template="benefit_notice",
        params={"matter": rule.matter.title, "benefits": rule.benefits},
    )
