"""POST /api/v1/batches: an HR officer's batch booking from an uploaded employee list."""

from __future__ import annotations

from django.http import JsonResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import File, Form, Router
from ninja.files import UploadedFile
from ninja.security import django_auth

from appointments import limits
from appointments.exceptions import BookingError, SlotFull
from appointments.services import check_rate
from appointments.tickets import ticket_path
from centres import calendar
from centres.models import ServiceCentre
from core.schema import LocalDateTime
from enterprises import activity, roster, services
from enterprises.officers import OfficerError
from guides.selectors import live_bundles, matters_with_materials

router = Router(tags=["enterprises"])


def _json(status: int, body: dict) -> JsonResponse:
    return JsonResponse(body, status=status, json_dumps_params={"ensure_ascii": False})


@router.post("batches", auth=django_auth, summary="企业批量预约（上传员工名单）")
def create_batch(
    request,
    file: File[UploadedFile],
    centre_id: Form[int],
    start: Form[LocalDateTime],
    bundle: Form[str] = "",
    matters: Form[str] = "",
    enterprise_id: Form[int | None] = None,
):
    try:
        check_rate(user=request.user, address=limits.client_address(request))
    except BookingError as exc:
        response = _json(exc.status, {"detail": exc.message, "errors": exc.errors})
        response["Retry-After"] = str(exc.retry_after)
        return response
    enterprises = services.enterprises_of(request.user)
    enterprise = (
        enterprises.filter(pk=enterprise_id).first() if enterprise_id else enterprises.first()
    )
    if enterprise is None:
        # A pending request grants nothing: only approved officers book for an enterprise.
        return _json(
            403, {"detail": _("您还不是已通过审核的企业经办人，不能批量预约。"), "errors": {}}
        )
    codes = [c.strip().upper() for c in matters.split(",") if c.strip()]
    if bundle:
        found = live_bundles().filter(code=bundle.strip().upper()).first()
        if found is None:
            return _json(
                422,
                {"detail": _("没有这个一件事。"), "errors": {"bundle": [_("没有这个一件事。")]}},
            )
        codes = [row.matter.code for row in found.bundle_matters.all()]
    chosen = matters_with_materials(codes)
    if not chosen or len(chosen) != len(set(codes)):
        return _json(
            422,
            {"detail": _("请选择企业办理的事项。"), "errors": {"matters": [_("事项编码不正确。")]}},
        )
    try:
        centre = calendar.centre_with_calendar(centre_id)
    except ServiceCentre.DoesNotExist:
        return _json(404, {"detail": _("没有这个便民服务中心。"), "errors": {}})
    try:
        parsed = roster.read_roster(file.name, file.read(roster.MAX_BYTES + 1))
    except roster.RosterUnreadable as exc:
        return _json(422, {"detail": exc.message, "errors": {"file": [exc.message]}})
    check = services.check_roster(parsed, matters=chosen)
    if check.errors:
        return _json(
            422,
            {
                "detail": _("名单有 %(n)s 处问题，什么都没有保存。") % {"n": len(check.errors)},
                "errors": check.errors,
            },
        )
    try:
        batch = activity.book(
            enterprise=enterprise,
            officer=request.user,
            centre=centre,
            start=start,
            matters=chosen,
            employees=check.employees,
            bundle_code=bundle.strip().upper(),
        )
    except SlotFull as exc:
        day = timezone.localdate(start)
        largest = services.largest_batch_on(centre, day, chosen)
        days = services.days_that_fit(centre, chosen, len(check.employees))
        return _json(
            409,
            {
                "detail": exc.message,
                "errors": {"people": [exc.message]},
                "largest_batch": largest,
                "days_that_fit": [d.isoformat() for d in days],
            },
        )
    except (BookingError, OfficerError) as exc:
        return _json(exc.status, {"detail": exc.message, "errors": exc.errors})
    appointment = batch.appointment
    path = ticket_path(appointment.reference)
    return _json(
        201,
        {
            "reference": appointment.reference,
            "people": appointment.people,
            "minutes": appointment.minutes,
            "status": appointment.status,
            "start": timezone.localtime(appointment.start).isoformat(),
            "end": timezone.localtime(appointment.end).isoformat(),
            "centre": {"id": centre.pk, "name": centre.name},
            "matters": [m.code for m in chosen],
            "ticket_url": path,
            "qr_svg_url": f"{path}/qr.svg",
        },
    )
