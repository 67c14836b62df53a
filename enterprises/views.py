"""HR officers: register or join an enterprise, batch-book new employees, manage batches."""

from __future__ import annotations

from urllib.parse import urlencode

from cryptography.fernet import InvalidToken
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from appointments import schedule
from appointments.exceptions import BookingError
from appointments.models import Appointment
from appointments.tickets import ticket_path
from centres import calendar
from centres import selectors as centre_selectors
from centres.models import ServiceCentre
from core.params import date_param
from enterprises import activity, officer_views, roster, services
from enterprises.models import Enterprise
from enterprises.officers import OfficerError
from guides.checklist import build_checklist
from guides.constants import Audience, BroughtBy
from guides.selectors import live_bundles, live_matters, matters_with_materials

BATCH_BUNDLE = "JS-B-01"


@login_required
def home(request):
    if request.method == "POST":
        try:
            _check_name_fits(request.POST.get("name", ""))
            enterprise = services.register_or_join(
                user=request.user,
                name=request.POST.get("name", ""),
                uscc=request.POST.get("uscc", ""),
            )
        except ValidationError as exc:
            return render(request, "enterprises/home.html", _home_context(request, exc), status=422)
        messages.success(request, officer_views.request_message(request.user, enterprise))
        return redirect("enterprise_home")
    return render(request, "enterprises/home.html", _home_context(request))


def _check_name_fits(name: str) -> None:
    """The enterprise's name is the applicant of its batches: it must fit that column."""
    longest = Appointment._meta.get_field("applicant_name").max_length
    if len(" ".join(name.split())) > longest:
        raise ValidationError(
            {"name": [_("企业名称最长 %(n)s 个字，请按营业执照填写。") % {"n": longest}]}
        )


def _home_context(request, error: ValidationError | None = None) -> dict:
    return {
        "enterprises": services.enterprises_of(request.user),
        "batches": services.batches_of(request.user).order_by("-created_at"),
        "error": error,
        "form": request.POST if error else {},
        **officer_views.membership_context(request.user),
        "name_max_length": Appointment._meta.get_field("applicant_name").max_length,
    }


def _choice(params):
    """Matters of a batch: the bundle 员工录用一件事, or enterprise matters chosen one by one."""
    codes = [c for c in params.getlist("matters") if c]
    bundle = params.get("bundle", "")
    if bundle:
        found = live_bundles().filter(code=bundle).first()
        codes = [row.matter.code for row in found.bundle_matters.all()] if found else []
    return bundle, matters_with_materials(codes)


@login_required
def new_batch(request):
    """Choose enterprise, matters, centre, day and time, and upload the list; then preview."""
    params = request.POST if request.method == "POST" else request.GET
    enterprises = services.enterprises_of(request.user)
    if not enterprises.exists():
        return redirect("enterprise_home")
    bundle, matters = _choice(params)
    centre_id = params.get("centre", "")
    centre = calendar.centre_with_calendar(int(centre_id)) if centre_id.isdigit() else None
    day = date_param(params.get("date"))
    context = {
        "enterprises": enterprises,
        "enterprise_id": params.get("enterprise", ""),
        "bundle": bundle,
        "bundles": live_bundles().filter(audience=Audience.ENTERPRISE),
        "matters_all": live_matters().filter(audience=Audience.ENTERPRISE, bookable=True),
        "chosen": {m.code for m in matters},
        "matters": matters,
        "centres": centre_selectors.centres(),
        "centre": centre,
        "days": schedule.bookable_days(centre, timezone.now()) if centre else [],
        "day": day,
        "per_person": services.per_person_minutes(matters),
        "max_rows": roster.MAX_ROWS,
    }
    if centre and day and matters:
        context["slots"] = services.batch_options(centre, day, matters)
        context["largest"] = max((fits for _o, fits in context["slots"]), default=0)
        context["start"] = params.get("start", "")
    if request.method == "POST" and "file" in request.FILES:
        return _preview(request, context)
    return render(request, "enterprises/new_batch.html", context)


def _preview(request, context):
    upload = request.FILES["file"]
    try:
        parsed = roster.read_roster(upload.name, upload.read(roster.MAX_BYTES + 1))
    except roster.RosterUnreadable as exc:
        context["file_error"] = exc.message
        return render(request, "enterprises/new_batch.html", context, status=422)
    check = services.check_roster(parsed, matters=context["matters"])
    if check.errors:
        context["row_errors"] = check.errors
        return render(request, "enterprises/new_batch.html", context, status=422)
    context.update(
        {
            "employees": check.employees,
            "sealed": services.seal(check.employees),
            "start": request.POST.get("start", ""),
            "total_minutes": context["per_person"] * len(check.employees),
        }
    )
    return render(request, "enterprises/preview.html", context)


