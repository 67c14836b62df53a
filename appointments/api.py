"""JSON endpoints: centres and slots (public), appointments (the resident's session)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.security import django_auth

from appointments import capacity, limits, schedule, selectors, services
from appointments.exceptions import BookingError, InvalidBooking, TooFast
from appointments.forms import ApplicantForm
from appointments.models import Appointment
from appointments.tickets import ticket_path
from centres import calendar
from centres import selectors as centre_selectors
from centres.models import ServiceCentre
from core.schema import LocalDateTime
from guides.api import ChecklistItem, checklist_line_dict
from guides.checklist import build_checklist
from guides.selectors import matter_minutes, matters_with_materials

router = Router(tags=["appointments"])


class CentreOut(Schema):
    id: int
    name: str
    city: str
    county: str
    address: str
    phone: str = Field(..., description="咨询电话")
    url: str = Field(..., description="中心的公开页面：开放时间、电话、地址")


class SlotOut(Schema):
    start: dt.datetime
    end: dt.datetime
    available: bool = Field(..., description="整个预约能从这里开始并在本场次内办完")
    booking_end: dt.datetime | None = Field(None, description="从这里开始时预计结束的时间")
    max_people: int = Field(..., description="从这里开始最多还能办几人（按所选事项）")


class SlotQuery(Schema):
    date: dt.date
    matters: str = Field(..., description="事项编码，逗号分隔")
    people: int = Field(1, ge=1, le=500)


class ApplicantIn(Schema):
    name: str
    id_number: str
    phone: str
    relationship: str = "self"


class AppointmentIn(Schema):
    centre_id: int
    start: LocalDateTime
    matters: list[str]
    situations: list[str] = []
    applicant: ApplicantIn


class RescheduleIn(Schema):
    start: LocalDateTime


class AppointmentOut(Schema):
    reference: str
    status: str
    start: dt.datetime
    end: dt.datetime
    centre: CentreOut
    matters: list[str]
    applicant: dict[str, str]
    checklist: list[ChecklistItem]
    ticket_url: str
    qr_svg_url: str


def error(exc: BookingError) -> HttpResponse:
    from core.errors import error_response

    response = error_response(exc.status, exc.message, exc.errors)
    if getattr(exc, "retry_after", None):
        response["Retry-After"] = str(exc.retry_after)
    return response


def _centre_dict(centre: ServiceCentre) -> dict:
    return {
        "id": centre.pk,
        "name": centre.name,
        "city": centre.county.city.name,
        "county": centre.county.name,
        "address": centre.address,
        "phone": centre.phone,
        "url": reverse("centre_page", args=[centre.code]),
    }


def _matters(codes: list[str], *, read=matters_with_materials):
    codes = [c.strip().upper() for c in codes if c.strip()]
    if not codes:
        raise InvalidBooking(_("请至少选择一个事项。"), field="matters")
    found = read(codes)
    unknown = sorted(set(codes) - {m.code for m in found})
    if unknown:
        raise InvalidBooking(
            _("没有这些事项：%(codes)s") % {"codes": "、".join(unknown)}, field="matters"
        )
    return found


def _centre(centre_id: int) -> ServiceCentre:
    try:
        return calendar.centre_with_calendar(centre_id)
    except ServiceCentre.DoesNotExist:
        raise Http404(_("没有编号为 %(id)s 的便民服务中心。") % {"id": centre_id}) from None


def appointment_dict(appointment: Appointment, *, matters=None) -> dict:
    """The answer for one appointment; ``matters`` (with their materials) when already loaded."""
    # A booking just made carries its matters; anything else reads them.
    items = getattr(appointment, "booked_matters", None) or list(appointment.matters.all())
    if matters is None:
        matters = matters_with_materials([am.matter.code for am in items])
    situations = [am.situation_code for am in items if am.situation_code]
    path = ticket_path(appointment.reference)
    return {
        "reference": appointment.reference,
        "status": appointment.status,
        "start": timezone.localtime(appointment.start),
        "end": timezone.localtime(appointment.end),
        "centre": _centre_dict(appointment.centre),
        "matters": [m.code for m in matters],
        "applicant": {
            "name": appointment.applicant_name,
            "id_number_masked": appointment.id_number_masked,
            "phone_masked": appointment.phone_masked,
            "relationship": appointment.relationship,
        },
        "checklist": [
            checklist_line_dict(x) for x in build_checklist(matters, situation_codes=situations)
        ],
        "ticket_url": path,
        "qr_svg_url": f"{path}/qr.svg",
    }


@router.get("centres", response=list[CentreOut], summary="便民服务中心")
def list_centres(request, q: str = ""):
    return [_centre_dict(c) for c in centre_selectors.centres(q[:50])]


@router.get(
    "centres/{centre_id}/slots", response={200: list[SlotOut], 422: dict}, summary="可预约时段"
)
def list_slots(request, centre_id: int, query: Query[SlotQuery]):
    address = limits.client_address(request)
    if wait := limits.hit("slots", address, limit=settings.SLOT_POLL_RATE_PER_ADDRESS):
        return error(TooFast(_("查询太频繁，请 %(s)s 秒后再试。") % {"s": wait}, retry_after=wait))
    codes = list(dict.fromkeys(c.strip().upper() for c in query.matters.split(",") if c.strip()))
    try:
        centre = selectors.centre_day(centre_id, query.date, matter_codes=codes)
    except ServiceCentre.DoesNotExist:
        raise Http404(_("没有编号为 %(id)s 的便民服务中心。") % {"id": centre_id}) from None
    if not codes or centre.matters_found != len(codes):
        try:  # the message names what is wrong
            _matters(codes, read=matter_minutes)
        except BookingError as exc:
            return error(exc)
    each = centre.matters_minutes or 1
    # Several people are an enterprise batch: the batch share of each slot applies.
    options = capacity.day_options(
        centre=centre, day=query.date, minutes=each * query.people, batch=query.people > 1
    )
    return [
        {
            "start": timezone.localtime(o.slot.start),
            "end": timezone.localtime(o.slot.end),
            "available": o.available,
            "booking_end": timezone.localtime(o.end) if o.available else None,
            "max_people": 0 if o.full else o.room // each,
        }
        for o in options
    ]


@router.post("appointments", auth=django_auth, response={201: AppointmentOut}, summary="预约")
def create_appointment(request, payload: AppointmentIn):
    form = ApplicantForm(data=payload.applicant.dict())
    if not form.is_valid():
        from core.errors import error_response

        errors = {
            f"applicant.{field}": [str(m) for m in msgs] for field, msgs in form.errors.items()
        }
        return error_response(422, _("申请人信息有误，请核对。"), errors)
    try:
        services.check_rate(user=request.user, address=limits.client_address(request))
        codes = [c.strip().upper() for c in payload.matters if c.strip()]
        try:
            # The centre, its day, the slot at the start and the matters' stamp: one query.
            centre = selectors.centre_for_booking(
                payload.centre_id, schedule.aware(payload.start), matter_codes=codes
            )
        except ServiceCentre.DoesNotExist:
            raise Http404(
                _("没有编号为 %(id)s 的便民服务中心。") % {"id": payload.centre_id}
            ) from None
        # From the cache; read (and any unknown code named) when it has not got them.
        matters = selectors.booking_matters(centre, codes) or _matters(codes)
        appointment = services.book_appointment(
            centre=centre,
            start=payload.start,
            matters=matters,
            situation_codes=[s.upper() for s in payload.situations],
            applicant=form.applicant(),
            booked_by=request.user,
            idempotency_key=request.headers.get("Idempotency-Key", "")[:64],
        )
    except BookingError as exc:
        return error(exc)
    return Status(201, appointment_dict(appointment, matters=matters))


@router.get("appointments", auth=django_auth, response=list[AppointmentOut], summary="我的预约")
def my_appointments(request):
    return [appointment_dict(a) for a in selectors.appointments_of(request.user)]


@router.post(
    "appointments/{reference}/cancel", auth=django_auth, response=AppointmentOut, summary="取消预约"
)
def cancel(request, reference: str):
    appointment = selectors.appointment_of(request.user, reference)
    try:
        services.cancel_appointment(appointment=appointment)
    except BookingError as exc:
        return error(exc)
    return appointment_dict(selectors.appointment_of(request.user, reference))


@router.post(
    "appointments/{reference}/reschedule", auth=django_auth, response=AppointmentOut, summary="改约"
)
def reschedule(request, reference: str, payload: RescheduleIn):
    appointment = selectors.appointment_of(request.user, reference)
    try:
        services.check_rate(user=request.user, address=limits.client_address(request))
        services.reschedule_appointment(appointment=appointment, start=payload.start)
    except BookingError as exc:
        return error(exc)
    return appointment_dict(selectors.appointment_of(request.user, reference))
