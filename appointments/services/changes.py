"""Cancelling and rescheduling a booking before the cut-off."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_q.tasks import async_task

from appointments import capacity, schedule, signals
from appointments.constants import AppointmentStatus
from appointments.exceptions import NotCancellable, SlotFull
from appointments.models import Appointment
from appointments.services.booking import handover_of, too_long_message
from centres import calendar


@transaction.atomic
def cancel_appointment(*, appointment: Appointment, now: dt.datetime | None = None) -> Appointment:
    """Cancel before the cut-off; the slot's minutes are free again at once."""
    now = now or timezone.now()
    appointment = Appointment.objects.select_for_update().get(pk=appointment.pk)
    if not appointment.is_cancellable(now):
        raise NotCancellable(_cutoff_message(appointment))
    appointment.status = AppointmentStatus.CANCELLED
    appointment.cancelled_at = now
    appointment.save(update_fields=["status", "cancelled_at"])
    capacity.give_back(appointment)
    appointment.holds.update(active=False)
    handover = handover_of(
        signals.appointment_cancelled.send(sender=Appointment, appointment=appointment, now=now)
    )
    _text_later(appointment, "booking_cancelled", handover)
    return appointment


@transaction.atomic
def reschedule_appointment(
    *, appointment: Appointment, start: dt.datetime, now: dt.datetime | None = None
) -> Appointment:
    """Move a booking to another slot of the same centre: all of it, or nothing."""
    now = now or timezone.now()
    appointment = (
        Appointment.objects.select_for_update().select_related("centre").get(pk=appointment.pk)
    )
    if not appointment.is_cancellable(now):
        raise NotCancellable(_cutoff_message(appointment))
    centre = calendar.centre_with_calendar(appointment.centre_id)
    start = schedule.aware(start)
    schedule.check_start(centre, start, now)
    if start == appointment.start:
        return appointment
    # Every slot either booking touches is locked first, in start order.
    capacity.ensure_slots(centre, capacity.window(centre, start))
    capacity.lock_window(appointment, capacity.window(centre, start))
    capacity.give_back(appointment)
    try:
        plan = capacity.draw(
            centre=centre, start=start, minutes=appointment.minutes, batch=appointment.is_batch
        )
    except SlotFull:
        raise SlotFull(too_long_message(centre, start, appointment.minutes, now)) from None
    capacity.record(appointment, plan)
    appointment.slot, appointment.start, appointment.end = plan[0][0], start, plan[-1][0].end
    appointment.reminder_sent_at = None
    appointment.save(update_fields=["slot", "start", "end", "reminder_sent_at"])
    handover = handover_of(
        signals.appointment_rescheduled.send(sender=Appointment, appointment=appointment, now=now)
    )
    _text_later(appointment, "booking_rescheduled", handover)
    return appointment


def _text_later(appointment: Appointment, template: str, handover: dict) -> None:
    """Text the people concerned from the worker once the change is committed.

    The same task hands the receivers' work over (flowback's kick): one enqueue.
    """
    pk = appointment.pk
    transaction.on_commit(
        lambda: async_task("appointments.tasks.text_about", pk, template, handover)
    )


def _cutoff_message(appointment: Appointment) -> str:
    if appointment.status != AppointmentStatus.BOOKED:
        return _("该预约当前状态为“%(s)s”，不能取消或改约。") % {
            "s": appointment.get_status_display()
        }
    deadline = timezone.localtime(appointment.cancellation_deadline())
    return _("预约开始前 %(h)s 小时内不能取消或改约（截止于 %(t)s）。") % {
        "h": settings.BOOKING_CANCEL_CUTOFF_HOURS,
        "t": deadline.strftime("%Y-%m-%d %H:%M"),
    }
