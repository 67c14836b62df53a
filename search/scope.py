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

from functools import cache

from django.utils.translation import gettext_lazy as _

from search import text
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


# A query this short is looked at for a kind's word typed as a homophone; in a longer
# one, syllables across two words sound like a third too often (提供租房: 公租房).
SHORT_QUERY = 10


def elsewhere_by_sound(syllables: tuple[str, ...]) -> Elsewhere | None:
    """The kind one of whose words of three characters or more ``syllables`` say
    (身分证 sounds as 身份证), the longest first."""
    heard = text.sounds(syllables)
    return next((kind for sound, kind in _by_sound() if sound in heard), None)


@cache
def _by_sound() -> tuple[tuple[str, Elsewhere], ...]:
    words = [(word, kind) for kind in ELSEWHERE for word in kind.words if len(word) >= 3]
    words.sort(key=lambda pair: -len(pair[0]))
    return tuple((text.sounds(text.syllables(word)), kind) for word, kind in words)


def trim(scores: list[float]) -> int:
    """How many of the results (scores best first) are shown."""
    if not scores or scores[0] < MIN_CONFIDENCE:
        return 0
    # Bonuses lift an exact name past 100; the margin counts from the scale's top.
    floor = max(MIN_CONFIDENCE, min(scores[0], 100) - MARGIN)
    return sum(score >= floor for score in scores)
