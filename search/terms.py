"""Matching a query against one name or alias: exact, pinyin, homophones, slips, parts.

Plain functions over a term (a matter's or bundle's name or alias,
normalised, with its pinyin worked out once) and a parsed query; the scale is
ranking.py's.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, cached_property, lru_cache

from search import lexicon, matching, text
from search.text import Query

MATTER = "matter"
BUNDLE = "bundle"

# At most this many rewritten queries (a word swapped for its synonym) per query.
MAX_VARIANTS = 12


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
    def code_key(self) -> str:
        return text.compact(text.normalize(self.code))

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
    chars: frozenset[str]  # what a query must share with the term to match it in characters
    syllable_set: frozenset[str]  # or in sounds (a homophone)

    def may_match(self, q: Query) -> bool:
        """Whether ``term_score`` can be above 0: every way a query in characters
        matches a term shares a character or a syllable with it (pinyin does not)."""
        return q.latin or bool(self.chars & q.chars) or bool(self.syllable_set & q.syllable_set)


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
        frozenset(normal),
        frozenset(parts),
    )


def share(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def latin_score(q: str, t: Term) -> float:
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
        return 74 + 10 * share(len(q), len(t.full))
    if t.initials.startswith(q):
        return 70 + 10 * share(len(q), len(t.initials))
    if len(q) >= 4:
        at = t.full.find(q)
        while at >= 0:
            if at in t.starts:
                return 66 + 10 * share(len(q), len(t.full))
            at = t.full.find(q, at + 1)
        # Initials of the name's core, without its head ("gjjtq" in 住房公积金提取):
        # every letter of the initials starts a syllable, so no position is a slip.
        if q in t.initials:
            return 62 + 10 * share(len(q), len(t.initials))
    return 0


def han_score(q: Query, qc: str, t: Term) -> float:
    """A query in characters against a term: homophones, one edit, containment."""
    tc = t.text
    if len(qc) >= 2 and q.syllables and q.syllables == t.syllables:
        return 90  # a homophone typed by the input method: 底保, 最低生活保帐
    if len(qc) >= 3 and len(tc) >= 3 and text.within_one_edit(qc, tc):
        # A missing or extra character is a slip; a different character that
        # does not sound alike may be another word (社保 and 医保), so less.
        return 85 if len(qc) != len(tc) else 78
    if len(tc) >= 2 and tc in qc:
        return 70 + 15 * share(len(tc), len(qc))
    if len(qc) >= 2 and qc in tc:
        return 66 + 15 * share(len(qc), len(tc))
    if q.syllables and len(t.syllables) >= 2:
        if t.sounds in q.sounds:
            return 64 + 10 * share(len(tc), len(qc))
        if len(qc) >= 2 and q.sounds in t.sounds:
            return 62 + 10 * share(len(qc), len(tc))
    if len(tc) >= 4 and text.contains_near(qc, tc):
        return 60 + 10 * share(len(tc), len(qc))
    if len(qc) >= 3 and text.contains_near(tc, qc):
        return 58 + 10 * share(len(qc), len(tc))
    return 0


def term_score(q: Query, t: Term) -> float:
    """How well the whole query matches one name or alias (0 when it does not)."""
    qc = q.compact
    if qc == t.text:
        return 99 if t.is_name else 97
    if q.latin:
        score = latin_score(qc, t)
        if score:
            return score
    if q.length == 1:
        # One character says little: only names and aliases that contain it.
        return 50 + 10 * share(1, len(t.text)) if qc in t.text else 0
    return han_score(q, qc, t)


@cache
def _aside() -> frozenset[str]:
    """Words that do not change which matter answers a need: whose need it is (女儿,
    我妈) and spoken padding (刚)."""
    return lexicon.people_words() | matching.FILLER


def variants(q: Query) -> list[str]:
    """The query's content words alone (怎么申请低保 → 申请低保), without kin and
    padding (闺女刚生了孩子 → 生孩子), and with one word swapped for a synonym
    (孩子上医保 → 小孩上医保)."""
    core = "".join(q.words)
    out: list[str] = [core] if core and core != q.compact else []
    need = "".join(word for word in q.words if word not in _aside())
    if need and need != core and need != q.compact:
        out.append(need)
    for base in (q.compact, core):
        for word in q.words:
            for other in text.synonyms(word):
                variant = base.replace(word, other, 1)
                if variant != base and variant != q.compact and variant not in out:
                    out.append(variant)
    return out[:MAX_VARIANTS]


def variant_score(variant: str, t: Term) -> float:
    # Exact and containment only: a synonym is already one step from the query.
    if variant == t.text:
        return 93
    if len(t.text) >= 2 and t.text in variant:
        return 68 + 15 * share(len(t.text), len(variant))
    if variant in t.text:
        return 64 + 15 * share(len(variant), len(t.text))
    return 0
