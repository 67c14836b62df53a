"""The counter: scanning a ticket, intake, cases, the hall queue; every personal-data look is logged."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from urllib.parse import unquote

from django.core import signing
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django_q.tasks import async_task

from accounts.models import Profile
from appointments.constants import AppointmentStatus
from appointments.models import Appointment, ServiceCentre
from appointments.personal_data import reveal
from appointments.selectors import checklist_of
from appointments.tickets import reference_from_token
from casework.constants import OPEN_STATUSES, AccessAction, CaseStatus, QueueStatus
from casework.exceptions import (
    AlreadyDone,
    Gone,
    InvalidIntake,
    NotCheckedIn,
    NotFound,
    OtherCentre,
    Unreadable,
)
from casework.models import AccessLog, Case, CaseMaterial, DailySequence, QueueTicket
from flowback.constants import EventType
from flowback.services import record_event

TOKEN_IN_URL = re.compile(r"/t/([^/?#\s]+)")
REFERENCE = re.compile(r"[A-HJ-NP-Z2-9]{8}")


def clerk_centre(user) -> ServiceCentre:
    """The centre a staff member works at; anyone else may not use the counter."""
    profile = Profile.objects.select_related("centre").of(user)
    if profile is None or not profile.works_at_counter:
        raise PermissionDenied(_("只有便民服务中心的窗口工作人员可以使用受理台。"))
    return profile.centre


def reference_from_code(raw: str) -> str:
    """The reference in what a scanner or a clerk typed: a ticket URL, a bare token or the reference."""
    code = (raw or "").strip()
    if not code:
        raise Unreadable(_("请扫描二维码，或输入预约号。"), field="code")
    match = TOKEN_IN_URL.search(code)
    token = unquote(match.group(1) if match else code)
    if ":" in token:
        try:
            return reference_from_token(token)
        except signing.BadSignature:
            raise Unreadable(
                _("这个二维码无效（可能被篡改或不是本系统的码）。"), field="code"
            ) from None
    if REFERENCE.fullmatch(token.upper()):
        return token.upper()
    raise Unreadable(field="code")


def _log(user, appointment: Appointment, action: str) -> None:
    AccessLog.objects.create(
        centre_id=appointment.centre_id, user=user, appointment=appointment, action=action
    )


def next_number(centre_id: int, day: dt.date, kind: str) -> int:
    sequence, _created = DailySequence.objects.get_or_create(
        centre_id=centre_id, date=day, kind=kind
    )
    DailySequence.objects.filter(pk=sequence.pk).update(last=F("last") + 1)
    sequence.refresh_from_db(fields=["last"])
    return sequence.last


@transaction.atomic
def scan_ticket(*, code: str, clerk, now: dt.datetime | None = None) -> Appointment:
    """Check in the appointment behind a scanned ticket at the clerk's centre."""
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
        raise AlreadyDone(_("该预约已于 %(t)s 签到，不能重复扫码。") % {"t": at.strftime("%H:%M")})
    if day > today:
        raise AlreadyDone(_("预约日期是 %(day)s，今天还不能签到。") % {"day": day})
    # Of several simultaneous scans of one ticket exactly one passes this update.
    checked_in = Appointment.objects.filter(
        pk=appointment.pk, status=AppointmentStatus.BOOKED, checked_in_at__isnull=True
    ).update(status=AppointmentStatus.CHECKED_IN, checked_in_at=now)
    if not checked_in:
        raise AlreadyDone(_("该预约已签到，不能重复扫码。"))
    appointment.status, appointment.checked_in_at = AppointmentStatus.CHECKED_IN, now
    QueueTicket.objects.create(
        centre_id=centre.pk,
        date=today,
        number=f"A{next_number(centre.pk, today, 'A'):03d}",
        appointment=appointment,
        sort_at=appointment.start,
    )
    _log(clerk, appointment, AccessAction.SCAN)
    record_event(type=EventType.APPOINTMENT_CHECKED_IN, appointment=appointment, now=now)
    return appointment


def appointment_at_counter(*, reference: str, clerk) -> Appointment:
    """An appointment the clerk's centre may see, by its reference."""
    centre = clerk_centre(clerk)
    appointment = (
        Appointment.objects.select_related("centre")
        .filter(reference=reference.strip().upper())
        .first()
    )
    if appointment is None:
        raise NotFound()
    if appointment.centre_id != centre.pk:
        raise OtherCentre()
    return appointment


def may_reveal(appointment: Appointment, now: dt.datetime | None = None) -> bool:
    """The full ID number is shown only once the applicant is here: checked in today."""
    today = timezone.localdate(now or timezone.now())
    return (
        appointment.status in (AppointmentStatus.CHECKED_IN, AppointmentStatus.COMPLETED)
        and appointment.checked_in_at is not None
        and timezone.localdate(appointment.checked_in_at) == today
    )


def log_intake_view(*, appointment: Appointment, clerk) -> None:
    """Opening the (masked) intake page is a look at personal data too."""
    _log(clerk, appointment, AccessAction.VIEW)


