"""Booking a batch and changing it: adding and removing employees, cancelling."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_q.tasks import async_task

from appointments import capacity, schedule
from appointments.constants import Relationship
from appointments.exceptions import DailyLimit, InvalidBooking, NotCancellable, SlotFull
from appointments.models import Appointment, Hold, Person
from appointments.personal_data import person_hash, protect
from appointments.services import Applicant, create_appointment
from centres.models import ServiceCentre
from enterprises.batch_capacity import per_person_minutes, too_large
from enterprises.models import Batch, BatchEmployee, Enterprise
from enterprises.roster_check import Employee
from enterprises.selectors import officer_of
from guides.constants import Audience, BroughtBy
from guides.models import MatterPage


def _persons(employees: Sequence[Employee]) -> dict[str, Person]:
    hashes = [person_hash(e.id_number) for e in employees]
    Person.objects.bulk_create([Person(id_hash=h) for h in hashes], ignore_conflicts=True)
    return {p.id_hash: p for p in Person.objects.filter(id_hash__in=hashes)}


def _add_employees(
    batch: Batch, employees: Sequence[Employee], matters: Sequence[MatterPage]
) -> None:
    persons = _persons(employees)
    rows = []
    holds = []
    for e in employees:
        person = persons[person_hash(e.id_number)]
        rows.append(
            BatchEmployee(
                batch=batch,
                row=e.row,
                name=e.name,
                id_encrypted=protect(e.id_number),
                person=person,
                phone=e.phone,
                hire_date=e.hire_date,
            )
        )
        holds += [Hold(person=person, matter=m, appointment=batch.appointment) for m in matters]
    BatchEmployee.objects.bulk_create(rows)
    Hold.objects.bulk_create(holds)


@transaction.atomic
def book_batch(
    *,
    enterprise: Enterprise,
    officer,
    centre: ServiceCentre,
    start: dt.datetime,
    matters: Sequence[MatterPage],
    employees: Sequence[Employee],
    bundle_code: str = "",
    now: dt.datetime | None = None,
) -> Batch:
    """One appointment and one ticket for the whole list, or nothing at all."""
    now = now or timezone.now()
    if not officer_of(officer, enterprise):
        raise InvalidBooking(_("您不是该企业的经办人。"))
    if not matters or any(m.audience != Audience.ENTERPRISE for m in matters):
        raise InvalidBooking(
            _("批量预约只能选择企业办理的事项或“员工录用一件事”。"), field="matters"
        )
    if not employees:
        raise InvalidBooking(_("名单里没有员工。"), field="file")
    start = schedule.aware(start)
    schedule.check_start(centre, start, now)
    people = len(employees)
    _check_daily_limits(enterprise, people, now, new_batch=True)
    minutes = per_person_minutes(matters) * people
    try:
        plan = capacity.draw(centre=centre, start=start, minutes=minutes, batch=True)
    except SlotFull:
        raise too_large(centre, start, matters, people, now) from None
    # The enterprise is the applicant: its name, and its USCC where a person's ID would be.
    applicant = Applicant(
        name=enterprise.name,
        id_number=enterprise.uscc,
        phone=getattr(getattr(officer, "profile", None), "phone", "") or "",
        relationship=Relationship.ENTERPRISE,
    )
    appointment = create_appointment(
        centre=centre,
        plan=plan,
        minutes=minutes,
        booked_by=officer,
        applicant=applicant,
        matters=matters,
        people=people,
        enqueue=False,
    )
    batch = Batch.objects.create(
        enterprise=enterprise, officer=officer, appointment=appointment, bundle_code=bundle_code
    )
    _add_employees(batch, employees, matters)
    # As for a resident's booking, one task: flow-back's kick, then the HR
    # officer's confirmation (e-mail and a text to the officer's phone).
    pk, handover = appointment.pk, appointment.handover
    transaction.on_commit(lambda: async_task("appointments.tasks.send_confirmation", pk, handover))
    return batch


def _check_daily_limits(enterprise: Enterprise, people: int, now, *, new_batch: bool) -> None:
    """Batches and batch people an enterprise may book in one day (its row is locked)."""
    Enterprise.objects.select_for_update().filter(pk=enterprise.pk).first()
    today = Batch.objects.filter(
        enterprise=enterprise, created_at__date=timezone.localdate(now)
    ).select_related("appointment")
    if new_batch and today.count() >= settings.BATCHES_PER_ENTERPRISE_PER_DAY:
        raise DailyLimit(
            _("每个企业每天最多提交 %(n)s 批预约，请明天再约，或在已有批次中增加员工。")
            % {"n": settings.BATCHES_PER_ENTERPRISE_PER_DAY}
        )
    booked = sum(b.appointment.people for b in today)
    if booked + people > settings.BATCH_PEOPLE_PER_ENTERPRISE_PER_DAY:
        raise DailyLimit(
            _("每个企业每天最多为 %(n)s 名员工批量预约，今天已约 %(done)s 人。")
            % {"n": settings.BATCH_PEOPLE_PER_ENTERPRISE_PER_DAY, "done": booked}
        )


def _editable(batch: Batch, now: dt.datetime) -> Appointment:
    appointment = Appointment.objects.select_for_update().get(pk=batch.appointment_id)
    if not appointment.is_cancellable(now):
        raise NotCancellable(
            _("已过修改截止时间（预约开始前 %(h)s 小时），不能再增减员工或取消。")
            % {"h": settings.BOOKING_CANCEL_CUTOFF_HOURS}
        )
    return appointment


def _batch_matters(batch: Batch) -> list[MatterPage]:
    return [am.matter for am in batch.appointment.matters.select_related("matter")]


@transaction.atomic
def add_employees(
    *, batch: Batch, employees: Sequence[Employee], now: dt.datetime | None = None
) -> Batch:
    now = now or timezone.now()
    appointment = _editable(batch, now)
    matters = _batch_matters(batch)
    existing = set(batch.employees.filter(active=True).values_list("person__id_hash", flat=True))
    clash = [e for e in employees if person_hash(e.id_number) in existing]
    if clash:
        raise InvalidBooking(
            _("第 %(n)s 行的员工已在这批名单中。") % {"n": clash[0].row}, field="file"
        )
    _check_daily_limits(batch.enterprise, len(employees), now, new_batch=False)
    extra = per_person_minutes(matters) * len(employees)
    try:
        capacity.draw_more(appointment=appointment, minutes=extra)
    except SlotFull:
        raise too_large(
            appointment.centre, appointment.start, matters, appointment.people + len(employees), now
        ) from None
    _first, end = capacity.span(appointment)
    Appointment.objects.filter(pk=appointment.pk).update(
        minutes=appointment.minutes + extra, people=appointment.people + len(employees), end=end
    )
    _add_employees(batch, employees, matters)
    return batch


@transaction.atomic
def remove_employee(*, batch: Batch, employee_id: int, now: dt.datetime | None = None) -> None:
    """Take one employee off the list; their counter-minutes are free again at once."""
    now = now or timezone.now()
    appointment = _editable(batch, now)
    employee = batch.employees.filter(pk=employee_id, active=True).first()
    if employee is None:
        raise InvalidBooking(_("名单中没有这名员工。"))
    if appointment.people <= 1:
        raise InvalidBooking(_("这是名单中最后一名员工，请直接取消整批预约。"))
    each = appointment.minutes // appointment.people
    BatchEmployee.objects.filter(pk=employee.pk).update(active=False)
    Hold.objects.filter(appointment=appointment, person=employee.person).update(active=False)
    capacity.give_back_some(appointment=appointment, minutes=each)
    _first, end = capacity.span(appointment)
    Appointment.objects.filter(pk=appointment.pk).update(
        minutes=appointment.minutes - each, people=appointment.people - 1, end=end
    )


@transaction.atomic
def cancel_batch(*, batch: Batch, now: dt.datetime | None = None) -> None:
    from appointments.services import cancel_appointment

    cancel_appointment(appointment=batch.appointment, now=now)
    batch.employees.update(active=False)


def split_checklist(lines) -> tuple[list, list]:
    """(what the enterprise brings once, what each employee brings), as the material library says."""
    once = [line for line in lines if line.brought_by == BroughtBy.ORGANISATION]
    per_employee = [line for line in lines if line.brought_by != BroughtBy.ORGANISATION]
    return once, per_employee
