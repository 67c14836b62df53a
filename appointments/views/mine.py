"""My appointments: list, details with the ticket, cancel, reschedule, calendar file."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from appointments import cutoff, notifications, pages, schedule, selectors, services
from appointments.exceptions import BookingError
from appointments.guide_changes import checklist_change, has_checklist_change
from appointments.tickets import ticket_path
from centres import calendar
from core.params import date_param

# The cookie the booking step sets so the appointment page shows its confirmation
# panel once: signed, short-lived, and no session write for the booking request.
JUST_BOOKED = "just_booked"
JUST_BOOKED_SECONDS = 600


def just_booked(response, reference: str) -> None:
    """Tell the appointment page the response leads to that this booking was just made."""
    response.set_signed_cookie(
        JUST_BOOKED,
        reference,
        salt=JUST_BOOKED,
        max_age=JUST_BOOKED_SECONDS,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )


@login_required
def my_appointments(request):
    appointments = pages.list_facts(list(selectors.appointments_of(request.user)))
    for appointment in appointments:
        # Only bookings still to come: the list is told only of what one still has to bring.
        appointment.checklist_changed = appointment.is_active and has_checklist_change(appointment)
    return render(request, "appointments/mine.html", {"appointments": appointments})


@login_required
def detail(request, reference):
    appointment = selectors.appointment_of(request.user, reference)
    changes = [
        c
        for c in (
            checklist_change(am) for am in appointment.matters.select_related("guide_revision")
        )
        if c
    ]
    greeted = (
        request.get_signed_cookie(
            JUST_BOOKED, default=None, salt=JUST_BOOKED, max_age=JUST_BOOKED_SECONDS
        )
        == appointment.reference
    )
    response = render(
        request,
        "appointments/detail.html",
        {
            "appointment": appointment,
            "checklist": selectors.checklist_of(appointment),
            "changes": changes,
            "ticket_path": ticket_path(appointment.reference),
            "cancellable": appointment.is_cancellable(timezone.now()),
            **pages.page_context(appointment, public=False),
            # The confirmation panel shows once, on the page the booking form leads to.
            "just_booked": greeted,
        },
    )
    if greeted:
        response.delete_cookie(JUST_BOOKED, samesite="Lax")
    return response


@login_required
def checklist(request, reference):
    appointment = selectors.appointment_of(request.user, reference)
    lines = selectors.checklist_of(appointment)
    # Residents read matter names; the codes stay staff's reference.
    titles = {am.matter.code: am.matter.title for am in appointment.matters.all()}
    for line in lines:
        line.matters = [titles.get(code, code) for code in line.matters]
    return render(
        request,
        "appointments/checklist_print.html",
        {"appointment": appointment, "checklist": lines},
    )


@login_required
def calendar_file(request, reference):
    appointment = selectors.appointment_of(request.user, reference)
    response = HttpResponse(
        notifications.calendar_file(appointment), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = (
        f'attachment; filename="appointment-{appointment.reference}.ics"'
    )
    return response


@login_required
def cancel(request, reference):
    """GET: what cancelling will do, and a way back; POST: cancel."""
    appointment = selectors.appointment_of(request.user, reference)
    if request.method != "POST":
        return render(
            request,
            "appointments/cancel_confirm.html",
            {
                "appointment": appointment,
                "cancellable": appointment.is_cancellable(timezone.now()),
            },
        )
    try:
        services.cancel_appointment(appointment=appointment)
    except BookingError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("预约已取消，时段已释放。"))
    return redirect("appointment_detail", reference=appointment.reference)


@login_required
def reschedule(request, reference):
    appointment = selectors.appointment_of(request.user, reference)
    centre = calendar.centre_with_calendar(appointment.centre_id)
    error = ""
    if request.method == "POST":
        start = (
            parse_datetime(request.POST.get("start", "") or "")
            if request.POST.get("start")
            else None
        )
        if start is None:
            error = _("请选择新的时间。")
        else:
            try:
                services.reschedule_appointment(appointment=appointment, start=start)
            except BookingError as exc:
                error = exc.message
            else:
                messages.success(request, _("改约成功。"))
                return redirect("appointment_detail", reference=appointment.reference)
    day = date_param(request.GET.get("date"))
    choices = {}
    if day:
        choices = selectors.time_choices(
            centre=centre, day=day, minutes=appointment.minutes, batch=appointment.is_batch
        )
    # A chosen time is confirmed on its own page before anything moves.
    chosen = _chosen_option(choices, request.GET.get("start", ""))
    if chosen is not None and not error:
        return render(
            request,
            "appointments/reschedule_confirm.html",
            {
                "appointment": appointment,
                "option": chosen,
                "day": day,
                "inside_cutoff": cutoff.inside_cutoff(chosen.slot.start),
                "cutoff_hours": cutoff.hours(),
            },
        )
    return render(
        request,
        "appointments/reschedule.html",
        {
            "appointment": appointment,
            "days": schedule.bookable_days(centre, timezone.now()),
            "day": day,
            "choices": choices,
            "error": error,
        },
    )


def _chosen_option(choices: dict, value: str):
    start = parse_datetime(value) if value else None
    if start is None:
        return None
    start = schedule.aware(start)
    return next(
        (o for o in choices.get("options", []) if o.available and o.slot.start == start), None
    )
