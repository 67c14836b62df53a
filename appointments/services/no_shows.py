"""The no-show rule: bookings missed without a check-in, and the suspensions they bring."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from appointments.constants import AppointmentStatus, Relationship
from appointments.models import AccountStanding, Appointment, Hold, Person


@transaction.atomic
def mark_no_shows(*, now: dt.datetime | None = None) -> int:
    """Mark bookings whose time has passed without a check-in; suspend repeat no-shows.

    A no-show counts against the person only when she booked for herself, and
    against the booking account when it booked for someone else.
    """
    now = now or timezone.now()
    missed = Appointment.objects.filter(status=AppointmentStatus.BOOKED, end__lte=now)
    people = set(missed.filter(relationship=Relationship.SELF).values_list("person_id", flat=True))
    accounts = set(
        missed.exclude(relationship=Relationship.SELF).values_list("booked_by_id", flat=True)
    )
    Hold.objects.filter(appointment__in=missed).update(active=False)
    count = missed.update(status=AppointmentStatus.NO_SHOW)
    since = now - dt.timedelta(days=settings.NO_SHOW_WINDOW_DAYS)
    recent = Appointment.objects.filter(status=AppointmentStatus.NO_SHOW, start__gte=since)
    for person in Person.objects.select_for_update().filter(pk__in=people):
        n = recent.filter(person=person, relationship=Relationship.SELF).count()
        if n >= settings.NO_SHOW_LIMIT:
            person.suspended_until, person.suspension_reason = _suspension(now, n)
            person.save(update_fields=["suspended_until", "suspension_reason"])
    for user_id in accounts:
        n = recent.filter(booked_by_id=user_id).exclude(relationship=Relationship.SELF).count()
        if n >= settings.NO_SHOW_LIMIT:
            until, reason = _suspension(now, n)
            AccountStanding.objects.update_or_create(
                user_id=user_id, defaults={"suspended_until": until, "suspension_reason": reason}
            )
    return count


def _suspension(now: dt.datetime, n: int) -> tuple[dt.datetime, str]:
    reason = _("%(days)s 天内预约未到 %(n)s 次") % {"days": settings.NO_SHOW_WINDOW_DAYS, "n": n}
    return now + dt.timedelta(days=settings.NO_SHOW_SUSPENSION_DAYS), reason