@transaction.atomic
def reveal_id_number(*, appointment: Appointment, clerk, now: dt.datetime | None = None) -> str:
    if appointment.centre_id != clerk_centre(clerk).pk:
        raise OtherCentre()
    # Checked in at this centre (the line above and the scan's own check) and on this day.
    if not may_reveal(Appointment.objects.get(pk=appointment.pk), now):
        raise NotCheckedIn()
    _log(clerk, appointment, AccessAction.REVEAL_ID)
    return reveal(appointment.applicant_id_encrypted)


def _checked_in(appointment: Appointment, clerk) -> tuple[ServiceCentre, Appointment]:
    centre = clerk_centre(clerk)
    appointment = Appointment.objects.select_for_update().get(pk=appointment.pk)
    if appointment.centre_id != centre.pk:
        raise OtherCentre()
    if appointment.status != AppointmentStatus.CHECKED_IN:
        raise AlreadyDone(_("请先扫码签到，再受理。"))
    return centre, appointment


def _open_case(
    *, centre, appointment, clerk, lines, received: set[int], notes: str, now, employee=None
) -> Case:
    missing = [line.name for line in lines if line.required and line.material_id not in received]
    day = timezone.localdate(now)
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


@transaction.atomic
def accept_intake(
    *,
    appointment: Appointment,
    clerk,
    received: Iterable[int],
    notes: str = "",
    now: dt.datetime | None = None,
) -> Case:
    """Open the case: accepted, or returned for completion (补正) listing what is missing."""
    now = now or timezone.now()
    centre, appointment = _checked_in(appointment, clerk)
    if appointment.people > 1 or hasattr(appointment, "batch"):
        raise InvalidIntake(_("这是企业批量预约，请逐个或全部选择员工受理。"), field="employees")
    if Case.objects.filter(appointment=appointment).exists():
        raise AlreadyDone(_("该预约已经受理过了。"))
    lines = checklist_of(appointment)
    case = _open_case(
        centre=centre,
        appointment=appointment,
        clerk=clerk,
        lines=lines,
        received=_received(lines, received),
        notes=notes,
        now=now,
    )
    _log(clerk, appointment, AccessAction.INTAKE)
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
    _log(clerk, appointment, AccessAction.INTAKE)
    returned = [case.pk for case in cases if case.missing]
    if returned:
        transaction.on_commit(
            lambda: async_task("casework.tasks.tell_what_is_missing", returned[0])
        )
    return cases


def _close(case: Case, clerk, status: str, reason: str, now: dt.datetime) -> Case:
    if case.centre_id != clerk_centre(clerk).pk:
        raise OtherCentre()
    closed = Case.objects.filter(pk=case.pk, status__in=OPEN_STATUSES).update(
        status=status, closed_at=now, close_reason=reason
    )
    if not closed:
        raise AlreadyDone(_("该办件已经办结或不予受理。"))
    case.refresh_from_db()
    record_event(
        type=EventType.CASE_COMPLETED
        if status == CaseStatus.COMPLETED
        else EventType.CASE_REJECTED,
        appointment=case.appointment,
        case=case,
        now=now,
    )
    cases = Case.objects.filter(appointment_id=case.appointment_id)
    # A batch is done when every employee's case is closed.
    everyone_done = cases.count() >= case.appointment.people
    if (
        status == CaseStatus.COMPLETED
        and everyone_done
        and not cases.filter(status__in=OPEN_STATUSES).exists()
    ):
        Appointment.objects.filter(pk=case.appointment_id).update(
            status=AppointmentStatus.COMPLETED
        )
    return case


@transaction.atomic
def complete_case(*, case: Case, clerk, now: dt.datetime | None = None) -> Case:
    case = _close(case, clerk, CaseStatus.COMPLETED, "", now or timezone.now())
    # Imported here: casework's module imports stay free of ratings, which builds on casework.
    from ratings.services import invite_to_rate

    invite_to_rate(case=case)
    return case


@transaction.atomic
def reject_case(*, case: Case, clerk, reason: str, now: dt.datetime | None = None) -> Case:
    reason = (reason or "").strip()
    if not reason:
        raise InvalidIntake(_("请写明不予受理的原因。"), field="reason")
    return _close(case, clerk, CaseStatus.REJECTED, reason[:200], now or timezone.now())


@transaction.atomic
def issue_walk_in(*, centre: ServiceCentre, now: dt.datetime | None = None) -> QueueTicket:
    """A queue number for someone who came without booking."""
    now = now or timezone.now()
    day = timezone.localdate(now)
    return QueueTicket.objects.create(
        centre=centre, date=day, number=f"W{next_number(centre.pk, day, 'W'):03d}", sort_at=now
    )


def call_next(*, clerk, counter: int, now: dt.datetime | None = None) -> QueueTicket | None:
    """Call the first waiting number (by slot time or arrival) to a counter."""
    now = now or timezone.now()
    centre = clerk_centre(clerk)
    waiting = QueueTicket.objects.filter(
        centre=centre, date=timezone.localdate(now), status=QueueStatus.WAITING
    ).order_by("sort_at", "pk")
    for ticket in waiting[:5]:
        # Two counters pressing "call next" at once must not call the same person.
        if QueueTicket.objects.filter(pk=ticket.pk, status=QueueStatus.WAITING).update(
            status=QueueStatus.CALLED, counter=counter, called_at=now
        ):
            ticket.refresh_from_db()
            return ticket
    return None
