"""The outbox records what booking announces, in the transaction of the change."""

from django.dispatch import receiver

from appointments.signals import (
    appointment_booked,
    appointment_cancelled,
    appointment_rescheduled,
)
from flowback.constants import EventType
from flowback.services import record_event


@receiver(appointment_booked)
def record_booked(sender, appointment, matters, **kwargs):
    record_event(type=EventType.APPOINTMENT_BOOKED, appointment=appointment, matters=matters)


@receiver(appointment_cancelled)
def record_cancelled(sender, appointment, now, **kwargs):
    record_event(type=EventType.APPOINTMENT_CANCELLED, appointment=appointment, now=now)


@receiver(appointment_rescheduled)
def record_rescheduled(sender, appointment, now, **kwargs):
    record_event(type=EventType.APPOINTMENT_RESCHEDULED, appointment=appointment, now=now)
