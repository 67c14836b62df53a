"""Telling an applicant what to bring when a case is returned for completion."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation

from casework.models import Case


def tell_what_is_missing(case_id: int) -> None:
    case = Case.objects.select_related("appointment__booked_by", "centre").get(pk=case_id)
    email = case.appointment.booked_by.email
    if not email:
        return
    with translation.override(settings.LANGUAGE_CODE):
        context = {"case": case, "site_url": settings.SITE_URL}
        subject = render_to_string("casework/email/returned_subject.txt", context).strip()
        body = render_to_string("casework/email/returned.txt", context)
    send_mail(subject, body, None, [email])
