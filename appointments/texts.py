"""Text messages about a booking, to the applicant's phone and a proxy booker's.

Chinese SMS gateways send an approved template with parameters, so each
message is a named template whose parameters are short: the centre, the
time, the reference. The text is what the template renders to.
"""

from __future__ import annotations

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from appointments.constants import Relationship
from appointments.models import Appointment
from flowback.sms import send_sms


def _templates() -> dict[str, str]:
    return {
        "booking_confirmed": _(
            "您已预约%(centre)s %(time)s，预约号%(reference)s，请带齐材料准时到达。"
        ),
        "booking_reminder": _("提醒：明天%(time)s在%(centre)s办事，预约号%(reference)s。"),
        "booking_cancelled": _("您在%(centre)s %(time)s的预约（%(reference)s）已取消。"),
        "booking_rescheduled": _("您的预约%(reference)s已改到%(time)s，地点%(centre)s。"),
        "checklist_changed": _(
            "您预约%(reference)s的材料清单有变化，请在网上查看后再去%(centre)s。"
        ),
    }


def _params(appointment: Appointment) -> dict[str, str]:
    start = timezone.localtime(appointment.start)
    end = timezone.localtime(appointment.end)
    return {
        "centre": appointment.centre.name,
        "time": f"{start:%m-%d %H:%M}-{end:%H:%M}",
        "reference": appointment.reference,
    }


def phones_of(appointment: Appointment) -> list[str]:
    """The applicant's phone, and the booking account's when it booked for someone else."""
    phones = [appointment.applicant_phone]
    if appointment.relationship != Relationship.SELF:
        profile = getattr(appointment.booked_by, "profile", None)
        phones.append(getattr(profile, "phone", "") or "")
    return list(dict.fromkeys(p for p in phones if p))


def text_about(appointment: Appointment, template: str) -> int:
    """Send one of the booking texts to everyone it concerns; how many were sent."""
    with translation.override(settings.LANGUAGE_CODE):
        params = _params(appointment)
        text = _templates()[template] % params
    return sum(
        send_sms(phone, text, template=template, params=params) for phone in phones_of(appointment)
    )
