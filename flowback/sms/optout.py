"""Residents who asked not to be reminded the day before; codes and service messages still go."""

from __future__ import annotations

from appointments.personal_data import person_hash
from flowback.sms.gateway import mainland


def _hash(phone: str) -> str:
    return person_hash(f"tel:{mainland(phone)}")


def set_reminders(*, phone: str, wanted: bool) -> None:
    from flowback.sms.models import ReminderOptOut

    if wanted:
        ReminderOptOut.objects.filter(phone_hash=_hash(phone)).delete()
    else:
        ReminderOptOut.objects.get_or_create(phone_hash=_hash(phone))


def wants_reminders(phone: str) -> bool:
    from flowback.sms.models import ReminderOptOut

    return not ReminderOptOut.objects.filter(phone_hash=_hash(phone)).exists()
