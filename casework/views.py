"""The counter workbench for clerks, and the hall display."""

from __future__ import annotations

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from appointments.models import ServiceCentre
from casework import selectors, services
from casework.exceptions import CounterError
from casework.models import Case


def staff_view(centre_of):
    """Views for staff of a centre, who log in through the staff (Wagtail) login.

    ``centre_of(user)`` gives the centre the user may act for (``request.centre``)
    or raises PermissionDenied.
    """

    def decorator(view):
        @login_required(login_url="/admin/login/")
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            request.centre = centre_of(request.user)
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


clerk_view = staff_view(services.clerk_centre)


def _workbench(request, *, error: CounterError | None = None, code: str = "", status: int = 200):
    context = {
        "centre": request.centre,
        "error": error,
        "code": code,
        "queue": selectors.todays_queue(request.centre.pk),
        "cases": selectors.todays_cases(request.centre.pk),
        "counter": request.session.get("counter_number", 1),
    }
    return render(request, "casework/workbench.html", context, status=status)


@clerk_view
def workbench(request):
    return _workbench(request)


@clerk_view
@require_POST
def scan(request):
    code = request.POST.get("code", "")
    try:
        appointment = services.scan_ticket(code=code, clerk=request.user)
    except CounterError as exc:
        return _workbench(request, error=exc, code=code.strip()[:200], status=exc.status)
    return redirect("counter_intake", reference=appointment.reference)


def _intake_page(
    request, appointment, *, revealed: str = "", error: CounterError | None = None, status=200
):
    context = {
        **selectors.intake(appointment),
        "revealed": revealed,
        "may_reveal": services.may_reveal(appointment),
        "error": error,
        "centre": request.centre,
    }
    return render(request, "casework/intake.html", context, status=status)


@clerk_view
def intake(request, reference):
    try:
        appointment = services.appointment_at_counter(reference=reference, clerk=request.user)
    except CounterError as exc:
        if exc.status == 403:
            raise PermissionDenied(exc.message) from None
        return _workbench(request, error=exc, code=reference, status=exc.status)
    is_batch = hasattr(appointment, "batch")
    if request.method == "POST":
        ticked = [
            pk
            for pk, choice in request.POST.items()
            if pk.startswith("m-") and choice == "received"
        ]
        received = [int(pk[2:]) for pk in ticked if pk[2:].isdigit()]
        notes = request.POST.get("notes", "")
        try:
            if is_batch:
                services.accept_batch_intake(
                    appointment=appointment,
                    clerk=request.user,
                    employee_ids=[pk for pk in request.POST.getlist("employees") if pk.isdigit()],
                    received=received,
                    notes=notes,
                )
                return redirect("counter_intake", reference=appointment.reference)
            case = services.accept_intake(
                appointment=appointment, clerk=request.user, received=received, notes=notes
            )
        except CounterError as exc:
            return _intake_page(request, appointment, error=exc, status=exc.status)
        return redirect("counter_case", case_number=case.case_number)
    existing = appointment.cases.filter(employee__isnull=True).first()
    if existing and not is_batch:
        return redirect("counter_case", case_number=existing.case_number)
    services.log_intake_view(appointment=appointment, clerk=request.user)
    return _intake_page(request, appointment)


@clerk_view
@require_POST
def reveal(request, reference):
    try:
        appointment = services.appointment_at_counter(reference=reference, clerk=request.user)
    except CounterError as exc:
        raise PermissionDenied(exc.message) from None
    try:
        revealed = services.reveal_id_number(appointment=appointment, clerk=request.user)
    except CounterError as exc:
        return _intake_page(request, appointment, error=exc, status=exc.status)
    return _intake_page(request, appointment, revealed=revealed)


@clerk_view
def case_detail(request, case_number):
    case = get_object_or_404(Case.objects.select_related("appointment"), case_number=case_number)
    if case.centre_id != request.centre.pk:
        raise PermissionDenied
    error = None
    if request.method == "POST":
        try:
            if request.POST.get("action") == "complete":
                services.complete_case(case=case, clerk=request.user)
            elif request.POST.get("action") == "reject":
                services.reject_case(
                    case=case, clerk=request.user, reason=request.POST.get("reason", "")
                )
        except CounterError as exc:
            error = exc
        else:
            return redirect("counter_case", case_number=case.case_number)
    return render(
        request,
        "casework/case.html",
        {
            "case": case,
            "lines": case.materials.select_related("material"),
            "error": error,
            "centre": request.centre,
        },
    )


@clerk_view
@require_POST
def call_next(request):
    counter = request.POST.get("counter", "1")
    counter = int(counter) if counter.isdigit() and 0 < int(counter) < 100 else 1
    request.session["counter_number"] = counter
    services.call_next(clerk=request.user, counter=counter)
    return redirect(reverse("counter_workbench") + "#queue")


@clerk_view
@require_POST
def walk_in(request):
    ticket = services.issue_walk_in(centre=request.centre)
    request.session["last_walk_in"] = ticket.number
    return redirect(reverse("counter_workbench") + "#queue")


@clerk_view
def audit(request):
    if request.user.profile.role != "manager":
        raise PermissionDenied
    return render(
        request,
        "casework/audit.html",
        {"entries": selectors.audit_trail(request.centre.pk), "centre": request.centre},
    )


def hall(request, centre_code):
    """The big screen in the hall: numbers and counters only, refreshing itself."""
    centre = get_object_or_404(ServiceCentre, code=centre_code)
    calls = list(selectors.recent_calls(centre.pk))
    return render(
        request, "casework/hall.html", {"centre": centre, "current": calls[:1], "recent": calls[1:]}
    )
