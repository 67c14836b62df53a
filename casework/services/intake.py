"""Arrival and intake: scanning a ticket and opening the case (walk-ins: ``walk_ins``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_q.tasks import async_task

from appointments.constants import AppointmentStatus
from appointments.models import Appointment
from appointments.selectors import checklist_of
from casework.constants import AccessAction, CaseAction, CaseStatus
from casework.exceptions import (
    AlreadyDone,
    Gone,
    InvalidIntake,
    NotFound,
    OtherCentre,
)
from casework.models import Case, CaseMaterial, CaseStep
from casework.services.access import clerk_centre, log_access, next_number, reference_from_code
from casework.services.queue import enqueue, mark_served
from centres.models import ServiceCentre
from flowback.constants import EventType
from flowback.services import record_event


@transaction.atomic
def scan_ticket(
    *, code: str, clerk, counter: int | None = None, now: dt.datetime | None = None
) -> Appointment:
    """Check in the appointment behind a scanned ticket at the clerk's centre.

    At reception (no ``counter``) the person joins the queue; at a counter they
    are served there and then, and the queue entry says so.
    """
    now = now or timezone.now()
    centre = clerk_centre(clerk)
    reference = reference_from_code(code)
    appointment = Appointment.objects.select_related("centre").filter(reference=reference).first()
    if appointment is None:
        raise NotFound()
    if appointment.centre_id != centre.pk:
        raise OtherCentre(
            _("这是%(centre)s的预约，本中心不能受理。") % {"centre": appointment.centre.name}
        )
    today = timezone.localdate(now)
    day = timezone.localdate(appointment.start)
    if appointment.status == AppointmentStatus.CANCELLED:
        raise Gone(_("该预约已取消。"))
    if appointment.status == AppointmentStatus.NO_SHOW or (
        appointment.status == AppointmentStatus.BOOKED and day < today
    ):
        raise Gone(_("该预约已过期（预约日期 %(day)s）。") % {"day": day})
    if appointment.status in (AppointmentStatus.CHECKED_IN, AppointmentStatus.COMPLETED):
        at = timezone.localtime(appointment.checked_in_at)
        error = AlreadyDone(
            _("该预约已于 %(t)s 签到，不能重复扫码。") % {"t": at.strftime("%H:%M")}
        )
        # The pages reopen the intake or the case instead of stopping here.
        error.appointment = appointment
        raise error
    if day > today:
        raise AlreadyDone(_("预约日期是 %(day)s，今天还不能签到。") % {"day": day})
    # Of several simultaneous scans of one ticket exactly one passes this update.
    checked_in = Appointment.objects.filter(
        pk=appointment.pk, status=AppointmentStatus.BOOKED, checked_in_at__isnull=True
    ).update(status=AppointmentStatus.CHECKED_IN, checked_in_at=now)
    if not checked_in:
        raise AlreadyDone(_("该预约已签到，不能重复扫码。"))
    appointment.status, appointment.checked_in_at = AppointmentStatus.CHECKED_IN, now
    enqueue(centre=centre, now=now, appointment=appointment, counter=counter)
    log_access(clerk, appointment, AccessAction.SCAN)
    record_event(type=EventType.APPOINTMENT_CHECKED_IN, appointment=appointment, now=now)
    return appointment


def _checked_in(appointment: Appointment, clerk) -> tuple[ServiceCentre, Appointment]:
    centre = clerk_centre(clerk)
    appointment = Appointment.objects.select_for_update().get(pk=appointment.pk)
    if appointment.centre_id != centre.pk:
        raise OtherCentre()
    if appointment.status != AppointmentStatus.CHECKED_IN:
        raise AlreadyDone(_("请先扫码签到，再受理。"))
    return centre, appointment


def missing_names(lines, received: set[int]) -> list[str]:
    return [line.name for line in lines if line.required and line.material_id not in received]


def _open_case(
    *, centre, appointment, clerk, lines, received: set[int], notes: str, now, employee=None
) -> Case:
    missing = missing_names(lines, received)
    day = timezone.localdate(now)
    ticket = mark_served(appointment=appointment, now=now)
    case = Case.objects.create(
        case_number=f"{centre.code}-{day:%Y%m%d}-{next_number(centre.pk, day, 'case'):04d}",
        centre=centre,
        appointment=appointment,
        employee=employee,
        status=CaseStatus.RETURNED if missing else CaseStatus.ACCEPTED,
        clerk=clerk,
        notes=notes.strip()[:2000],
        missing=missing,
        scanned_at=appointment.checked_in_at,
        called_at=ticket.called_at if ticket else None,
        intake_started_at=ticket.intake_started_at if ticket else None,
        accepted_at=now,
        complete_at=None if missing else now,
    )
    CaseMaterial.objects.bulk_create(
        [
            CaseMaterial(
                case=case,
                material_id=line.material_id,
                required=line.required,
                received=line.material_id in received,
            )
            for line in lines
        ]
    )
    CaseStep.objects.create(
        case=case,
        action=CaseAction.RETURNED if missing else CaseAction.ACCEPTED,
        clerk=clerk,
        note="、".join(missing),
        at=now,
    )
    record_event(
        type=EventType.CASE_RETURNED if missing else EventType.CASE_ACCEPTED,
        appointment=appointment,
        case=case,
        now=now,
    )
    return case


def _received(lines, received: Iterable[int]) -> set[int]:
    received = {int(pk) for pk in received}
    if received - {line.material_id for line in lines}:
        raise InvalidIntake(_("勾选的材料不属于本次办理的事项。"), field="received")
    return received


def _refuse_silent_return(lines, received: set[int], return_missing: bool) -> None:
    missing = missing_names(lines, received)
    if missing and not return_missing:
        raise InvalidIntake(
            _("以下必需材料未勾选“已收”：%(names)s。收齐后再受理，或选择“退回补正”。")
            % {"names": "、".join(missing)},
            field="received",
        )


@transaction.atomic
def accept_intake(
    *,
    appointment: Appointment,
    clerk,
    received: Iterable[int],
    notes: str = "",
    return_missing: bool = True,
    now: dt.datetime | None = None,
) -> Case:
    """Open the case: accepted, or returned for completion (补正) listing what is missing.

    ``return_missing=False`` (the 受理 button) refuses to return a case: that
    is its own, confirmed action at the counter.
    """
    now = now or timezone.now()
    centre, appointment = _checked_in(appointment, clerk)
    if appointment.people > 1 or hasattr(appointment, "batch"):
        raise InvalidIntake(_("这是企业批量预约，请逐个或全部选择员工受理。"), field="employees")
    if Case.objects.filter(appointment=appointment).exists():
        raise AlreadyDone(_("该预约已经受理过了。"))
    lines = checklist_of(appointment)
    received = _received(lines, received)
    _refuse_silent_return(lines, received, return_missing)
    case = _open_case(
        centre=centre,
        appointment=appointment,
        clerk=clerk,
        lines=lines,
        received=received,
        notes=notes,
        now=now,
    )
    log_access(clerk, appointment, AccessAction.INTAKE)
    if case.missing:
        transaction.on_commit(lambda: async_task("casework.tasks.tell_what_is_missing", case.pk))
    return case


@transaction.atomic
def accept_batch_intake(
    *,
    appointment: Appointment,
    clerk,
    employee_ids: Iterable[int],
    received: Iterable[int],
    notes: str = "",
    return_missing: bool = True,
    now: dt.datetime | None = None,
) -> list[Case]:
    """One case for each chosen employee of a batch: one by one, or all together."""
    now = now or timezone.now()
    centre, appointment = _checked_in(appointment, clerk)
    batch = getattr(appointment, "batch", None)
    if batch is None:
        raise InvalidIntake(_("这不是企业批量预约。"))
    waiting = batch.employees.filter(active=True, case__isnull=True)
    chosen = list(waiting.filter(pk__in=[int(pk) for pk in employee_ids]))
    if not chosen:
        raise InvalidIntake(_("请选择要受理的员工（名单中尚未受理的）。"), field="employees")
    lines = checklist_of(appointment)
    received = _received(lines, received)
    _refuse_silent_return(lines, received, return_missing)
    cases = [
        _open_case(
            centre=centre,
            appointment=appointment,
            clerk=clerk,
            lines=lines,
            received=received,
            notes=notes,
            now=now,
            employee=employee,
        )
        for employee in chosen
    ]
    log_access(clerk, appointment, AccessAction.INTAKE)
    returned = [case.pk for case in cases if case.missing]
    if returned:
        transaction.on_commit(
            lambda: async_task("casework.tasks.tell_what_is_missing", returned[0])
        )
    return cases
