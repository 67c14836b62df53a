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

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass

from search import matching
from search.coverage import Words
from search.terms import (
    BUNDLE,
    MATTER,
    Entry,
    Term,
    latin_score,
    share,
    term,
    term_score,
    variant_score,
    variants,
)
from search.text import Query

__all__ = ["BUNDLE", "MATTER", "Entry", "Ranked", "Term", "rank", "term", "term_score", "with_body"]

# Pinyin of a residents' phrasing (``needs``) counts this much less than of a name.
NEED_PINYIN_DISCOUNT = 8
# At most this much goes to a page the full-text index ranks first.
BODY_BONUS = 5
# Scores up to this come from the body text alone.
BODY_ONLY_MAX = 30


@dataclass
class Ranked:
    entry: Entry
    score: float
    matched: str = ""  # the alias that matched, when it was not the name


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
    rewritten = variants(q) if q.length > 1 else []
    # A rewritten query matches a term only by containment: they share a character.
    rewritten_chars = frozenset("".join(rewritten))
    words = Words(q, entries)
    needs = matching.Needs(q, entries) if not q.latin and q.length > 1 else None
    ranked: list[Ranked] = []
    for entry in entries:
        if q.length == 1 and not _says_often(entry, q.compact):
            continue
        score, matched = 0.0, ""
        if entry.code_key == q.compact:
            score = 99
        for t in entry.terms:
            candidate = term_score(q, t) if t.may_match(q) else 0
            if t.chars & rewritten_chars:
                for variant in rewritten:
                    candidate = max(candidate, variant_score(variant, t))
            if candidate > score:
                score, matched = candidate, ("" if t.is_name else t.shown)
        if q.latin:
            # Initials of a phrasing ("ybk", 医保卡), a step below a name's or an alias's.
            for t in entry.need_terms:
                candidate = latin_score(q.compact, t) - NEED_PINYIN_DISCOUNT
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
            strength = 1 - share(position, len(body))
            if score:
                score += BODY_BONUS * strength
            elif entry.page_id in body_only:
                score = BODY_ONLY_MAX - 20 * (1 - strength)
        if score:
            ranked.append(Ranked(entry, round(score, 3), matched))
    ranked.sort(key=_order)
    return ranked


def _says_often(entry: Entry, character: str) -> bool:
    """Whether a one-character query is evidence enough for ``entry``: its name has the
    character, or several of its aliases and residents' phrasings do. One alias or
    phrasing with a rare character ("今" of "交今年医保") does not say what was meant."""
    if character in entry.terms[0].text:
        return True
    phrases = (t.text for t in (*entry.terms[1:], *entry.need_terms))
    return sum(character in phrase for phrase in phrases) >= matching.CHARACTER_PHRASES


def _order(r: Ranked):
    return (-r.score, r.entry.kind != MATTER, r.entry.code)


def with_body(ranked: list[Ranked], body_order: Sequence[int]) -> list[Ranked]:
    """``ranked`` with the full-text index's order added, as ``rank`` adds it to pages
    that match otherwise (up to ``BODY_BONUS`` points), without ranking again."""
    body = {page_id: position for position, page_id in enumerate(body_order)}
    out = []
    for r in ranked:
        position = body.get(r.entry.page_id)
        bonus = BODY_BONUS * (1 - share(position, len(body))) if position is not None else 0
        out.append(Ranked(r.entry, round(r.score + bonus, 3), r.matched))
    out.sort(key=_order)
    return out
