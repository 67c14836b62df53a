"""Background jobs (django-q2). Each takes ids and calls a service."""

from __future__ import annotations

from django.utils import timezone

from appointments import notifications, services, signals
from appointments.models import Appointment


def _hand_over(appointment_id: int, handover) -> None:
    # Tasks queued before handovers were dicts carry flowback's subscriber ids as a list.
    if isinstance(handover, list):
        handover = {"flowback_subscribers": handover}
    if handover:
        signals.change_committed.send(
            sender=Appointment, appointment_id=appointment_id, handover=handover
        )


def send_confirmation(appointment_id: int, handover: dict | None = None) -> None:
    """The one task of a booking: the receivers' work first (flow-back's quick kick), then the resident."""
    _hand_over(appointment_id, handover)
    notifications.send_confirmation(appointment_id)


def send_reminders() -> int:
    return notifications.send_reminders(now=timezone.now())


def mark_no_shows() -> int:
    return services.mark_no_shows(now=timezone.now())


def notify_checklist_changes(matter_id: int) -> int:
    return notifications.notify_checklist_changes(matter_id)


def text_about(appointment_id: int, template: str, handover: dict | None = None) -> int:
    """The one task of a cancel or reschedule: the receivers' work first, then the texts."""
    _hand_over(appointment_id, handover)
    return notifications.text_about(appointment_id, template)
