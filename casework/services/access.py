"""Who may use the counter, reading what a scanner typed, numbering, the audit trail."""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import unquote

from django.core import signing
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Profile
from appointments.constants import AppointmentStatus
from appointments.models import Appointment
from appointments.tickets import reference_from_token
from casework.constants import AccessAction
from casework.exceptions import NotCheckedIn, NotFound, OtherCentre, Unreadable
from casework.models import AccessLog, DailySequence
from centres.models import ServiceCentre
from core.personal_data import reveal

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


def log_access(user, appointment: Appointment, action: str) -> None:
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


@transaction.atomic
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
    log_access(clerk, appointment, AccessAction.VIEW)


def reveal_id_number(*, appointment: Appointment, clerk, now: dt.datetime | None = None) -> str:
    if appointment.centre_id != clerk_centre(clerk).pk:
        raise OtherCentre()
    # Checked in at this centre (the line above and the scan's own check) and on this day.
    if not may_reveal(Appointment.objects.get(pk=appointment.pk), now):
        raise NotCheckedIn()
    log_access(clerk, appointment, AccessAction.REVEAL_ID)
    return reveal(appointment.applicant_id_encrypted)
