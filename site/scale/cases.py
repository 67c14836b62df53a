"""Closed cases of the simulated year, with their queue tickets and ratings."""

from __future__ import annotations

import datetime as dt

from django.db.models import OuterRef, Subquery
from django.utils import timezone

from appointments.models import Appointment
from casework.constants import CaseStatus, QueueStatus
from casework.models import Case, QueueTicket
from portal.scale import bulk
from portal.scale.identities import reference
from ratings.models import Rating

SCORES = (5, 4, 3, 2, 1)
SCORE_WEIGHTS = (70, 20, 6, 2.5, 1.5)
REJECT_REASON = "不符合受理条件（模拟）"


def add_closed_cases(plans, ids, clerks, queue_numbers, rng, now) -> int:
    """Closed cases, their queue tickets and ratings for checked-in appointments."""
    case_rows, tickets, scores = [], [], {}
    for n, centre, start, arrived, _minutes in plans:
        called = arrived + dt.timedelta(minutes=rng.randint(1, 25), seconds=rng.randint(0, 59))
        accepted = called + dt.timedelta(minutes=rng.randint(3, 20), seconds=rng.randint(0, 59))
        if rng.random() < 0.7:  # settled at the counter
            closed = accepted + dt.timedelta(minutes=rng.randint(1, 30))
        else:
            closed = accepted + dt.timedelta(days=rng.randint(1, 10), hours=rng.randint(0, 6))
        closed = min(closed, now - dt.timedelta(minutes=1))
        status = CaseStatus.REJECTED if rng.random() < 0.04 else CaseStatus.COMPLETED
        day = timezone.localdate(arrived)
        number = f"{centre.code}-{day:%Y%m%d}-{n:09d}"
        staff = clerks.get(centre.pk) or clerks_fallback(clerks)
        case_rows.append(
            (
                number,
                centre.pk,
                ids[reference(n)],
                status,
                staff[n % len(staff)],
                "",
                "[]",
                arrived,
                called,
                called + dt.timedelta(seconds=30),
                accepted,
                None,
                closed,
                REJECT_REASON if status == CaseStatus.REJECTED else "",
            )
        )
        queue_numbers[(centre.pk, day)] += 1
        tickets.append(
            (
                centre.pk,
                day,
                f"S{queue_numbers[(centre.pk, day)]:03d}",
                ids[reference(n)],
                start,
                QueueStatus.SERVED,
                1 + n % centre.counters,
                called,
                arrived,
                called + dt.timedelta(seconds=30),
                accepted,
            )
        )
        rated = min(closed + dt.timedelta(hours=rng.randint(0, 48)), now)
        scores[number] = (rng.choices(SCORES, SCORE_WEIGHTS)[0], rated)
    if not case_rows:
        return 0
    bulk.insert(
        Case,
        (
            "case_number",
            "centre_id",
            "appointment_id",
            "status",
            "clerk_id",
            "notes",
            "missing",
            "scanned_at",
            "called_at",
            "intake_started_at",
            "accepted_at",
            "complete_at",
            "closed_at",
            "close_reason",
        ),
        case_rows,
    )
    bulk.insert(
        QueueTicket,
        (
            "centre_id",
            "date",
            "number",
            "appointment_id",
            "sort_at",
            "status",
            "counter",
            "called_at",
            "created_at",
            "intake_started_at",
            "served_at",
        ),
        tickets,
    )
    case_ids = dict(
        Case.objects.filter(case_number__in=list(scores)).values_list("case_number", "pk")
    )
    bulk.insert(
        Rating,
        ("case_id", "score", "comment", "created_at"),
        ((case_ids[number], score, "", at) for number, (score, at) in scores.items()),
    )
    # bulk_create stamps auto_now_add fields with the present; COPY keeps the given times.
    Rating.objects.filter(created_at__gt=now, case__case_number__in=list(scores)).update(
        created_at=Subquery(Case.objects.filter(pk=OuterRef("case")).values("closed_at"))
    )
    return len(case_rows)


def clerks_fallback(clerks) -> list[int]:
    return next(iter(clerks.values()), None) or list(
        Appointment._meta.get_field("booked_by")
        .related_model.objects.filter(is_superuser=False)
        .values_list("pk", flat=True)[:1]
    )
