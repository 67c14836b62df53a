"""Rating a completed case (好差评), following up low ratings, and answering them."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_q.tasks import async_task

from accounts.models import Profile, StaffRole
from casework.constants import CaseStatus
from casework.models import Case
from centres.models import ServiceCentre
from ratings.constants import ANSWER_MAX, COMMENT_MAX, LOW_SCORE, SCORES, FollowUpStatus
from ratings.exceptions import (
    AlreadyAnswered,
    AlreadyRated,
    FollowUpNotFound,
    InvalidAnswer,
    InvalidLink,
    InvalidRating,
    NotRateable,
)
from ratings.links import case_id_from_token
from ratings.models import FollowUp, Rating
from ratings.workdays import add_working_days


def follow_up_working_days() -> int:
    return settings.RATING_FOLLOW_UP_WORKING_DAYS


def case_from_token(token: str) -> Case:
    """The case behind a rating link; a forged, truncated or stale link is InvalidLink."""
    try:
        case_id = case_id_from_token(token)
    except signing.BadSignature:
        raise InvalidLink() from None
    case = Case.objects.select_related("centre").filter(pk=case_id).first()
    if case is None:
        raise InvalidLink()
    return case


def invite_to_rate(*, case: Case) -> None:
    """Send the applicant the rating link once the completion is committed."""
    transaction.on_commit(lambda: async_task("ratings.tasks.invite_to_rate", case.pk))


def _score(value: int | str | None) -> int:
    text = str(value if value is not None else "").strip()
    if not text.isdigit() or int(text) not in SCORES:
        raise InvalidRating(_("请选择 1 到 5 分中的一项。"), field="score")
    return int(text)


@transaction.atomic
def rate_case(
    *, case: Case, score: int | str | None, comment: str = "", now: dt.datetime | None = None
) -> Rating:
    """Record the applicant's one rating of a completed case; 1 or 2 opens a follow-up."""
    now = now or timezone.now()
    score = _score(score)
    comment = (comment or "").strip()
    if len(comment) > COMMENT_MAX:
        raise InvalidRating(_("评价内容最多 %(n)s 个字。") % {"n": COMMENT_MAX}, field="comment")
    status = Case.objects.filter(pk=case.pk).values_list("status", flat=True).first()
    if status != CaseStatus.COMPLETED:
        raise NotRateable()
    try:
        # A savepoint: of two simultaneous submissions the OneToOne lets one in.
        with transaction.atomic():
            rating = Rating.objects.create(case=case, score=score, comment=comment)
    except IntegrityError:
        raise AlreadyRated() from None
    if score <= LOW_SCORE:
        FollowUp.objects.create(
            rating=rating,
            centre_id=case.centre_id,
            due_date=add_working_days(start=timezone.localdate(now), days=follow_up_working_days()),
        )
    return rating


def manager_centre(user) -> ServiceCentre:
    """The centre a manager runs; clerks and everyone else may not see follow-ups."""
    profile = Profile.objects.select_related("centre").of(user)
    if profile is None or profile.role != StaffRole.MANAGER:
        raise PermissionDenied(_("只有中心负责人可以查看和回复差评。"))
    return profile.centre


@transaction.atomic
def answer_follow_up(
    *, follow_up: FollowUp, manager, answer: str, now: dt.datetime | None = None
) -> FollowUp:
    """The manager's answer to a low rating; an item is answered once."""
    now = now or timezone.now()
    if follow_up.centre_id != manager_centre(manager).pk:
        raise FollowUpNotFound()
    answer = (answer or "").strip()
    if not answer:
        raise InvalidAnswer(field="answer")
    if len(answer) > ANSWER_MAX:
        raise InvalidAnswer(_("回复内容最多 %(n)s 个字。") % {"n": ANSWER_MAX}, field="answer")
    # Two managers answering at once: exactly one update finds the item still open.
    answered = FollowUp.objects.filter(pk=follow_up.pk, status=FollowUpStatus.OPEN).update(
        status=FollowUpStatus.ANSWERED, answer=answer, answered_by=manager, answered_at=now
    )
    if not answered:
        raise AlreadyAnswered()
    follow_up.refresh_from_db()
    transaction.on_commit(lambda: async_task("ratings.tasks.tell_answer", follow_up.pk))
    return follow_up
