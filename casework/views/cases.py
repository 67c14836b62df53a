"""A case at the counter: materials brought back, completion, rejection, its printout."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation

from casework import services
from casework.exceptions import CounterError
from casework.models import Case
from casework.views import clerk_view


def _case(request, case_number) -> Case:
    case = get_object_or_404(
        Case.objects.select_related("appointment", "centre"), case_number=case_number
    )
    if case.centre_id != request.centre.pk:
        raise PermissionDenied
    return case


@clerk_view
def case_detail(request, case_number):
    case = _case(request, case_number)
    error, status = None, 200
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "complete":
                services.complete_case(
                    case=case, clerk=request.user, reason=request.POST.get("missing_reason", "")
                )
            elif action == "reject":
                services.reject_case(
                    case=case, clerk=request.user, reason=request.POST.get("reason", "")
                )
            elif action == "receive":
                services.receive_materials(
                    case=case,
                    clerk=request.user,
                    received=[pk for pk in request.POST.getlist("received") if pk.isdigit()],
                )
        except CounterError as exc:
            error, status = exc, exc.status
        else:
            return redirect("counter_case", case_number=case.case_number)
    return render(
        request,
        "casework/case.html",
        {
            "case": case,
            "lines": case.materials.select_related("material").order_by("pk"),
            "steps": case.steps.select_related("clerk"),
            "still_missing": services.still_missing(case),
            "error": error,
            "centre": request.centre,
        },
        status=status,
    )


@clerk_view
def case_print(request, case_number):
    """受理回执, or the 补正 notice (一次性告知): always in Chinese."""
    case = _case(request, case_number)
    with translation.override("zh-hans"):
        return render(
            request,
            "casework/case_print.html",
            {
                "case": case,
                "lines": case.materials.select_related("material").order_by("pk"),
                "still_missing": services.still_missing(case),
                "centre": request.centre,
            },
        )


@clerk_view
def audit(request):
    from casework import selectors

    if request.user.profile.role != "manager":
        raise PermissionDenied
    return render(
        request,
        "casework/audit.html",
        {"entries": selectors.audit_trail(request.centre.pk), "centre": request.centre},
    )
