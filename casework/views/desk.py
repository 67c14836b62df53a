"""The workbench at a counter, and reception: scanning, calling, walk-ins, finding a case."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from casework import selectors, services
from casework.exceptions import AlreadyDone, CounterError
from casework.forms import WalkInForm
from casework.models import QueueTicket
from casework.views import clerk_view, counter_of, set_counter


def _workbench(request, *, error: CounterError | None = None, code: str = "", status: int = 200):
    context = {
        "centre": request.centre,
        "error": error,
        "code": code,
        "queue": selectors.todays_queue(request.centre.pk),
        "waiting": selectors.waiting(request.centre.pk).count(),
        "cases": selectors.todays_cases(request.centre.pk),
        "returned": selectors.open_returned_cases(request.centre.pk),
        "counter": counter_of(request),
    }
    return render(request, "casework/workbench.html", context, status=status)


@clerk_view
def workbench(request):
    return _workbench(request)


def reopen(appointment):
    """Where a clerk goes back to a person already checked in: their case, or their intake."""
    case = appointment.cases.filter(employee__isnull=True).order_by("-accepted_at").first()
    if case is not None and not hasattr(appointment, "batch"):
        return redirect("counter_case", case_number=case.case_number)
    return redirect("counter_intake", reference=appointment.reference)


@clerk_view
@require_POST
def scan(request):
    """A scan at a counter: the person is served there and then."""
    code = request.POST.get("code", "")
    counter = set_counter(request, request.POST.get("counter", ""))
    try:
        appointment = services.scan_ticket(code=code, clerk=request.user, counter=counter)
    except AlreadyDone as exc:
        appointment = getattr(exc, "appointment", None)
        if appointment is not None and appointment.centre_id == request.centre.pk:
            return reopen(appointment)
        return _workbench(request, error=exc, code=code.strip()[:200], status=exc.status)
    except CounterError as exc:
        return _workbench(request, error=exc, code=code.strip()[:200], status=exc.status)
    return redirect("counter_intake", reference=appointment.reference)


@clerk_view
@require_POST
def call_next(request):
    counter = set_counter(request, request.POST.get("counter", ""))
    ticket = services.call_next(clerk=request.user, counter=counter)
    if ticket is None:
        messages.info(request, _("现在没有人在等候。"))
        return redirect(reverse("counter_workbench") + "#queue")
    if ticket.appointment_id is None:
        # A number taken without details: register the walk-in under it.
        return redirect(reverse("counter_walk_in") + f"?number={ticket.number}")
    return redirect("counter_intake", reference=ticket.appointment.reference)


@clerk_view
@require_POST
def skip(request):
    number = request.POST.get("number", "")
    try:
        if request.POST.get("action") == "requeue":
            services.requeue(clerk=request.user, number=number)
        else:
            services.skip(clerk=request.user, number=number)
    except CounterError as exc:
        messages.error(request, exc.message)
    return redirect(reverse("counter_workbench") + "#queue")


@clerk_view
def find(request):
    """A returning applicant: by case number, appointment reference or ID number."""
    text = request.GET.get("q", "").strip()[:40]
    cases = list(selectors.find_cases(request.centre.pk, text)[:20]) if text else []
    if len(cases) == 1:
        return redirect("counter_case", case_number=cases[0].case_number)
    if not cases and text:
        try:
            appointment = services.appointment_at_counter(reference=text, clerk=request.user)
        except CounterError:
            appointment = None
        if appointment is not None and appointment.checked_in_at is not None:
            return reopen(appointment)
    return render(
        request,
        "casework/find.html",
        {"centre": request.centre, "q": text, "cases": cases},
        status=200 if cases or not text else 404,
    )


@clerk_view
def walk_in(request):
    """Register someone who came without booking; at reception they then queue."""
    at_reception = request.GET.get("at") == "reception" or request.POST.get("at") == "reception"
    number = (request.GET.get("number") or request.POST.get("queue_number") or "")[:8]
    form = WalkInForm(request.POST or None, initial={"queue_number": number})
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            appointment = services.register_walk_in(
                clerk=request.user,
                **form.walk_in(),
                counter=None if at_reception else counter_of(request),
            )
        except CounterError as exc:
            form.add_domain_errors(exc)
            status = exc.status
        else:
            if at_reception:
                ticket = QueueTicket.objects.get(appointment=appointment)
                return redirect("counter_slip", number=ticket.number)
            return redirect("counter_intake", reference=appointment.reference)
    elif request.method == "POST":
        status = 422
    return render(
        request,
        "casework/walk_in.html",
        {"centre": request.centre, "form": form, "at_reception": at_reception, "number": number},
        status=status,
    )


@clerk_view
def reception(request):
    """The reception desk: scan tickets and hand out numbers; nobody is served here."""
    error, code, status = None, "", 200
    if request.method == "POST":
        if request.POST.get("action") == "number":
            ticket = services.issue_walk_in(centre=request.centre)
            return redirect("counter_slip", number=ticket.number)
        code = request.POST.get("code", "")
        try:
            appointment = services.scan_ticket(code=code, clerk=request.user)
        except AlreadyDone as exc:
            appointment = getattr(exc, "appointment", None)
            ticket = (
                QueueTicket.objects.filter(appointment=appointment).first()
                if appointment is not None and appointment.centre_id == request.centre.pk
                else None
            )
            if ticket is not None:
                # Checked in already: the same number again (a lost slip, a second look).
                return redirect("counter_slip", number=ticket.number)
            error, status = exc, exc.status
        except CounterError as exc:
            error, status = exc, exc.status
        else:
            return redirect("counter_slip", number=appointment.queue_ticket.number)
    return render(
        request,
        "casework/reception.html",
        {
            "centre": request.centre,
            "error": error,
            "code": code.strip()[:200],
            "waiting": selectors.waiting(request.centre.pk).count(),
        },
        status=status,
    )


@clerk_view
def slip(request, number):
    """The printed queue slip: in Chinese, whatever the clerk's browser says."""
    ticket = get_object_or_404(
        QueueTicket.objects.select_related("appointment", "centre"),
        centre=request.centre,
        date=selectors.today(),
        number=number.upper(),
    )
    if ticket.centre_id != request.centre.pk:
        raise PermissionDenied
    place = selectors.place_of_ticket(ticket)
    with translation.override("zh-hans"):
        return render(
            request,
            "casework/slip.html",
            {"ticket": ticket, "place": place, "centre": request.centre},
        )
