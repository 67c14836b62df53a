"""The public rating page behind the link, and the manager's follow-ups at the counter."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from casework.constants import CaseStatus
from casework.views import staff_view
from ratings import selectors, services
from ratings.constants import ANSWER_MAX, COMMENT_MAX, SCORES
from ratings.exceptions import FollowUpNotFound, InvalidLink, NotRateable, RatingError
from ratings.models import FollowUp, Rating


def _rating_page(request, case, *, error=None, posted=None, status=200):
    rating = Rating.objects.filter(case=case).select_related("follow_up").first()
    follow_up = getattr(rating, "follow_up", None) if rating else None
    context = {
        "case": case,
        "rating": rating,
        "rating_label": SCORES.get(rating.score) if rating else "",
        "follow_up": follow_up,
        "rateable": case.status == CaseStatus.COMPLETED,
        "scores": list(SCORES.items()),
        "comment_max": COMMENT_MAX,
        "error": error,
        "posted": posted or {"score": "", "comment": ""},
    }
    return render(request, "ratings/rate.html", context, status=status)


# never_cache: the page shows one person's rating, so no shared cache may keep it.
@never_cache
def rate(request, token):
    try:
        case = services.case_from_token(token)
    except InvalidLink as exc:
        return render(request, "ratings/invalid_link.html", {"error": exc}, status=exc.status)
    if request.method == "POST":
        posted = {
            "score": request.POST.get("score", "").strip(),
            "comment": request.POST.get("comment", ""),
        }
        try:
            services.rate_case(case=case, score=posted["score"], comment=posted["comment"])
        except RatingError as exc:
            return _rating_page(request, case, error=exc, posted=posted, status=exc.status)
        messages.success(request, _("感谢您的评价！"))
        return redirect("rate_case", token=token)
    if case.status != CaseStatus.COMPLETED:
        error = NotRateable()
        return _rating_page(request, case, error=error, status=error.status)
    return _rating_page(request, case)


# Centre managers only, through the staff login, like the counter's audit page.
manager_view = staff_view(services.manager_centre)


@manager_view
def follow_ups(request):
    return render(
        request,
        "ratings/follow_ups.html",
        {
            "centre": request.centre,
            "open_items": selectors.open_follow_ups(request.centre.pk),
            "answered_items": selectors.answered_follow_ups(request.centre.pk),
        },
    )


def _follow_up(request, pk: int) -> FollowUp:
    try:
        return selectors.follow_up_of_centre(pk=pk, centre_id=request.centre.pk)
    except FollowUpNotFound as exc:
        raise Http404(exc.message) from None


@manager_view
def follow_up_detail(request, pk):
    follow_up = _follow_up(request, pk)
    error, status, answer = None, 200, ""
    if request.method == "POST":
        answer = request.POST.get("answer", "")
        try:
            services.answer_follow_up(follow_up=follow_up, manager=request.user, answer=answer)
        except RatingError as exc:
            error, status = exc, exc.status
            follow_up = _follow_up(request, pk)
        else:
            messages.success(request, _("回复已保存。"))
            return redirect("counter_follow_up", pk=follow_up.pk)
    return render(
        request,
        "ratings/follow_up.html",
        {
            "centre": request.centre,
            "item": follow_up,
            "rating": follow_up.rating,
            "rating_label": SCORES.get(follow_up.rating.score),
            "error": error,
            "answer": answer,
            "answer_max": ANSWER_MAX,
        },
        status=status,
    )
