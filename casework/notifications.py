"""Telling an applicant that a case was returned for completion (补正) or rejected.

Both go by e-mail to the account that booked (walk-ins have none) and by text
message to the applicant's phone (and a proxy booker's; for a batch, the HR
officer's), in the site's language.
"""

from django.conf import settings
from django.utils import translation

from appointments.notifications import email_booker
from appointments.recipients import phones_of
from casework.models import Case
from flowback.sms import send_sms


def _case(case_id: int) -> Case:
    return Case.objects.select_related("appointment__booked_by", "centre").get(pk=case_id)


def _text(case: Case, template: str, **params: str) -> int:
    params = {"centre": case.centre.name, "case": case.case_number, **params}
    with translation.override(settings.LANGUAGE_CODE):
        return sum(
            send_sms(phone, template=template, params=params)
            for phone in phones_of(case.appointment)
        )


def tell_what_is_missing(case_id: int) -> None:
    case = _case(case_id)
    email_booker(case.appointment, "casework/email/returned", {"case": case})
    _text(case, "case_returned", missing="、".join(case.missing))


def tell_rejection(case_id: int) -> None:
    case = _case(case_id)
    email_booker(case.appointment, "casework/email/rejected", {"case": case})
    _text(case, "case_rejected", reason=case.close_reason)
