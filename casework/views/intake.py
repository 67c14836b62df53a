"""The pre-filled intake: tick materials (or all at once), 受理, or a confirmed 退回补正."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from appointments.selectors import checklist_of
from casework import selectors, services
from casework.exceptions import CounterError, InvalidIntake
from casework.services.intake import missing_names
from casework.views import clerk_view
from casework.views.desk import _workbench


def _intake_page(
    request,
    appointment,
    *,
    revealed: str = "",
    error: CounterError | None = None,
    ticked: set[int] | None = None,
    confirm_return: list[str] | None = None,
    status=200,
):
    context = {
        **selectors.intake(appointment),
        "revealed": revealed,
        "may_reveal": services.may_reveal(appointment),
        "error": error,
        "centre": request.centre,
        "ticked": ticked or set(),
        "confirm_return": confirm_return,
    }
    return render(request, "casework/intake.html", context, status=status)


def _ticked(post) -> set[int]:
    return {
        int(key[2:])
        for key, choice in post.items()
        if key.startswith("m-") and key[2:].isdigit() and choice == "received"
    }


@clerk_view
def intake(request, reference):
    try:
        appointment = services.appointment_at_counter(reference=reference, clerk=request.user)
    except CounterError as exc:
        if exc.status == 403:
            raise PermissionDenied(exc.message) from None
        return _workbench(request, error=exc, code=reference, status=exc.status)
    is_batch = hasattr(appointment, "batch")
    if request.method != "POST":
        existing = appointment.cases.filter(employee__isnull=True).first()
        if existing and not is_batch:
            return redirect("counter_case", case_number=existing.case_number)
        services.start_intake(appointment=appointment, now=timezone.now())
        services.log_intake_view(appointment=appointment, clerk=request.user)
        return _intake_page(request, appointment)
    action = request.POST.get("action", "accept")
    ticked = _ticked(request.POST)
    if action == "all":
        # 全部已收 without JavaScript: the same form, every material ticked.
        lines = checklist_of(appointment)
        return _intake_page(request, appointment, ticked={line.material_id for line in lines})
    if action == "edit":
        return _intake_page(request, appointment, ticked=ticked)
    if action == "return":
        missing = missing_names(checklist_of(appointment), ticked)
        if not missing:
            error = InvalidIntake(_("必需材料都已收齐，不需要退回补正，请点“受理”。"))
            return _intake_page(request, appointment, ticked=ticked, error=error, status=422)
        return _intake_page(request, appointment, ticked=ticked, confirm_return=missing)
    notes = request.POST.get("notes", "")
    return_missing = action == "return_confirmed"
    try:
        if is_batch:
            services.accept_batch_intake(
                appointment=appointment,
                clerk=request.user,
                employee_ids=[pk for pk in request.POST.getlist("employees") if pk.isdigit()],
                received=ticked,
                notes=notes,
                return_missing=return_missing,
            )
            return redirect("counter_intake", reference=appointment.reference)
        case = services.accept_intake(
            appointment=appointment,
            clerk=request.user,
            received=ticked,
            notes=notes,
            return_missing=return_missing,
        )
    except CounterError as exc:
        return _intake_page(request, appointment, error=exc, ticked=ticked, status=exc.status)
    return redirect("counter_case", case_number=case.case_number)


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
