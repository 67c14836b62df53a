"""Telling an enterprise's officers who asked to join, who was let in, refused or removed."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation

from enterprises.models import EnterpriseLog, OfficerStatus


def tell_officers(log_id: int) -> int:
    """E-mail every approved officer (but the one who acted) and the officer concerned.

    Rendered in the site's language, like the residents' mails: a worker has no
    request to take one from. Accounts without an e-mail address are skipped.
    """
    entry = EnterpriseLog.objects.select_related("enterprise", "actor", "subject").get(pk=log_id)
    emails = set(
        entry.enterprise.officers.filter(status=OfficerStatus.APPROVED)
        .exclude(user=entry.actor)
        .values_list("user__email", flat=True)
    )
    if entry.subject_id and entry.subject_id != entry.actor_id:
        emails.add(entry.subject.email)
    emails.discard("")
    if not emails:
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        context = {"entry": entry, "site_url": settings.SITE_URL}
        subject = render_to_string("enterprises/email/membership_subject.txt", context).strip()
        body = render_to_string("enterprises/email/membership.txt", context)
    # One message each: officers of one enterprise do not learn each other's addresses.
    for email in sorted(emails):
        send_mail(subject, body, None, [email])
    return len(emails)
