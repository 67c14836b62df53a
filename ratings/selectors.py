"""Reads for rating pages: links on the ticket, the manager's follow-ups."""

from __future__ import annotations

from casework.constants import CaseStatus
from casework.models import Case
from ratings.constants import FollowUpStatus
from ratings.exceptions import FollowUpNotFound
from ratings.links import rating_path
from ratings.models import FollowUp


def rating_links(appointment_id: int) -> list[dict]:
    """One entry per completed case of an appointment: its number and link, or that it is rated.

    A batch (an enterprise booking for many employees) has one case per
    employee; the ticket belongs to the HR officer, who rates each case on
    the enterprise's behalf. Cases are listed by case number only, never by
    employee name, because the ticket page is public to whoever holds it.
    """
    rows = (
        Case.objects.filter(appointment_id=appointment_id, status=CaseStatus.COMPLETED)
        .order_by("case_number")
        .values_list("pk", "case_number", "rating__score")
    )
    return [
        {"case_number": number, "path": rating_path(pk), "rated": score is not None}
        for pk, number, score in rows
    ]


def _follow_ups(centre_id: int):
    return FollowUp.objects.of_centre(centre_id).select_related("rating__case")


def open_follow_ups(centre_id: int):
    """Every open item, the most urgent first."""
    return _follow_ups(centre_id).open().order_by("due_date", "pk")


def answered_follow_ups(centre_id: int, limit: int = 50):
    return (
        _follow_ups(centre_id)
        .filter(status=FollowUpStatus.ANSWERED)
        .order_by("-answered_at")[:limit]
    )


def follow_up_of_centre(*, pk: int, centre_id: int) -> FollowUp:
    follow_up = (
        _follow_ups(centre_id).select_related("answered_by", "rating__case__clerk").filter(pk=pk)
    ).first()
    if follow_up is None:
        raise FollowUpNotFound()
    return follow_up
