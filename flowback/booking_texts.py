"""Text messages about a booking, to the applicant's phone and a proxy booker's.

Chinese SMS gateways send an approved template with parameters, so each
message is a kind (``flowback.sms.kinds``) whose parameters are short: the
centre, the time, the reference. An enterprise batch's messages go to its
HR officer (the batch's applicant phone), and the day-before reminder also
to each employee. Whoever turned reminders off is not reminded; every other
message still reaches them.

Booking asks for a text with ``appointments.signals.text_due`` from its
worker task, after the change committed (``flowback.receivers``).
"""

from __future__ import annotations

from django.conf import settings
from django.utils import timezone, translation

from appointments.models import Appointment
from appointments.recipients import employee_phones, phones_of
from core.messages import send_sms
from flowback.sms.kinds import KINDS, REMINDER
from flowback.sms.optout import wants_reminders


def _params(appointment: Appointment) -> dict[str, str]:
    start = timezone.localtime(appointment.start)
    end = timezone.localtime(appointment.end)
    return {
        "centre": appointment.centre.name,
        "time": f"{start:%m-%d %H:%M}-{end:%H:%M}",
        "reference": appointment.reference,
    }


def text_about(appointment: Appointment, template: str) -> int:
    """Send one of the booking texts to everyone it concerns; how many were queued."""
    phones = phones_of(appointment)
    if template == "booking_reminder":
        phones = list(dict.fromkeys([*phones, *employee_phones(appointment)]))
    if KINDS[template].category == REMINDER:
        phones = [phone for phone in phones if wants_reminders(phone)]
    with translation.override(settings.LANGUAGE_CODE):
        params = _params(appointment)
        return sum(send_sms(phone, template=template, params=params) for phone in phones)
