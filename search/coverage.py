"""How much of a query's words a page's names and aliases cover (ranking.py's words band)."""

from __future__ import annotations

import math
from collections.abc import Sequence

from search import matching, text
from search.terms import Entry, share
from search.text import Query

# The words' band counts only when this share of the query's words is found.
MIN_COVERAGE = 0.5
# A word of the query found only by its parts is evidence, never a strong match
# (ranking adds up to 8 for the names' coverage; scope.STRONG is 80): 身份 of an
# alias "以个人身份参保" is not the 身份证 a resident asked for.
EXPANDED_MAX = 70


class Words:
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
        return share(found, self.total) if self.total else 0.0

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
        score = 40 + 20 * union + 25 * best
        return (min(score, EXPANDED_MAX) if self.expanded else score), best_term
