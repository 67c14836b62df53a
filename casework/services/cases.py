"""After intake: materials brought back (补正), completion and rejection, each in the history."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_q.tasks import async_task

from appointments.constants import AppointmentStatus
from appointments.models import Appointment
from casework.constants import OPEN_STATUSES, CaseAction, CaseStatus
from casework.exceptions import AlreadyDone, InvalidIntake, MissingMaterials, OtherCentre
from casework.models import Case, CaseStep
from casework.services.access import clerk_centre
from casework.signals import case_completed
from flowback.constants import EventType
from flowback.services import record_event

REASON_MAX = 200


def still_missing(case: Case) -> list[str]:
    """Required materials of the case not yet received, by name."""
    return list(
        case.materials.filter(required=True, received=False)
        .order_by("pk")
        .values_list("material__name", flat=True)
    )


@transaction.atomic
def receive_materials(
    *, case: Case, clerk, received: Iterable[int], now: dt.datetime | None = None
) -> Case:
    """The applicant came back with materials: tick them; with nothing missing the case is accepted."""
    now = now or timezone.now()
    case = Case.objects.select_for_update().get(pk=case.pk)
    if case.centre_id != clerk_centre(clerk).pk:
        raise OtherCentre()
    if case.status != CaseStatus.RETURNED:
        raise AlreadyDone(_("只有“补正”状态的办件可以登记补交的材料。"))
    ids = {int(pk) for pk in received}
    lines = case.materials.filter(received=False, material_id__in=ids)
    names = list(lines.order_by("pk").values_list("material__name", flat=True))
    if not names:
        raise InvalidIntake(_("请勾选本次补交的材料。"), field="received")
    lines.update(received=True)
    case.missing = still_missing(case)
    CaseStep.objects.create(
        case=case, action=CaseAction.RECEIVED, clerk=clerk, note="、".join(names), at=now
    )
    if case.missing:
        case.save(update_fields=["missing"])
        return case
    # Complete at last: the days away end here, and handling time starts.
    case.status, case.complete_at = CaseStatus.ACCEPTED, now
    case.save(update_fields=["missing", "status", "complete_at"])
    record_event(type=EventType.CASE_ACCEPTED, appointment=case.appointment, case=case, now=now)
    return case


def _close(case: Case, clerk, status: str, reason: str, action: str, now: dt.datetime) -> Case:
    if case.centre_id != clerk_centre(clerk).pk:
        raise OtherCentre()
    closed = Case.objects.filter(pk=case.pk, status__in=OPEN_STATUSES).update(
        status=status, closed_at=now, close_reason=reason
    )
    if not closed:
        raise AlreadyDone(_("该办件已经办结或不予受理。"))
    case.refresh_from_db()
    CaseStep.objects.create(case=case, action=action, clerk=clerk, note=reason, at=now)
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
def complete_case(*, case: Case, clerk, reason: str = "", now: dt.datetime | None = None) -> Case:
    """办结. With a required material still missing only for a stated reason, kept in the history."""
    reason = " ".join((reason or "").split())[:REASON_MAX]
    missing = still_missing(case)
    if missing and not reason:
        raise MissingMaterials(
            _("还缺必需材料：%(names)s。请先登记补交的材料，或写明缺材料办结的原因。")
            % {"names": "、".join(missing)},
            field="reason",
        )
    action = CaseAction.COMPLETED_WITH_MISSING if missing else CaseAction.COMPLETED
    case = _close(case, clerk, CaseStatus.COMPLETED, "", action, now or timezone.now())
    if missing:
        # The reason is the history's, not a rejection reason.
        CaseStep.objects.filter(case=case, action=action).update(
            note=_("缺 %(names)s；原因：%(reason)s")
            % {"names": "、".join(missing), "reason": reason}
        )
    case_completed.send(sender=Case, case=case)
    return case


@transaction.atomic
def reject_case(*, case: Case, clerk, reason: str, now: dt.datetime | None = None) -> Case:
    """不予受理, with the reason the applicant is told (e-mail and text, as for 补正)."""
    reason = " ".join((reason or "").split())
    if not reason:
        raise InvalidIntake(_("请写明不予受理的原因。"), field="reason")
    case = _close(
        case,
        clerk,
        CaseStatus.REJECTED,
        reason[:REASON_MAX],
        CaseAction.REJECTED,
        now or timezone.now(),
    )
    transaction.on_commit(lambda: async_task("casework.tasks.tell_rejection", case.pk))
    return case
