"""The booking flow, one question per page, state carried in the query string.

Carrying the choices in the URL (not the session) means no timeout can catch
a slow reader, the back button works, and every step works without JavaScript.
"""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, urlencode

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from appointments import capacity, cutoff, limits, pages, schedule, selectors, services
from appointments.constants import Relationship
from appointments.exceptions import BookingError
from appointments.forms import ApplicantForm
from appointments.views.mine import just_booked
from centres import selectors as centre_selectors
from centres.models import ServiceCentre
from core.captcha import CaptchaForm, needs_captcha, note_attempt
from core.params import date_param
from guides.checklist import build_checklist
from guides.constants import Audience
from guides.models import BundlePage
from guides.selectors import live_bundles, live_matters, matters_with_materials


@dataclass
class BookingState:
    matters: list = field(default_factory=list)
    situations: list[str] = field(default_factory=list)
    bundle: BundlePage | None = None
    # Matters asked for that only an enterprise books (Audience.ENTERPRISE): left out, and told.
    enterprise_matters: list = field(default_factory=list)
    centre: ServiceCentre | None = None
    day: dt.date | None = None
    start: dt.datetime | None = None

    @classmethod
    def from_request(cls, request, *, booking: bool = False) -> BookingState:
        """The choices so far. ``booking``: for the last step, which reads the centre
        for the chosen start in one query and the matters from the cache."""
        params = request.POST if request.method == "POST" else request.GET
        state = cls()
        codes = [
            c.strip().upper()
            for raw in params.getlist("matters")
            for c in raw.split(",")
            if c.strip()
        ]
        bundle_code = params.get("bundle", "").strip().upper()
        if bundle_code:
            state.bundle = live_bundles().filter(code=bundle_code).first()
            if state.bundle:
                rows = list(state.bundle.bundle_matters.all())
                codes = codes or [row.matter.code for row in rows]
                state.situations = [row.situation_code for row in rows if row.situation_code]
        if state.bundle and state.bundle.audience == Audience.ENTERPRISE:
            state.bundle = None
        state.day = date_param(params.get("date"))
        # A "+" of the offset arrives as a space when a link did not encode it.
        start = params.get("start", "").strip().replace(" ", "+")
        if start:
            try:
                parsed = parse_datetime(start)
            except ValueError:
                parsed = None
            if parsed is not None:
                state.start = parsed if timezone.is_aware(parsed) else timezone.make_aware(parsed)
        centre_id = params.get("centre", "")
        asked = None
        if booking and centre_id.isdigit() and state.start is not None:
            try:
                state.centre = selectors.centre_for_booking(
                    int(centre_id), state.start, matter_codes=codes
                )
            except ServiceCentre.DoesNotExist:
                pass
            else:
                asked = selectors.booking_matters(state.centre, codes)
        elif centre_id.isdigit():
            state.centre = (
                ServiceCentre.objects.filter(pk=centre_id)
                .prefetch_related("sessions", "overrides")
                .first()
            )
        # Unknown codes are left out silently: read from the database then.
        asked = [m for m in (asked or matters_with_materials(codes)) if m.bookable]
        state.matters = [m for m in asked if m.audience != Audience.ENTERPRISE]
        state.enterprise_matters = [m for m in asked if m.audience == Audience.ENTERPRISE]
        chosen = {s.strip().upper() for s in params.getlist("situations") if s.strip()}
        known = {s.code for m in state.matters for s in m.situations.all()}
        state.situations = sorted((chosen | set(state.situations)) & known)
        return state

    def needs_situation(self) -> list:
        chosen = set(self.situations)
        return [
            m
            for m in self.matters
            if m.situations.count() > 1 and not chosen & {s.code for s in m.situations.all()}
        ]

    def query(self, **extra) -> str:
        params: list[tuple[str, str]] = []
        if self.bundle:
            params.append(("bundle", self.bundle.code))
        params += [("matters", m.code) for m in self.matters]
        params += [("situations", s) for s in self.situations]
        if self.centre:
            params.append(("centre", str(self.centre.pk)))
        if self.day:
            params.append(("date", self.day.isoformat()))
        if self.start:
            params.append(("start", timezone.localtime(self.start).isoformat()))
        params += [(k, v) for k, v in extra.items() if v]
        return urlencode(params)

    def minutes(self) -> int:
        return services.minutes_for(self.matters)

    def hidden_fields(self) -> list[tuple[str, str]]:
        return parse_qsl(self.query())


def _step(name: str, state: BookingState):
    return redirect(f"{reverse(name)}?{state.query()}")


def _next_missing(state: BookingState, upto: str):
    """Send the resident back to the first question not yet answered."""
    order = [
        "book_start",
        "book_situations",
        "book_centre",
        "book_day",
        "book_time",
        "book_confirm",
    ]
    checks = {
        "book_start": lambda: bool(state.matters),
        "book_situations": lambda: not state.needs_situation(),
        "book_centre": lambda: state.centre is not None,
        "book_day": lambda: state.day is not None,
        "book_time": lambda: state.start is not None,
    }
    for name in order[: order.index(upto)]:
        if not checks[name]():
            return _step(name, state)
    return None


