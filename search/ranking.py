"""Ranking matters and bundles for a query: names and aliases first, body text last.

Plain functions over a small catalogue (the live matters and bundles with
their names and aliases) and the order in which the full-text index found
them. A page scores by the best of these signals:

==========  =====================================================================
99 – 93     the query is the name, the code or an alias (also once its filler
            words are dropped, or a word is swapped for a synonym)
92 – 78     its pinyin or initials, a homophone, or one character wrong or missing
85 – 58     part of a name or alias, or a name or alias inside the query (also
            with one character wrong, as a homophone, as pinyin prefix, or via a
            synonym); the larger the share of the query, the higher
85 – 40     most of the query's words occur in its names and aliases
88 – 44     a described need: the query's words (or their synonyms, or most of
            their characters) found in its names, aliases and residents' phrasings
            (``needs``), or one such phrasing mostly inside the query (matching.py)
30 – 10     only the body text has every word (in the full-text index's order)
==========  =====================================================================

On top of the best signal, up to 8 points go to pages whose names cover more
of the query's words, and up to 5 to pages the full-text index ranks high;
both only separate pages that match alike. A page with no name or alias
signal never rises above one that has one.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache

from search import matching, text
from search.text import Query

MATTER = "matter"
BUNDLE = "bundle"

# At most this many rewritten queries (a word swapped for its synonym) per query.
MAX_VARIANTS = 12
# The words' band counts only when this share of the query's words is found.
MIN_COVERAGE = 0.5
# Pinyin of a residents' phrasing (``needs``) counts this much less than of a name.
NEED_PINYIN_DISCOUNT = 8
# At most this much goes to a page the full-text index ranks first.
BODY_BONUS = 5
# Scores up to this come from the body text alone.
BODY_ONLY_MAX = 30


@dataclass(frozen=True)
class Entry:
    """A live matter or bundle and the words it is known by."""

    kind: str
    page_id: int
    code: str
    name: str
    aliases: tuple[str, ...]
    department: str = ""
    needs: tuple[str, ...] = ()  # the needs it answers, in residents' words

    @cached_property
    def terms(self) -> list[Term]:
        return [term(self.name, True), *(term(alias, False) for alias in self.aliases)]

    @cached_property
    def need_terms(self) -> list[Term]:
        return [term(need, False) for need in self.needs]


@dataclass(frozen=True)
class Term:
    """A name or alias, normalised, with its pinyin."""

    shown: str
    text: str
    is_name: bool
    syllables: tuple[str, ...]
    full: str
    initials: str
    starts: frozenset[int]
    sounds: str  # the syllables between spaces, to find one run of syllables in another


@lru_cache(maxsize=8192)
def term(shown: str, is_name: bool) -> Term:
    normal = text.compact(text.normalize(shown))
    parts = text.syllables(normal)
    full, initials = text.pinyin(normal)
    return Term(
        shown,
        normal,
        is_name,
        parts,
        full,
        initials,
        text.syllable_starts(parts),
        text.sounds(parts),
    )


@dataclass
class Ranked:
    entry: Entry
    score: float
    matched: str = ""  # the alias that matched, when it was not the name


def _share(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def _latin_score(q: str, t: Term) -> float:
    """A query of letters against a term's pinyin: "dibao", "sbk", "shebaok"."""
    if len(q) < 2 or not t.full:
        return 0
    if q == t.full:
        return 92
    if q == t.initials:
        return 88
    if len(q) >= 5 and len(t.full) >= 5 and text.within_one_edit(q, t.full):
        return 82
    if len(q) >= 3 and t.full.startswith(q):
        return 74 + 10 * _share(len(q), len(t.full))
    if t.initials.startswith(q):
        return 70 + 10 * _share(len(q), len(t.initials))
    if len(q) >= 4:
        at = t.full.find(q)
        while at >= 0:
            if at in t.starts:
                return 66 + 10 * _share(len(q), len(t.full))
            at = t.full.find(q, at + 1)
    return 0


