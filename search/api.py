"""Public JSON endpoints of the search: results, and suggestions as the resident types."""

from __future__ import annotations

from dataclasses import asdict

from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from ninja import Field, Router, Schema

from search import services, throttle

router = Router(tags=["search"])

SUGGESTIONS_LIMIT = 8


class SearchHitOut(Schema):
    kind: str = Field(..., description="matter（办事指南）或 bundle（一件事）")
    code: str
    name: str
    department: str = Field(..., description="主管部门；一件事为空")
    url: str


class SuggestionOut(SearchHitOut):
    matched: str = Field(..., description="命中的俗称；命中名称时为空")
    detail: str = Field(..., description="显示在名称下的说明：部门或“一件事”，以及命中的俗称")


class SuggestionsOut(Schema):
    message: str = Field(..., description="给读屏软件播报的提示")
    results: list[SuggestionOut]


@router.get("search", response=list[SearchHitOut], summary="搜索事项和一件事")
def search(request, q: str = "", limit: int = services.DEFAULT_LIMIT):
    """Best first. Everyday words, pinyin and initials, and one wrong character are understood.

    ``limit`` is kept between 1 and 50; fewer come back when the others are
    far weaker than the best, and none when no matter fits well enough or the
    need is handled elsewhere (an ID card, a marriage). A query that finds
    nothing is counted (its words only, within a limit per address) for the
    editors' report.
    """
    hits = services.search(q, limit=limit, record=True, client=throttle.client_address(request))
    return [asdict(hit) for hit in hits]


@router.get("search/suggest", response=SuggestionsOut, summary="输入提示")
def suggest(request, q: str = "", limit: int = SUGGESTIONS_LIMIT):
    """Suggestions for the search box while the resident types; nothing is recorded."""
    hits = services.search(q, limit=min(limit, SUGGESTIONS_LIMIT))
    # While typing, guides that only mention the words in their text are noise
    # beside those named so.
    hits = [hit for hit in hits if not hit.body_only] or hits
    if hits:
        message = ngettext(
            "%(count)d 条建议，按上下方向键选择，回车打开。",
            "%(count)d 条建议，按上下方向键选择，回车打开。",
            len(hits),
        ) % {"count": len(hits)}
    else:
        message = ""
    return {
        "message": message,
        "results": [{**asdict(hit), "detail": _detail(hit)} for hit in hits],
    }


def _detail(hit: services.Hit) -> str:
    parts = [_("一件事") if hit.kind == "bundle" else hit.department_label]
    if hit.matched:
        parts.append(_("也叫“%(alias)s”") % {"alias": hit.matched})
    return " · ".join(part for part in parts if part)
