"""Asking the applicant to rate a completed case: an e-mail to the booking account and a text."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.utils import translation
from django.utils.translation import gettext as _

from appointments.notifications import email_booker
from appointments.recipients import phones_of
from appointments.tickets import ticket_url
from casework.constants import OPEN_STATUSES, CaseStatus
from casework.models import Case
from flowback.sms import send_sms
from flowback.sms.kinds import render
from ratings.links import rating_url


def _last_of_batch(case: Case) -> bool:
    """Whether this case is the one whose completion ends its batch.

    A batch of 200 employees must not bring the HR officer 200 e-mails and
    texts: the invitation goes once, when no case of the batch is open any
    more, from the task of the last completed case (by closing time, then
    id), so that two tasks running at once still send one invitation. If the
    batch ends with a rejection, nobody is invited by message; the links stay
    on the ticket page.
    """
    cases = Case.objects.filter(appointment_id=case.appointment_id)
    if cases.filter(status__in=OPEN_STATUSES).exists():
        return False
    last = (
        cases.filter(status=CaseStatus.COMPLETED).order_by("-closed_at", "-pk").values("pk").first()
    )
    return last is not None and last["pk"] == case.pk


def invite_to_rate(case_id: int) -> None:
    case = Case.objects.select_related("appointment__booked_by", "centre").get(pk=case_id)
    if case.status != CaseStatus.COMPLETED:
        return
    appointment = case.appointment
    if case.employee_id is None:
        # Rated from the ticket page before the task ran: nothing left to ask.
        if hasattr(case, "rating"):
            return
        links = [(case.case_number, rating_url(case.pk))]
        text_link = links[0][1]
    else:
        if not _last_of_batch(case):
            return
        completed = (
            Case.objects.filter(
                appointment_id=appointment.pk, status=CaseStatus.COMPLETED, rating__isnull=True
            )
            .order_by("case_number")
            .values_list("pk", "case_number")
        )
        links = [(number, rating_url(pk)) for pk, number in completed]
        if not links:
            return
        # A text message has room for one link: the ticket page lists them all.
        text_link = ticket_url(appointment.reference)
    email_booker(
        appointment,
        "ratings/email/invitation",
        {"case": case, "links": links, "batch": case.employee_id is not None},
    )
    if case.employee_id is None:
        template = "case_completed"
        params = {"centre": case.centre.name, "case": case.case_number, "url": text_link}
    else:
        template = "batch_completed"
        params = {"centre": case.centre.name, "reference": appointment.reference, "url": text_link}
    with translation.override(settings.LANGUAGE_CODE):
        for phone in phones_of(appointment):
            send_sms(phone, template=template, params=params)


def tell_answer(follow_up_id: int) -> None:
    """The applicant who gave a low rating hears that the centre answered, and where to read it."""
    from ratings.models import FollowUp

    follow_up = FollowUp.objects.select_related(
        "rating__case__appointment__booked_by", "centre"
    ).get(pk=follow_up_id)
    case = follow_up.rating.case
    params = {"centre": follow_up.centre.name, "case": case.case_number, "url": rating_url(case.pk)}
    with translation.override(settings.LANGUAGE_CODE):
        text = render("rating_answered", params)
        subject = _("%(centre)s 回复了您的评价") % {"centre": follow_up.centre.name}
    email = case.appointment.booked_by.email
    if email:
        send_mail(subject, text, None, [email])
    with translation.override(settings.LANGUAGE_CODE):
        for phone in phones_of(case.appointment):
            send_sms(phone, text, template="rating_answered", params=params)
