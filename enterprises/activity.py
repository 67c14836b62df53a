"""Batch changes made by an officer, checked and logged: who booked, added, removed, cancelled.

Each function holds the acting officer's approved membership (a row lock) for the
change, calls the booking rule in ``enterprises.services`` and writes the
enterprise's log in the same transaction: a refused or failed change leaves no
line, and a change always has its line.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.db import transaction

from enterprises import services
from enterprises.models import Batch, Enterprise, EnterpriseAction
from enterprises.officers import lock_approved, record


@transaction.atomic
def book(*, officer, enterprise: Enterprise, **booking) -> Batch:
    """``services.book_batch`` for an approved officer; ``booking`` is passed on as is."""
    lock_approved(officer, enterprise.pk)
    batch = services.book_batch(enterprise=enterprise, officer=officer, **booking)
    record(
        enterprise=enterprise,
        actor=officer,
        action=EnterpriseAction.BATCH_BOOKED,
        batch=batch,
        detail=str(batch.appointment.people),
    )
    return batch


@transaction.atomic
def add_employees(*, officer, batch: Batch, employees: Sequence, **extra) -> Batch:
    lock_approved(officer, batch.enterprise_id)
    services.add_employees(batch=batch, employees=employees, **extra)
    record(
        enterprise=batch.enterprise,
        actor=officer,
        action=EnterpriseAction.EMPLOYEES_ADDED,
        batch=batch,
        detail=str(len(employees)),
    )
    return batch


@transaction.atomic
def remove_employee(*, officer, batch: Batch, employee_id: int, **extra) -> None:
    lock_approved(officer, batch.enterprise_id)
    employee = batch.employees.filter(pk=employee_id).first()
    services.remove_employee(batch=batch, employee_id=employee_id, **extra)
    record(
        enterprise=batch.enterprise,
        actor=officer,
        action=EnterpriseAction.EMPLOYEE_REMOVED,
        batch=batch,
        detail=employee.name if employee else "",
    )


@transaction.atomic
def cancel_batch(*, officer, batch: Batch, **extra) -> None:
    lock_approved(officer, batch.enterprise_id)
    services.cancel_batch(batch=batch, **extra)
    record(
        enterprise=batch.enterprise,
        actor=officer,
        action=EnterpriseAction.BATCH_CANCELLED,
        batch=batch,
    )
