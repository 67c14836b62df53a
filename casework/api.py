"""Counter endpoints: scan a ticket, accept the intake (staff of the scanning centre)."""

from __future__ import annotations

import datetime as dt

from ninja import Router, Schema, Status
from ninja.security import django_auth

from casework import selectors, services
from casework.exceptions import CounterError
from guides.api import ChecklistItem, checklist_line_dict

router = Router(tags=["counter"])


class ScanIn(Schema):
    code: str = ""


class IntakeIn(Schema):
    reference: str
    received: list[int] = []
    notes: str = ""
    employees: list[int] = []  # a batch: the employees to accept (one, several or all)


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
    status: str
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
    from portal.api import error_response

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
        appointment = services.scan_ticket(code=payload.code, clerk=request.user)
    except CounterError as exc:
        return _error(exc)
    return intake_dict(appointment)


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
