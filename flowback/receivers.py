"""The outbox records what booking announces, in the transaction of the change."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from appointments.signals import (
    appointment_booked,
    appointment_cancelled,
    appointment_rescheduled,
    change_committed,
    text_due,
)
from flowback.booking_texts import text_about
from flowback.constants import EventType
from flowback.delivery import kick
from flowback.models import Subscriber
from flowback.outbox import forget_subscribers
from flowback.services import record_event

# The key of flowback's part in a change's handover (see appointments.signals).
HANDOVER = "flowback_subscribers"


@receiver(appointment_booked)
def record_booked(sender, appointment, matters, centre=None, enqueue=True, **kwargs):
    event = record_event(
        type=EventType.APPOINTMENT_BOOKED,
        appointment=appointment,
        centre=centre,
        matters=matters,
        enqueue=enqueue,
    )
    return None if enqueue else {HANDOVER: event.subscriber_ids}


@receiver(appointment_cancelled)
def record_cancelled(sender, appointment, now, **kwargs):
    event = record_event(
        type=EventType.APPOINTMENT_CANCELLED, appointment=appointment, now=now, enqueue=False
    )
    return {HANDOVER: event.subscriber_ids}


@receiver(appointment_rescheduled)
def record_rescheduled(sender, appointment, now, **kwargs):
    event = record_event(
        type=EventType.APPOINTMENT_RESCHEDULED, appointment=appointment, now=now, enqueue=False
    )
    return {HANDOVER: event.subscriber_ids}


@receiver(change_committed)
def kick_subscribers(sender, appointment_id, handover, **kwargs):
    # In the worker, after the commit: the change's one task kicks its subscribers.
    if ids := handover.get(HANDOVER):
        kick(ids)


@receiver(text_due)
def send_booking_text(sender, appointment, template, **kwargs):
    # In the worker, after the commit: the texts of a change, a reminder or a changed checklist.
    return text_about(appointment, template)


@receiver([post_save, post_delete], sender=Subscriber)
def subscribers_changed(sender, **kwargs):
    # Now, for this transaction's own events, and after the commit, for everyone's.
    forget_subscribers()
    transaction.on_commit(forget_subscribers)