def start(request):
    state = BookingState.from_request(request)
    if state.matters and not state.enterprise_matters and not request.GET.get("edit"):
        return _step("book_situations", state)
    return render(
        request,
        "appointments/book_start.html",
        {
            "state": state,
            "matters": live_matters().filter(bookable=True).exclude(audience=Audience.ENTERPRISE),
            "bundles": live_bundles().exclude(audience=Audience.ENTERPRISE),
            "chosen": {m.code for m in state.matters},
            "step": 1,
        },
    )


def situations(request):
    state = BookingState.from_request(request)
    if missing := _next_missing(state, "book_situations"):
        return missing
    pending = state.needs_situation()
    if not pending:
        return _step("book_centre", state)
    # The form says it was sent ("asked"): coming back with a question still
    # open means nothing was chosen, which the page says instead of reloading silently.
    unanswered = bool(request.GET.get("asked"))
    return render(
        request,
        "appointments/book_situations.html",
        {"state": state, "pending": pending, "unanswered": unanswered, "step": 2},
    )


def centre(request):
    state = BookingState.from_request(request)
    if missing := _next_missing(state, "book_centre"):
        return missing
    query = request.GET.get("q", "")[:50]
    return render(
        request,
        "appointments/book_centre.html",
        {"state": state, "centres": centre_selectors.centres(query), "q": query, "step": 3},
    )


def day(request):
    state = BookingState.from_request(request)
    if missing := _next_missing(state, "book_day"):
        return missing
    days = schedule.bookable_days(state.centre, timezone.now())
    return render(request, "appointments/book_day.html", {"state": state, "days": days, "step": 4})


def time(request):
    state = BookingState.from_request(request)
    if missing := _next_missing(state, "book_time"):
        return missing
    choices = selectors.time_choices(centre=state.centre, day=state.day, minutes=state.minutes())
    return render(
        request,
        "appointments/book_time.html",
        {
            "state": state,
            "choices": choices,
            "step": 5,
            "first_cancellable": cutoff.first_cancellable_start(),
            "cutoff_hours": cutoff.hours(),
        },
    )


def _expected_end(state: BookingState):
    """When the booking would end if it started at the chosen time (None: it no longer fits)."""
    options = capacity.day_options(
        centre=state.centre, day=timezone.localdate(state.start), minutes=state.minutes()
    )
    return next((o.end for o in options if o.slot.start == state.start and o.available), None)


def _initial_applicant(user) -> dict:
    return {
        "relationship": Relationship.SELF,
        "name": user.first_name,
        "phone": "",
        **pages.applicant_initial(user),
    }


@login_required
def confirm(request):
    state = BookingState.from_request(request, booking=True)
    if missing := _next_missing(state, "book_confirm"):
        return missing
    checklist = build_checklist(state.matters, situation_codes=state.situations)
    required_ids = {str(line.material_id) for line in checklist if line.required}
    error = ""
    # Suspicious volume from this address or account: each further booking needs a captcha.
    captcha = None
    if needs_captcha(request, "booking") or needs_captcha(
        request, "booking_account", key=str(request.user.pk)
    ):
        captcha = CaptchaForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        form = ApplicantForm(request.POST)
        ticked = set(request.POST.getlist("materials"))
        human = captcha is None or captcha.is_valid()
        if form.is_valid() and required_ids <= ticked and human:
            note_attempt(request, "booking")
            note_attempt(request, "booking_account", key=str(request.user.pk))
            try:
                services.check_rate(user=request.user, address=limits.client_address(request))
                appointment = services.book_appointment(
                    centre=state.centre,
                    start=state.start,
                    matters=state.matters,
                    situation_codes=state.situations,
                    applicant=form.applicant(),
                    booked_by=request.user,
                    idempotency_key=request.POST.get("submission", "")[:64],
                )
            except BookingError as exc:
                error = exc.message
            else:
                response = redirect("appointment_detail", reference=appointment.reference)
                just_booked(response, appointment.reference)
                return response
        elif form.is_valid() and required_ids <= ticked:
            error = _("请输入图片中的验证码后再确认预约。")
        elif form.is_valid():
            error = _("请逐项确认必须携带的材料（在每一项前打勾）。")
    else:
        form = ApplicantForm(initial=_initial_applicant(request.user))
        ticked = set()
    return render(
        request,
        "appointments/book_confirm.html",
        {
            "state": state,
            "form": form,
            "captcha": captcha,
            "checklist": checklist,
            "ticked": ticked,
            "error": error,
            "submission": request.POST.get("submission") or secrets.token_urlsafe(16),
            "expected_end": _expected_end(state),
            "inside_cutoff": cutoff.inside_cutoff(state.start),
            "cutoff_hours": cutoff.hours(),
            "step": 6,
        },
    )
