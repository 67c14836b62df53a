"""What residents are told: confirmation, reminder, calendar file."""

from __future__ import annotations

import datetime as dt

import icalendar
from django.conf import settings
from django.core.mail import send_mail
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone, translation

from appointments import cutoff, signals
from appointments.constants import AppointmentStatus
from appointments.models import Appointment


def _with_details(appointment_id: int) -> Appointment:
    return (
        Appointment.objects.select_related("centre", "booked_by", "centre__county__city")
        .prefetch_related("matters__matter")
        .get(pk=appointment_id)
    )


def email_booker(appointment: Appointment, template: str, context: dict) -> bool:
    """Mail the account that booked: ``<template>_subject.txt`` and ``<template>.txt``.

    Rendered in the site's language (a worker has no request to take one
    from); an account without an e-mail address is skipped.
    """
    email = appointment.booked_by.email
    if not email:
        return False
    with translation.override(settings.LANGUAGE_CODE):
        context = {"appointment": appointment, "site_url": settings.SITE_URL, **context}
        subject = render_to_string(f"{template}_subject.txt", context).strip()
        body = render_to_string(f"{template}.txt", context)
    send_mail(subject, body, None, [email])
    return True


def text(appointment: Appointment, template: str) -> int:
    """Ask the apps above for one of the booking texts; how many they queued."""
    responses = signals.text_due.send(
        sender=Appointment, appointment=appointment, template=template
    )
    return sum(n for _receiver, n in responses if isinstance(n, int))


def _send(appointment: Appointment, template: str) -> None:
    context = {"cutoff_hours": cutoff.hours()}
    email_booker(appointment, f"appointments/email/{template}", context)


def send_confirmation(appointment_id: int) -> None:
    appointment = _with_details(appointment_id)
    _send(appointment, "confirmation")
    text(appointment, "booking_confirmed")


def send_reminders(*, now: dt.datetime) -> int:
    """Remind everyone booked for tomorrow, once each."""
    tomorrow = timezone.localdate(now) + dt.timedelta(days=1)
    due = Appointment.objects.filter(
        Q(reminder_sent_at__isnull=True), status=AppointmentStatus.BOOKED, start__date=tomorrow
    ).values_list("pk", flat=True)
    sent = 0
    for pk in list(due):
        # The conditional update makes a second worker skip what the first took.
        if Appointment.objects.filter(pk=pk, reminder_sent_at__isnull=True).update(
            reminder_sent_at=now
        ):
            appointment = _with_details(pk)
            _send(appointment, "reminder")
            text(appointment, "booking_reminder")
            sent += 1
    return sent


def calendar_file(appointment: Appointment) -> bytes:
    cal = icalendar.Calendar()
    cal.add("prodid", "-//Jiangsu service centres//zwfw//ZH")
    cal.add("version", "2.0")
    event = icalendar.Event()
    event.add("uid", f"{appointment.reference}@zwfw.jiangsu")
    event.add("dtstamp", timezone.now())
    event.add("dtstart", appointment.start)
    event.add("dtend", appointment.end)
    names = "、".join(am.matter.title for am in appointment.matters.all())
    event.add("summary", f"{appointment.centre.name} 综合窗口：{names}")
    event.add("location", f"{appointment.centre.name}，{appointment.centre.address}")
    event.add("description", f"预约号 {appointment.reference}。请带齐材料，提前10分钟到达。")
    alarm = icalendar.Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("trigger", dt.timedelta(hours=-2))
    alarm.add("description", "便民服务中心预约提醒")
    event.add_component(alarm)
    cal.add_component(event)
    return cal.to_ical()


def notify_checklist_changes(matter_id: int) -> int:
    """E-mail everyone with an upcoming booking whose confirmed list has changed."""
    from appointments.guide_changes import checklist_change
    from appointments.models import AppointmentMatter

    items = AppointmentMatter.objects.filter(
        matter_id=matter_id, appointment__status=AppointmentStatus.BOOKED
    ).select_related("matter", "guide_revision", "appointment__booked_by", "appointment__centre")
    told = 0
    for item in items:
        change = checklist_change(item)
        if not change:
            continue
        mailed = email_booker(
            item.appointment, "appointments/email/checklist_changed", {"change": change}
        )
        if text(item.appointment, "checklist_changed") or mailed:
            told += 1
    return told


def text_about(appointment_id: int, template: str) -> int:
    """A booking text sent from the worker (cancellation, reschedule)."""
    return text(_with_details(appointment_id), template)