def _han_score(q: Query, qc: str, t: Term) -> float:
    """A query in characters against a term: homophones, one edit, containment."""
    tc = t.text
    if len(qc) >= 2 and q.syllables and q.syllables == t.syllables:
        return 90  # a homophone typed by the input method: 底保, 最低生活保帐
    if len(qc) >= 3 and len(tc) >= 3 and text.within_one_edit(qc, tc):
        # A missing or extra character is a slip; a different character that
        # does not sound alike may be another word (社保 and 医保), so less.
        return 85 if len(qc) != len(tc) else 78
    if len(tc) >= 2 and tc in qc:
        return 70 + 15 * _share(len(tc), len(qc))
    if len(qc) >= 2 and qc in tc:
        return 66 + 15 * _share(len(qc), len(tc))
    if q.syllables and len(t.syllables) >= 2:
        if t.sounds in q.sounds:
            return 64 + 10 * _share(len(tc), len(qc))
        if len(qc) >= 2 and q.sounds in t.sounds:
            return 62 + 10 * _share(len(qc), len(tc))
    if len(tc) >= 4 and text.contains_near(qc, tc):
        return 60 + 10 * _share(len(tc), len(qc))
    if len(qc) >= 3 and text.contains_near(tc, qc):
        return 58 + 10 * _share(len(qc), len(tc))
    return 0


def term_score(q: Query, t: Term) -> float:
    """How well the whole query matches one name or alias (0 when it does not)."""
    qc = q.compact
    if qc == t.text:
        return 99 if t.is_name else 97
    if q.latin:
        score = _latin_score(qc, t)
        if score:
            return score
    if q.length == 1:
        # One character says little: only names and aliases that contain it.
        return 50 + 10 * _share(1, len(t.text)) if qc in t.text else 0
    return _han_score(q, qc, t)


def _variants(q: Query) -> list[str]:
    """The query's content words alone (怎么申请低保 → 申请低保), and with one word
    swapped for a synonym (孩子上医保 → 小孩上医保)."""
    core = "".join(q.words)
    out: list[str] = [core] if core and core != q.compact else []
    for base in (q.compact, core):
        for word in q.words:
            for other in text.synonyms(word):
                variant = base.replace(word, other, 1)
                if variant != base and variant != q.compact and variant not in out:
                    out.append(variant)
    return out[:MAX_VARIANTS]


def _variant_score(variant: str, t: Term) -> float:
    # Exact and containment only: a synonym is already one step from the query.
    if variant == t.text:
        return 93
    if len(t.text) >= 2 and t.text in variant:
        return 68 + 15 * _share(len(t.text), len(variant))
    if variant in t.text:
        return 64 + 15 * _share(len(variant), len(t.text))
    return 0


class _Words:
    """The query's content words, weighted by length and rarity among the catalogue's names."""

    def __init__(self, q: Query, entries: Sequence[Entry]):
        self.names = {e.page_id: "|".join(t.text for t in e.terms) for e in entries}
        # A word residents' phrasings have is not split into parts (医保卡 is
        # not 医保): the needs' matching finds it whole (matching.py).
        needs = matching.catalogue(tuple(entries)).vocabulary
        count = len(entries)
        # A compound word found in no name ("生二胎") counts by its parts, when
        # one of them is found ("二胎" of 二胎登记).
        self.expanded = False
        found: list[str] = []
        for word in q.words:
            if len(word) > 2 and not self._df(word) and word not in needs:
                parts = [
                    part
                    for part in text.index_tokens(word)
                    if part != word and len(part) > 1 and part not in text.STOPWORDS
                ]
                if any(self._df(part) for part in parts):
                    found += parts
                    self.expanded = True
                    continue
            found.append(word)
        self.words = list(dict.fromkeys(found))
        self.weights = {w: len(w) * math.log(1 + count / (1 + self._df(w))) for w in self.words}
        self.total = sum(self.weights.values())

    def _forms(self, word: str) -> tuple[str, ...]:
        return (word, *text.synonyms(word))

    def _df(self, word: str) -> int:
        forms = self._forms(word)
        return sum(any(f in names for f in forms) for names in self.names.values())

    def _covered(self, haystack: str) -> float:
        found = sum(
            w for word, w in self.weights.items() if any(f in haystack for f in self._forms(word))
        )
        return _share(found, self.total) if self.total else 0.0

    def union(self, entry: Entry) -> float:
        """The share of the query's words found among all of the entry's names."""
        return self._covered(self.names[entry.page_id])

    def score(self, entry: Entry) -> tuple[float, str]:
        if (len(self.words) < 2 and not self.expanded) or not self.total:
            return 0, ""  # one word of the query is the terms' job
        union = self.union(entry)
        if union < MIN_COVERAGE:
            return 0, ""
        best, best_term = 0.0, ""
        for t in entry.terms:
            share = self._covered(t.text)
            if share > best:
                best, best_term = share, ("" if t.is_name else t.shown)
        return 40 + 20 * union + 25 * best, best_term