@login_required
@require_POST
def confirm_batch(request):
    bundle, matters = _choice(request.POST)
    try:
        employees = services.unseal(request.POST.get("sealed", ""))
        enterprise = services.enterprises_of(request.user).get(
            pk=request.POST.get("enterprise") or 0
        )
        centre = calendar.centre_with_calendar(int(request.POST.get("centre", "0")))
    except (
        InvalidToken,
        ValueError,
        TypeError,
        Enterprise.DoesNotExist,
        ServiceCentre.DoesNotExist,
    ):
        messages.error(request, _("预览已失效或信息不完整，请重新上传名单。"))
        return redirect("enterprise_new_batch")
    try:
        start = parse_datetime(request.POST.get("start", "").replace(" ", "+") or "")
    except ValueError:  # well-formed but impossible, e.g. month 13
        start = None
    if start is not None and timezone.is_naive(start):
        start = timezone.make_aware(start)  # the form's times are Beijing time
    try:
        if start is None:
            raise BookingError(_("请选择时间。"))
        batch = activity.book(
            enterprise=enterprise,
            officer=request.user,
            centre=centre,
            start=start,
            matters=matters,
            employees=employees,
            bundle_code=bundle,
        )
    except (BookingError, OfficerError) as exc:
        messages.error(request, exc.message)
        # Back to the same choices, so she only picks another time or day.
        keep = [("enterprise", str(enterprise.pk)), ("centre", str(centre.pk))]
        keep += [("bundle", bundle)] if bundle else [("matters", m.code) for m in matters]
        if start is not None:
            keep.append(("date", timezone.localdate(start).isoformat()))
        return redirect(f"{reverse('enterprise_new_batch')}?{urlencode(keep)}")
    return redirect("enterprise_batch", reference=batch.appointment.reference)


@login_required
def batch_detail(request, reference):
    batch = services.batch_of(request.user, reference)
    appointment = batch.appointment
    matters = matters_with_materials(
        [am.matter.code for am in appointment.matters.select_related("matter")]
    )
    once, each = services.split_checklist(build_checklist(matters))
    error = ""
    if request.method == "POST":
        try:
            if request.POST.get("action") == "remove":
                activity.remove_employee(
                    officer=request.user,
                    batch=batch,
                    employee_id=int(request.POST.get("employee", "0")),
                )
                messages.success(request, _("已移出名单，时段容量已释放。"))
            elif request.POST.get("action") == "cancel":
                activity.cancel_batch(officer=request.user, batch=batch)
                messages.success(request, _("整批预约已取消。"))
            elif request.POST.get("action") == "add" and "file" in request.FILES:
                upload = request.FILES["file"]
                parsed = roster.read_roster(upload.name, upload.read(roster.MAX_BYTES + 1))
                check = services.check_roster(parsed, matters=matters, exclude_batch=batch)
                if check.errors:
                    return render(
                        request,
                        "enterprises/batch.html",
                        _batch_context(batch, once, each, row_errors=check.errors),
                        status=422,
                    )
                activity.add_employees(officer=request.user, batch=batch, employees=check.employees)
                messages.success(request, _("已加入 %(n)s 名员工。") % {"n": len(check.employees)})
        except (BookingError, OfficerError, roster.RosterUnreadable) as exc:
            error = exc.message
        else:
            return redirect("enterprise_batch", reference=reference)
    return render(request, "enterprises/batch.html", _batch_context(batch, once, each, error=error))


def _batch_context(batch, once, each, **extra) -> dict:
    batch.appointment.refresh_from_db()
    return {
        "batch": batch,
        "appointment": batch.appointment,
        "employees": batch.employees.filter(active=True),
        "once": once,
        "each": each,
        # The headings are the material library's own words for who brings what.
        "once_heading": BroughtBy.ORGANISATION.label,
        "each_heading": BroughtBy.EACH_PERSON.label,
        "ticket_path": ticket_path(batch.appointment.reference),
        "editable": batch.appointment.is_cancellable(timezone.now()),
        **extra,
    }


def roster_template(request, kind):
    if kind == "xlsx":
        response = HttpResponse(
            roster.template_xlsx(),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    else:
        response = HttpResponse(roster.template_csv(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="employees.{kind}"'
    return response
