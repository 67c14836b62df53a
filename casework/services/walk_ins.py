"""Walk-ins: someone served without a booking is registered, checked in and queued."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from appointments import services as booking
from appointments.constants import Relationship
from appointments.exceptions import BookingError
from appointments.forms import clean_id_number, clean_mobile, clean_person_name
from appointments.models import Appointment
from casework.constants import AccessAction
from casework.exceptions import (
    InvalidFields,
)
from casework.models import QueueTicket
from casework.services.access import clerk_centre, log_access
from casework.services.queue import enqueue
from centres.models import ServiceCentre
from flowback.constants import EventType
from flowback.services import record_event
from guides.selectors import matters_with_materials


def walk_in_account(centre: ServiceCentre):
    """The account a centre's walk-ins are filed under: no e-mail, no password, no login.

    ``Appointment.booked_by`` cannot be empty; a clerk's own account would get
    the walk-ins' e-mails, so residents who came in person are told by text only.
    """
    User = get_user_model()
    username = f"walk-in@{centre.code}".lower()
    user = User.objects.filter(username=username).first()
    if user is None:
        user = User(username=username, email="", is_active=False)
        user.set_unusable_password()
        try:
            with transaction.atomic():
                user.save()
        except IntegrityError:
            user = User.objects.get(username=username)
    return user


def _walk_in_applicant(applicant: dict) -> booking.Applicant:
    errors: dict[str, list[str]] = {}
    cleaned = {}
    for field, clean in (
        ("name", clean_person_name),
        ("id_number", clean_id_number),
        ("phone", clean_mobile),
    ):
        raw = (applicant or {}).get(field, "")
        if field == "phone" and not (raw or "").strip():
            # A resident without a mobile phone is served all the same.
            cleaned[field] = ""
            continue
        try:
            cleaned[field] = clean(raw)
        except ValidationError as exc:
            errors[f"applicant.{field}"] = list(exc.messages)
    if errors:
        raise InvalidFields(errors)
    return booking.Applicant(relationship=Relationship.SELF, **cleaned)


def _walk_in_matters(codes: Sequence[str], situations: Sequence[str]):
    codes = [c.strip().upper() for c in codes if c and c.strip()]
    if not codes:
        raise InvalidFields({"matters": [_("请至少选择一个事项。")]})
    matters = matters_with_materials(codes)
    unknown = sorted(set(codes) - {m.code for m in matters})
    if unknown:
        raise InvalidFields({"matters": [_("没有这些事项：%(c)s") % {"c": "、".join(unknown)}]})
    situations = [s.strip().upper() for s in situations if s and s.strip()]
    known = {s.code for m in matters for s in m.situations.all()}
    wrong = sorted(set(situations) - known)
    if wrong:
        raise InvalidFields(
            {"situations": [_("情形不属于所选事项：%(c)s") % {"c": "、".join(wrong)}]}
        )
    return matters, situations


@transaction.atomic
def register_walk_in(
    *,
    clerk,
    matters: Sequence[str],
    situations: Sequence[str] = (),
    applicant: dict,
    counter: int | None = None,
    queue_number: str = "",
    now: dt.datetime | None = None,
) -> Appointment:
    """Someone who came without booking: the same record and intake as a booked resident.

    At a counter they are served there and then; at reception they get a W
    number and wait. A W number taken earlier without details (``queue_number``)
    is kept, so a called walk-in goes on to intake under the number on their slip.
    """
    now = now or timezone.now()
    centre = clerk_centre(clerk)
    matter_pages, situation_codes = _walk_in_matters(matters, situations)
    person = _walk_in_applicant(applicant)
    ticket = None
    if queue_number:
        ticket = (
            QueueTicket.objects.select_for_update()
            .filter(
                centre=centre,
                date=timezone.localdate(now),
                number=queue_number.strip().upper(),
                appointment__isnull=True,
            )
            .first()
        )
        if ticket is None:
            raise InvalidFields({"queue_number": [_("今天没有这个待登记的现场号。")]})
    try:
        appointment = booking.register_walk_in(
            centre=centre,
            matters=matter_pages,
            situation_codes=situation_codes,
            applicant=person,
            registered_by=walk_in_account(centre),
            now=now,
        )
    except BookingError as exc:
        raise InvalidFields({exc.field or "matters": [exc.message]}) from None
    if ticket is not None:
        ticket.appointment = appointment
        ticket.save(update_fields=["appointment"])
    else:
        enqueue(centre=centre, now=now, appointment=appointment, walk_in=True, counter=counter)
    log_access(clerk, appointment, AccessAction.SCAN)
    record_event(type=EventType.APPOINTMENT_CHECKED_IN, appointment=appointment, now=now)
    return appointment
