"""Counter endpoints (staff of the centre): scan, walk-in, call next, intake, close a case."""

from __future__ import annotations

import datetime as dt

from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema, Status
from ninja.security import django_auth

from casework import selectors, services
from casework.exceptions import CounterError, OtherCentre
from casework.models import Case
from guides.api import ChecklistItem, checklist_line_dict

router = Router(tags=["counter"])


class ScanIn(Schema):
    code: str = ""
    # At a counter: served there and then. Without: reception, the person queues.
    counter: int | None = Field(None, ge=1, le=99)


class IntakeIn(Schema):
    reference: str
    received: list[int] = []
    notes: str = ""
    employees: list[int] = []  # a batch: the employees to accept (one, several or all)


class WalkInApplicant(Schema):
    name: str = ""
    id_number: str = ""
    phone: str = ""


class WalkInIn(Schema):
    matters: list[str] = []
    situations: list[str] = []
    applicant: WalkInApplicant
    counter: int | None = Field(None, ge=1, le=99)
    # A W number handed out earlier without details: registering keeps it.
    queue_number: str = ""


class CallIn(Schema):
    counter: int = Field(..., ge=1, le=99)


class CallOut(Schema):
    queue_number: str
    reference: str
    counter: int


class CloseIn(Schema):
    reason: str = ""


class ApplicantOut(Schema):
    name: str
    id_number_masked: str
    phone_masked: str
    relationship: str


class MatterOut(Schema):
    code: str
    name: str
    situation: str


class SlotOut(Schema):
    start: dt.datetime
    end: dt.datetime


class EmployeeOut(Schema):
    id: int
    name: str
    id_number_masked: str
    case_number: str


class IntakeOut(Schema):
    reference: str
    queue_number: str
    status: str
    minutes: int
    people: int
    employees: list[EmployeeOut]
    applicant: ApplicantOut
    matters: list[MatterOut]
    checklist: list[ChecklistItem]
    slot: SlotOut


class CaseOut(Schema):
    case_number: str
    status: str
    missing: list[str]


class IntakeResult(CaseOut):
    cases: list[CaseOut] = []


def _error(exc: CounterError):
    from core.errors import error_response

    return error_response(exc.status, exc.message, exc.errors)


def intake_dict(appointment) -> dict:
    data = selectors.intake(appointment)
    data["checklist"] = [checklist_line_dict(line) for line in data["checklist"]]
    del data["appointment"]
    return data


@router.post(
    "counter/scan", auth=django_auth, response=IntakeOut, summary="扫码签到并取得预填的受理单"
)
def scan(request, payload: ScanIn):
    try:
        appointment = services.scan_ticket(
            code=payload.code, clerk=request.user, counter=payload.counter
        )
    except CounterError as exc:
        return _error(exc)
    return intake_dict(appointment)


@router.post(
    "counter/walk-in",
    auth=django_auth,
    response={201: IntakeOut},
    summary="登记现场办事群众（未预约），取得预填的受理单",
)
def walk_in(request, payload: WalkInIn):
    try:
        appointment = services.register_walk_in(
            clerk=request.user,
            matters=payload.matters,
            situations=payload.situations,
            applicant=payload.applicant.dict(),
            counter=payload.counter,
            queue_number=payload.queue_number,
        )
    except CounterError as exc:
        return _error(exc)
    return Status(201, intake_dict(appointment))


@router.post(
    "counter/call-next",
    auth=django_auth,
    response={200: CallOut, 204: None},
    summary="叫下一位到本窗口",
)
def call_next(request, payload: CallIn):
    ticket = services.call_next(clerk=request.user, counter=payload.counter)
    if ticket is None:
        return Status(204, None)
    return {
        "queue_number": ticket.number,
        "reference": ticket.appointment.reference if ticket.appointment else "",
        "counter": ticket.counter,
    }


def _case(case) -> dict:
    return {"case_number": case.case_number, "status": case.status, "missing": case.missing}


@router.post(
    "counter/intake", auth=django_auth, response={201: IntakeResult}, summary="受理，生成办件"
)
def intake(request, payload: IntakeIn):
    try:
        appointment = services.appointment_at_counter(
            reference=payload.reference, clerk=request.user
        )
        if hasattr(appointment, "batch"):
            cases = services.accept_batch_intake(
                appointment=appointment,
                clerk=request.user,
                employee_ids=payload.employees,
                received=payload.received,
                notes=payload.notes,
            )
        else:
            cases = [
                services.accept_intake(
                    appointment=appointment,
                    clerk=request.user,
                    received=payload.received,
                    notes=payload.notes,
                )
            ]
    except CounterError as exc:
        return _error(exc)
    return Status(201, {**_case(cases[0]), "cases": [_case(c) for c in cases]})


def _centre_case(request, case_number: str) -> Case:
    case = get_object_or_404(Case.objects.select_related("appointment"), case_number=case_number)
    if case.centre_id != services.clerk_centre(request.user).pk:
        raise OtherCentre()
    return case


@router.post(
    "counter/cases/{case_number}/complete",
    auth=django_auth,
    response=CaseOut,
    summary="办结（缺必需材料时须写明原因）",
)
def complete(request, case_number: str, payload: CloseIn):
    try:
        case = services.complete_case(
            case=_centre_case(request, case_number), clerk=request.user, reason=payload.reason
        )
    except CounterError as exc:
        return _error(exc)
    return _case(case)


@router.post(
    "counter/cases/{case_number}/reject",
    auth=django_auth,
    response=CaseOut,
    summary="不予受理（写明原因，告知申请人）",
)
def reject(request, case_number: str, payload: CloseIn):
    try:
        case = services.reject_case(
            case=_centre_case(request, case_number), clerk=request.user, reason=payload.reason
        )
    except CounterError as exc:
        return _error(exc)
    return _case(case)
