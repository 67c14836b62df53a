"""Checking a roster row by row, and passing the checked list from preview to confirmation."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _

from appointments.forms import clean_id_number, clean_mobile, clean_person_name
from appointments.models import Hold
from appointments.personal_data import person_hash, protect, reveal
from enterprises.models import Batch
from enterprises.roster import Roster
from guides.models import MatterPage

HIRE_DATE_PAST_DAYS = 366
HIRE_DATE_FUTURE_DAYS = 183


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


# 3.20105E+17: how Excel writes a long number it keeps as a number.
SCIENTIFIC_NOTATION = re.compile(r"^\d(\.\d+)?E\+?\d+$", re.IGNORECASE)


def _excel_number_message():
    return _(
        "身份证号被 Excel 当成了数字：Excel 只保留15位有效数字，18位身份证号的后几位会变成0，"
        "或显示成 3.20105E+17 这样的科学计数法。请把“身份证号”一列的单元格格式设为“文本”，"
        "重新输入这些身份证号后再上传。"
    )


def _roster_id_number(raw: str) -> str:
    """An ID number of a roster, naming Excel's 15-digit limit when that is what went wrong."""
    if SCIENTIFIC_NOTATION.match(raw.strip()):
        raise ValidationError(_excel_number_message(), code="excel_number")
    try:
        return clean_id_number(raw)
    except ValidationError as exc:
        # Digits 16-18 of a number Excel stored as a number come back as zeros.
        digits = raw.strip()
        if digits.isdigit() and len(digits) == 18 and digits.endswith("000"):
            raise ValidationError(_excel_number_message(), code="excel_number") from exc
        raise


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
            ("身份证号", _roster_id_number),
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
