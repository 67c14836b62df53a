"""Telling an applicant what to bring when a case is returned for completion."""

from appointments.notifications import email_booker
from casework.models import Case


def tell_what_is_missing(case_id: int) -> None:
    case = Case.objects.select_related("appointment__booked_by", "centre").get(pk=case_id)
    email_booker(case.appointment, "casework/email/returned", {"case": case})