def rank(
    q: Query,
    entries: Sequence[Entry],
    body_order: Iterable[int] = (),
    *,
    body_only: Collection[int] = (),
) -> list[Ranked]:
    """The entries that match ``q``, best first.

    ``body_order`` lists page ids as the full-text index ranked them for any
    of the query's words; ``body_only`` are the pages whose text has all of
    them, the only ones that are a result on their body text alone.
    """
    body = {page_id: position for position, page_id in enumerate(body_order)}
    variants = _variants(q) if q.length > 1 else []
    words = _Words(q, entries)
    needs = matching.Needs(q, entries) if not q.latin and q.length > 1 else None
    ranked: list[Ranked] = []
    for entry in entries:
        score, matched = 0.0, ""
        if text.compact(text.normalize(entry.code)) == q.compact:
            score = 99
        for t in entry.terms:
            candidate = term_score(q, t)
            for variant in variants:
                candidate = max(candidate, _variant_score(variant, t))
            if candidate > score:
                score, matched = candidate, ("" if t.is_name else t.shown)
        if q.latin:
            # Initials of a phrasing ("ybk", 医保卡), a step below a name's or an alias's.
            for t in entry.need_terms:
                candidate = _latin_score(q.compact, t) - NEED_PINYIN_DISCOUNT
                if candidate > score:
                    score, matched = candidate, ""
        words_score, words_term = words.score(entry)
        if words_score > score:
            score, matched = words_score, words_term
        need_score = needs.score(entry.page_id) if needs else 0
        if need_score > score:
            score, matched = need_score, ""
        if score:
            # Of two pages that match alike, the one whose names cover more of
            # what the resident said ("单位给员工交医保": 单位, 员工 and 医保).
            score += 8 * words.union(entry)
        position = body.get(entry.page_id)
        if position is not None:
            strength = 1 - _share(position, len(body))
            if score:
                score += BODY_BONUS * strength
            elif entry.page_id in body_only:
                score = BODY_ONLY_MAX - 20 * (1 - strength)
        if score:
            ranked.append(Ranked(entry, round(score, 3), matched))
    ranked.sort(key=_order)
    return ranked


def _order(r: Ranked):
    return (-r.score, r.entry.kind != MATTER, r.entry.code)


def with_body(ranked: list[Ranked], body_order: Sequence[int]) -> list[Ranked]:
    """``ranked`` with the full-text index's order added, as ``rank`` adds it to pages
    that match otherwise (up to ``BODY_BONUS`` points), without ranking again."""
    body = {page_id: position for position, page_id in enumerate(body_order)}
    out = []
    for r in ranked:
        position = body.get(r.entry.page_id)
        bonus = BODY_BONUS * (1 - _share(position, len(body))) if position is not None else 0
        out.append(Ranked(r.entry, round(r.score + bonus, 3), r.matched))
    out.sort(key=_order)
    return out
