"""Finding matters and bundles for what residents type.

The search page, the API and the admin report call these functions.

How a query is answered: the query is normalised and cut into words
(search/text.py). Names, aliases and codes of the live matters and bundles
(search/selectors.py, kept in the process and read again whenever a page is
published) are matched in Python (search/ranking.py): exact, pinyin,
homophones, one character wrong or missing, partial. Besides names and
aliases, each page carries the needs it answers in residents' words
(``needs``), which a described situation is matched against
(search/matching.py). The body text goes through Wagtail's search backend,
whose index holds each guide cut into words plus the pinyin of its names
(search/indexing.py); its order breaks ties.

How a query is answered honestly (search/scope.py): a need handled
elsewhere (an ID card, a marriage) gets no matter but where to go; a result
below the stated confidence is not shown, nor one far below the best.

What editors do with queries that found nothing is in search/phrasings.py.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from guides.constants import Department
from search import matching, ranking, scope, selectors, text
from search.phrasings import (  # noqa: F401 (the editors' services, named here as before)
    ALIAS,
    NEED,
    add_alias,
    add_need,
    add_phrasing,
    dismiss_unanswered,
    forget_answered,
    record_unanswered,
)
from search.selectors import unanswered_queries  # noqa: F401
from search.terms import Entry

DEFAULT_LIMIT = 10
MAX_LIMIT = 50
# How many of the best-ranked pages the full-text index orders to break ties.
BODY_CANDIDATES = 10


@dataclass
class Hit:
    """One result: a matter or a bundle, as the page, the API and the report show it."""

    kind: str  # "matter" or "bundle"
    code: str
    name: str
    department: str
    url: str
    matched: str = ""  # the alias (俗称) that matched, when it was not the name
    score: float = 0.0

    @property
    def body_only(self) -> bool:
        """Found by the guide's text alone, not by its name or an alias."""
        return self.score <= ranking.BODY_ONLY_MAX

    @property
    def department_label(self) -> str:
        return str(Department(self.department).label) if self.department else ""


@dataclass
class Answer:
    """What the search says to a query: the results, or where else to go."""

    hits: list[Hit]
    elsewhere: str = ""  # with no hits: where to go instead
    outside: bool = False  # the need is a known one handled elsewhere (an ID card)


def search(
    query: str, *, limit: int = DEFAULT_LIMIT, record: bool = False, client: str = ""
) -> list[Hit]:
    """Matters and bundles for ``query``, best first (see ``answer``)."""
    return answer(query, limit=limit, record=record, client=client).hits


def answer(
    query: str, *, limit: int = DEFAULT_LIMIT, record: bool = False, client: str = ""
) -> Answer:
    """Matters and bundles for ``query``, best first, or where else to go.

    With ``record``, a query that finds nothing, and is not a known need of
    elsewhere, is counted for the editors' report (``record_unanswered``), as
    far as ``client``'s allowance goes.
    """
    limit = max(1, min(limit, MAX_LIMIT))
    parsed = text.parse_query(query)
    if parsed is None:
        return Answer([])
    hits, elsewhere = _search(parsed, selectors.current(), limit=limit)
    if record and not hits and elsewhere is None:
        record_unanswered(query, client=client)
    if hits:
        return Answer(hits)
    if elsewhere:
        return Answer([], str(elsewhere.where), outside=True)
    return Answer([], str(scope.NOT_HANDLED))


def _search(
    parsed: text.Query, catalogue: selectors.Catalogue, *, limit: int
) -> tuple[list[Hit], scope.Elsewhere | None]:
    ranked = ranking.rank(parsed, catalogue.entries)
    reading = _reading(parsed, catalogue)
    if reading is not None and (
        not (ranked and ranked[0].score >= scope.MIN_CONFIDENCE) or scope.elsewhere(reading.compact)
    ):
        # Letters may be the initials or pinyin of words ("dbsq", "jzz申领"): searched
        # again as read when they name nothing, or when what they read is a need of
        # elsewhere ("gjjdk", 公积金贷款, though "gjj" alone is the housing fund's).
        return _search(reading, catalogue, limit=limit)
    if parsed.length > 1 and _body_may_change(ranked):
        among = [r.entry.page_id for r in ranked[:BODY_CANDIDATES]]
        ranked = ranking.with_body(ranked, selectors.body_order(parsed, among, catalogue))
    said, elsewhere = _elsewhere(parsed)
    if elsewhere and not (ranked and _holds(ranked[0], said, elsewhere)):
        return [], elsewhere
    ranked = ranked[: min(limit, scope.trim([r.score for r in ranked]))]
    if not ranked:
        return [], None
    urls = catalogue.urls
    return [
        Hit(
            kind=r.entry.kind,
            code=r.entry.code,
            name=r.entry.name,
            department=r.entry.department,
            url=urls[r.entry.page_id],
            matched=r.matched,
            score=r.score,
        )
        for r in ranked
    ], None


