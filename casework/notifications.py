"""Telling an applicant that a case was returned for completion (补正) or rejected.

Both go by e-mail to the account that booked (walk-ins have none) and by text
message to the applicant's phone, in the site's language.
"""

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from appointments.notifications import email_booker
from casework.models import Case
from flowback.sms import send_sms


def _case(case_id: int) -> Case:
    return Case.objects.select_related("appointment__booked_by", "centre").get(pk=case_id)


def tell_what_is_missing(case_id: int) -> None:
    case = _case(case_id)
    email_booker(case.appointment, "casework/email/returned", {"case": case})
    with translation.override(settings.LANGUAGE_CODE):
        text = _(
            "%(centre)s：您的办件 %(n)s 材料不全，请补齐：%(names)s。带齐后到综合窗口出示办件编号即可。"
        ) % {
            "centre": case.centre.name,
            "n": case.case_number,
            "names": "、".join(case.missing),
        }
    send_sms(case.appointment.applicant_phone, text)


def tell_rejection(case_id: int) -> None:
    case = _case(case_id)
    email_booker(case.appointment, "casework/email/rejected", {"case": case})
    with translation.override(settings.LANGUAGE_CODE):
        text = _("%(centre)s：您的办件 %(n)s 不予受理，原因：%(reason)s。咨询：12345。") % {
            "centre": case.centre.name,
            "n": case.case_number,
            "reason": case.close_reason,
        }
    send_sms(case.appointment.applicant_phone, text)
