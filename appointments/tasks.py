"""Background jobs (django-q2). Each takes ids and calls a service."""

from __future__ import annotations

from django.utils import timezone

from appointments import notifications, services
from flowback.delivery import kick


def send_confirmation(appointment_id: int, subscriber_ids: list[int] | None = None) -> None:
    """The one task of a booking: flow-back subscribers first (a quick kick), then the resident."""
    if subscriber_ids:
        kick(subscriber_ids)
    notifications.send_confirmation(appointment_id)


def send_reminders() -> int:
    return notifications.send_reminders(now=timezone.now())


def mark_no_shows() -> int:
    return services.mark_no_shows(now=timezone.now())


def notify_checklist_changes(matter_id: int) -> int:
    return notifications.notify_checklist_changes(matter_id)


def text_about(appointment_id: int, template: str, subscriber_ids: list[int] | None = None) -> int:
    """The one task of a cancel or reschedule: flow-back subscribers first, then the texts."""
    if subscriber_ids:
        kick(subscriber_ids)
    return notifications.text_about(appointment_id, template)
