"""What the search does not answer: needs outside the catalogue, and answers too weak to show.

The service centres' generalist window handles the 30 matters of the
catalogue. Residents also ask the search for what is done elsewhere (an ID
card at the police station, a marriage at the civil affairs bureau). For
those, an honest "not handled here, go there, or call 12345" is better than
the nearest matter: search/elsewhere.py lists common out-of-scope needs,
their words and where to go. And whatever the query, a result has to clear a stated
confidence (search/ranking.py's scale), and only results near the best one are
shown, so a resident is not handed ten matters that merely share a word.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from search.elsewhere import ELSEWHERE, Elsewhere, find

__all__ = ["ELSEWHERE", "NOT_HANDLED", "Elsewhere", "elsewhere", "trim"]

# A result is shown only from this score up: a name or alias matched in part
# (58 and up), or a described need whose words the matter's names, aliases
# and residents' phrasings mostly cover (search/matching.py). Body text alone
# (30 and below) is never enough.
MIN_CONFIDENCE = 50
# The results a resident reads first (the evaluation counts the first three).
SHOWN_FIRST = 3
# Results more than this far below the best one are left out.
MARGIN = 25
# An out-of-scope word in the query wins unless a matter matches at least this
# well and has a name or alias in the query whole, or says the word itself
# (search/services.py): 身份证丢了 goes to the police even though 社保卡丢了 is an
# alias, 外地人孩子上学办居住证 still finds 居住证.
STRONG = 80


# When nothing is found and no known kind fits.
NOT_HANDLED = _(
    "便民服务中心综合窗口办理的是本站列出的 30 个事项。没有找到您要办的事，可以换个说法再搜，或拨打 12345 政务服务便民热线咨询。"
)


def elsewhere(compact_query: str) -> Elsewhere | None:
    """The out-of-scope kind the query names, if any (search/elsewhere.py)."""
    return find(compact_query)


def trim(scores: list[float]) -> int:
    """How many of the results (scores best first) are shown."""
    if not scores or scores[0] < MIN_CONFIDENCE:
        return 0
    # Bonuses lift an exact name past 100; the margin counts from the scale's top.
    floor = max(MIN_CONFIDENCE, min(scores[0], 100) - MARGIN)
    return sum(score >= floor for score in scores)
