"""Enterprises and batch bookings: registering, checking a roster, booking, changing.

The work lives in named modules; this module keeps the names callers import
(``from enterprises import services``): registration here, reads in
enterprises.selectors, roster checks in enterprises.roster_check, capacity in
enterprises.batch_capacity, booking and changing in enterprises.booking.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from stdnum import exceptions as stdnum_errors
from stdnum.cn import uscc as uscc_number

from appointments.exceptions import SlotFull
from enterprises import officers
from enterprises.batch_capacity import (
    batch_options,
    days_that_fit,
    largest_batch_on,
    per_person_minutes,
    too_large,
)
from enterprises.booking import (
    add_employees,
    book_batch,
    cancel_batch,
    remove_employee,
    split_checklist,
)
from enterprises.models import Enterprise
from enterprises.roster_check import (
    HIRE_DATE_FUTURE_DAYS,
    HIRE_DATE_PAST_DAYS,
    Employee,
    RosterCheck,
    check_roster,
    seal,
    unseal,
)
from enterprises.selectors import batch_of, batches_of, enterprises_of, officer_of

__all__ = [
    "HIRE_DATE_FUTURE_DAYS",
    "HIRE_DATE_PAST_DAYS",
    "Employee",
    "RosterCheck",
    "SlotFull",
    "add_employees",
    "batch_of",
    "batch_options",
    "batches_of",
    "book_batch",
    "cancel_batch",
    "check_roster",
    "clean_uscc",
    "days_that_fit",
    "enterprises_of",
    "largest_batch_on",
    "officer_of",
    "per_person_minutes",
    "register_or_join",
    "remove_employee",
    "seal",
    "split_checklist",
    "too_large",
    "unseal",
]


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