def _reading(parsed: text.Query, catalogue: selectors.Catalogue) -> text.Query | None:
    """The query with its letters read as words (search/letters.py), or None."""
    if not any("a" <= c <= "z" for c in parsed.compact):
        return None
    words = matching.catalogue(catalogue.entries).letters.read_within(parsed)
    return text.parse_query(words) if words else None


def _elsewhere(parsed: text.Query) -> tuple[str, scope.Elsewhere | None]:
    """The out-of-scope kind the query names, and the text it was found in: the query,
    or its content words alone when spoken padding parts a kind's word
    (社保怎么转移 is 社保转移, 公积金怎么贷款 公积金贷款), or, in a short query, a
    kind's word typed as a homophone (身分证补办, 劳动仲才)."""
    kind = scope.elsewhere(parsed.compact)
    if kind is None:
        words = "".join(parsed.words)
        if words != parsed.compact:
            kind = scope.elsewhere(words)
            if kind is not None:
                return words, kind
        if parsed.length <= scope.SHORT_QUERY and parsed.syllables:
            return parsed.compact, scope.elsewhere_by_sound(parsed.syllables)
    return parsed.compact, kind


def _holds(best: ranking.Ranked, compact: str, kind: scope.Elsewhere) -> bool:
    """Whether the best page answers a query that names a need of elsewhere.

    It does when the query names the page (one of its names or aliases, whole)
    apart from the out-of-scope word: 户口 is where the resident stands, 社保卡
    what she asks for, in "孩子刚上好户口想给他办张社保卡"; not so "公积金贷款", where
    the alias 公积金 is part of the out-of-scope word (see ``_named_apart``). Otherwise it must match
    strongly, and the out-of-scope word be a small part of a longer query
    (公益性岗位怎么报名), or the page say that word itself in a name, alias or
    residents' phrasing (外地户口在本地居住 is the residence permit's). A short query
    that is mostly the out-of-scope word is not held by a strong score from words
    alone (办老年证 and the alias 老年补贴)."""
    said = [word for word in kind.words if word in compact]
    named = not kind.urgent and _named_apart(best.entry, compact, said)
    if named and best.score >= scope.MIN_CONFIDENCE:
        return True
    if best.score < scope.STRONG:
        return False
    if all(len(word) * 2 < len(compact) for word in said):
        return True
    own = [t.text for t in (*best.entry.terms, *best.entry.need_terms)]
    return any(word in phrase for word in said for phrase in own)


def _spans(word: str, compact: str) -> list[range]:
    spans, at = [], compact.find(word)
    while at >= 0:
        spans.append(range(at, at + len(word)))
        at = compact.find(word, at + 1)
    return spans


def _named_apart(entry: Entry, compact: str, said: list[str]) -> bool:
    """Whether a name or alias of ``entry`` is in the query whole, clear of every
    out-of-scope word ``said`` and longer than the longest of them: of two needs
    named, the longer word says more (个体户 does not hold 注销营业执照, as of two
    kinds 违章建筑 beats 违章)."""
    taken = {i for word in said for span in _spans(word, compact) for i in span}
    longest = max(map(len, said), default=0)
    return any(
        not taken.intersection(span)
        for t in entry.terms
        if len(t.text) > 1 and len(t.text) > longest
        for span in _spans(t.text, compact)
    )


def _body_may_change(ranked: list[ranking.Ranked]) -> bool:
    """Whether the full-text index's order (up to ``ranking.BODY_BONUS`` points) could
    change what a resident sees first: which page is first, which pages make the
    first three, or whether the best clears the confidence. Otherwise the index is
    not asked, which saves the slowest part of a query."""
    scores = [r.score for r in ranked[: scope.SHOWN_FIRST + 1]]
    if not scores or scores[0] < scope.MIN_CONFIDENCE - ranking.BODY_BONUS:
        return False
    if scores[0] < scope.MIN_CONFIDENCE:
        return True
    pairs = [(0, 1), (scope.SHOWN_FIRST - 1, scope.SHOWN_FIRST)]
    return any(b < len(scores) and scores[a] - scores[b] < ranking.BODY_BONUS for a, b in pairs)


def best_hits(queries: list[str]) -> dict[str, Hit | None]:
    """The first result each query finds now (for the report of unanswered queries)."""
    catalogue = selectors.current()
    out: dict[str, Hit | None] = {}
    for query in queries:
        parsed = text.parse_query(query)
        hits = _search(parsed, catalogue, limit=1)[0] if parsed else []
        out[query] = hits[0] if hits else None
    return out


def searchable(query: str) -> bool:
    """Whether anything is left to search for once punctuation and spaces are gone."""
    return text.parse_query(query) is not None


def hint_for(query: str) -> str:
    """A word of advice on the query itself (empty, too short, too long), or ""."""
    parsed = text.parse_query(query)
    if parsed is None:
        return _("请输入想办的事，比如“低保”“社保卡丢了”“小孩上医保”。")
    if parsed.truncated:
        return _("搜索词太长，只按前 %(count)d 个字查找。") % {"count": text.MAX_QUERY_LENGTH}
    if parsed.length == 1:
        return _("只输入了一个字。多写几个字能找得更准，比如“社保卡补办”。")
    return ""
