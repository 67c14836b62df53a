"""Enterprises and batch bookings: registering, checking a roster, booking, changing."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _
from stdnum import exceptions as stdnum_errors
from stdnum.cn import uscc as uscc_number

from appointments import capacity, schedule
from appointments.constants import Relationship
from appointments.exceptions import DailyLimit, InvalidBooking, NotCancellable, SlotFull
from appointments.forms import clean_id_number, clean_mobile, clean_person_name
from appointments.models import Appointment, Hold, Person, ServiceCentre
from appointments.personal_data import person_hash, protect, reveal
from appointments.services import Applicant, create_appointment, minutes_for
from enterprises import officers
from enterprises.models import Batch, BatchEmployee, Enterprise
from enterprises.roster import Roster
from guides.constants import Audience
from guides.models import MatterPage

HIRE_DATE_PAST_DAYS = 366
HIRE_DATE_FUTURE_DAYS = 183


# --- enterprises -----------------------------------------------------------------


def clean_uscc(raw: str) -> str:
    value = uscc_number.compact(raw or "").upper()
    try:
        uscc_number.validate(value)
    except stdnum_errors.InvalidLength:
        raise ValidationError(_("统一社会信用代码应为18位。"), code="length") from None
    except stdnum_errors.InvalidChecksum:
        raise ValidationError(
            _("统一社会信用代码最后一位（校验码）不对，请对照营业执照核对。"), code="checksum"
        ) from None
    except stdnum_errors.ValidationError:
        raise ValidationError(
            _("统一社会信用代码格式不正确，请对照营业执照核对。"), code="format"
        ) from None
    return value


@transaction.atomic
def register_or_join(*, user, name: str, uscc: str) -> Enterprise:
    """Register an enterprise by its USCC, or ask to join it as a further officer.

    Either way the user is only a *pending* officer: an administrator approves
    the first officer of a new enterprise, an approved officer a later one
    (enterprises/officers.py). The USCC and name are printed on the licence, so
    knowing them grants nothing.
    """
    code = clean_uscc(uscc)
    name = " ".join((name or "").split())
    if not name:
        raise ValidationError({"name": [_("请填写企业名称。")]})
    enterprise, created = Enterprise.objects.get_or_create(uscc=code, defaults={"name": name})
    if not created and enterprise.name != name:
        raise ValidationError(
            {"name": [_("企业名称与该统一社会信用代码登记的名称不一致，请按营业执照填写。")]}
        )
    officers.request(user=user, enterprise=enterprise, registered=created)
    return enterprise


def enterprises_of(user):
    """Enterprises the user acts for: approved officers only."""
    return Enterprise.objects.filter(pk__in=officers.approved(user).values("enterprise"))


def batches_of(user):
    """Batches of the enterprises the user is an approved officer of."""
    return Batch.objects.filter(enterprise__in=enterprises_of(user)).select_related(
        "appointment__centre", "enterprise"
    )


def batch_of(user, reference: str) -> Batch:
    from django.http import Http404

    batch = batches_of(user).filter(appointment__reference=reference.strip().upper()).first()
    if batch is None:
        raise Http404(_("没有找到这个批量预约。"))
    return batch


# --- checking a roster -----------------------------------------------------------


@dataclass
class Employee:
    row: int
    name: str
    id_number: str
    phone: str
    hire_date: dt.date


@dataclass
class RosterCheck:
    employees: list[Employee] = field(default_factory=list)
    errors: list[dict] = field(default_factory=list)

    def add(self, row: int, column: str, message) -> None:
        self.errors.append({"row": row, "column": column, "message": str(message)})


def _hire_date(raw: str, today: dt.date) -> dt.date:
    text = (
        raw.strip()
        .replace("/", "-")
        .replace(".", "-")
        .replace("年", "-")
        .replace("月", "-")
        .rstrip("日")
    )
    if len(text) == 8 and text.isdigit():
        text = f"{text[:4]}-{text[4:6]}-{text[6:]}"
    try:
        day = parse_date(text[:10]) if text else None
    except ValueError:
        day = None
    if day is None:
        raise ValidationError(_("不是有效的日期，请写成 2026-12-01 这样的格式。"))
    if (
        not today - dt.timedelta(days=HIRE_DATE_PAST_DAYS)
        <= day
        <= today + dt.timedelta(days=HIRE_DATE_FUTURE_DAYS)
    ):
        raise ValidationError(_("入职日期应在一年前到半年后之间，请核对。"))
    return day


def check_roster(
    roster: Roster, *, matters: Sequence[MatterPage], exclude_batch: Batch | None = None
) -> RosterCheck:
    """Check every row; the result lists every bad row, or the clean employees."""
    today = timezone.localdate()
    check = RosterCheck()
    first_row: dict[str, int] = {}
    for number, cells in roster.rows:
        values = {}
        for column, cleaner in (
            ("姓名", clean_person_name),
            ("身份证号", clean_id_number),
            ("手机号", clean_mobile),
            ("入职日期", lambda raw: _hire_date(raw, today)),
        ):
            raw = cells.get(column, "").strip()
            if not raw:
                check.add(number, column, _("这一格是空的。"))
                continue
            try:
                values[column] = cleaner(raw)
            except ValidationError as exc:
                check.add(number, column, exc.messages[0])
        number_ok = values.get("身份证号")
        if number_ok:
            if number_ok in first_row:
                check.add(
                    number,
                    "身份证号",
                    _("与第 %(n)s 行是同一个人（身份证号重复）。") % {"n": first_row[number_ok]},
                )
                continue
            first_row[number_ok] = number
        if len(values) == 4:
            check.employees.append(
                Employee(
                    number, values["姓名"], values["身份证号"], values["手机号"], values["入职日期"]
                )
            )
    _check_holds(check, matters, exclude_batch)
    if check.errors:
        check.employees = []
    return check


def _check_holds(
    check: RosterCheck, matters: Sequence[MatterPage], exclude_batch: Batch | None
) -> None:
    """Employees who already hold an active booking for one of these matters."""
    hashes = {person_hash(e.id_number): e for e in check.employees}
    holds = Hold.objects.filter(
        person__id_hash__in=hashes, matter__in=matters, active=True
    ).select_related("person", "matter")
    if exclude_batch is not None:
        holds = holds.exclude(appointment=exclude_batch.appointment)
    for hold in holds:
        employee = hashes[hold.person.id_hash]
        check.add(
            employee.row, "身份证号", _("该员工已有“%(m)s”的有效预约。") % {"m": hold.matter.title}
        )


# --- capacity --------------------------------------------------------------------


def per_person_minutes(matters: Sequence[MatterPage]) -> int:
    return minutes_for(matters)


def batch_options(
    centre: ServiceCentre, day: dt.date, matters: Sequence[MatterPage], now=None
) -> list[tuple[capacity.StartOption, int]]:
    """Each start of a day with how many employees can still start there (0: none)."""
    each = per_person_minutes(matters) or 1
    options = capacity.day_options(centre=centre, day=day, minutes=each, batch=True, now=now)
    return [(o, 0 if o.full else o.room // each) for o in options]


def largest_batch_on(
    centre: ServiceCentre, day: dt.date, matters: Sequence[MatterPage], now=None
) -> int:
    """The most employees one batch can still book that day (within one opening session)."""
    return max((fits for _o, fits in batch_options(centre, day, matters, now)), default=0)


def days_that_fit(
    centre: ServiceCentre, matters: Sequence[MatterPage], people: int, now=None, limit=3
) -> list[dt.date]:
    """The next bookable days on which a batch of ``people`` fits whole."""
    now = now or timezone.now()
    found = []
    for day in schedule.bookable_days(centre, now):
        if largest_batch_on(centre, day, matters, now) >= people:
            found.append(day)
            if len(found) == limit:
                break
    return found


def too_large(centre, start, matters, people, now) -> SlotFull:
    """The refusal of a batch that does not fit, naming what does."""
    day = timezone.localdate(start)
    fits = largest_batch_on(centre, day, matters, now)
    days = "、".join(d.strftime("%m-%d") for d in days_that_fit(centre, matters, people, now))
    if fits == 0:
        message = _("%(day)s 该中心已没有能容纳这批员工的时间。") % {"day": day}
    else:
        message = _(
            "所选时间放不下 %(people)s 人。%(day)s 该中心一批最多还能办 %(fits)s 人"
            "（可从其他开始时间预约，或把名单拆成几批）。"
        ) % {"people": people, "day": day, "fits": fits}
    if days:
        message += _("整批 %(people)s 人能约上的日期：%(days)s。") % {
            "people": people,
            "days": days,
        }
    else:
        message += _("可预约的日期里都放不下整批 %(people)s 人，请把名单拆成几批。") % {
            "people": people
        }
    return SlotFull(message)


# --- booking and changing -------------------------------------------------------


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
    )
    batch = Batch.objects.create(
        enterprise=enterprise, officer=officer, appointment=appointment, bundle_code=bundle_code
    )
    _add_employees(batch, employees, matters)
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


def officer_of(user, enterprise: Enterprise) -> bool:
    """Whether the user is an approved officer of the enterprise (a pending request is not)."""
    return officers.is_approved(user, enterprise)


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


# --- passing a checked roster from the preview to the confirmation ---------------


def seal(employees: Sequence[Employee]) -> str:
    """The checked list, encrypted, for the preview page's hidden field: nothing is stored yet."""
    data = [[e.row, e.name, e.id_number, e.phone, e.hire_date.isoformat()] for e in employees]
    return protect(json.dumps(data, ensure_ascii=False))


def unseal(token: str) -> list[Employee]:
    data = json.loads(reveal(token))
    return [
        Employee(row, name, number, phone, dt.date.fromisoformat(day))
        for row, name, number, phone, day in data
    ]


# Until the material library says who brings what, a name tells it: these are
# an employee's own papers; everything else the enterprise brings once.
EMPLOYEE_MATERIAL_HINTS = ("劳动合同", "身份证复印件", "居民身份证件")


def split_checklist(lines) -> tuple[list, list]:
    """(what the enterprise brings once, what each employee brings)."""
    per_employee = [line for line in lines if any(h in line.name for h in EMPLOYEE_MATERIAL_HINTS)]
    once = [line for line in lines if line not in per_employee]
    return once, per_employee
