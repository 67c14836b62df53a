"""Matching a described need against what the catalogue says, beyond exact words.

Residents describe a situation ("家里揭不开锅", "我妈九十了有没有钱领")
rather than name a matter. Each matter and bundle carries, besides its name
and aliases, the needs it answers in residents' words (the reviewed field
``needs``). A query is matched against all of them by two measures:

- **coverage**: the share of the query's content words found in an entry's
  names, aliases and needs. A word counts when it, a synonym of it
  (search/lexicon.py), or most of its character bigrams occur there; a
  two-character word also counts, at a discount, when both its characters
  occur in order in one phrase (孤老 in 孤寡老人). Words weigh by rarity
  across the catalogue (idf), by length, and by role: intent words (补贴,
  报销, 领) half as much as topic words (老人, 残疾, 失业).
- **phrase**: the best share of one phrase's character bigrams (idf-weighted)
  found in the query. It catches an unsegmented spoken phrase that contains a
  whole phrasing ("老伴瘫痪在床需要护理"), however jieba cut it.

The result sits on ranking.py's scale below exact names and aliases.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from functools import cached_property, lru_cache
from pathlib import Path

from search import ages, letters, lexicon, text

# Coverage needed before the measure counts at all.
MIN_COVERAGE = 0.5
# A phrase's share needed before it counts.
MIN_PHRASE = 0.6
# The score: BASE + COVERAGE * coverage + PHRASE * phrase (at most 88).
BASE = 20
COVERAGE = 48
PHRASE = 20
# Two characters of a word found apart, in order, in one phrase.
SCATTERED = 0.6
# In how many entries a wordnet synonym may occur to be used.
MAX_SYNONYM_DF = 4
# How often a character may occur in the catalogue's phrasings to stand for a word.
RARE_CHARACTER = 3
# In how many of an entry's names, aliases and phrasings one character must be
# to count as found there, unless a phrase has it next to the same character as
# the query does: a rare character in one phrase ("今" of a phrasing "交今年医保"
# for "今天天气怎么样") is a coincidence more often than the resident's word,
# while 比 in "收入比低保标准高一点" for "比低保户好一点" is not.
CHARACTER_PHRASES = 2
# What such a lone character is worth, found in one phrase only; it never makes
# the entry's match distinctive.
LONE_CHARACTER = 0.5
# Words that say nothing about a need, though they are not stop words of the
# names' matching: common single characters and ways of saying "my family".
FILLER = frozenset(
    word for line in text.read_words(Path(__file__).with_name("filler.txt")) for word in line
)
# The rarity of a word no entry has (a word in one entry of 33 has 2.8).
UNKNOWN = 1.0
# In a query of this many words or more, a word no entry has weighs this share.
LONG_STORY = 6
LONG_STORY_UNKNOWN = 0.5
STORY_EVIDENCE = 6.0
# A described need counts only when a word found is in at most this share of the
# entries: "孩子近视了" shares only 孩子 with the catalogue, which a dozen guides
# say, and is not a need of theirs.
DISTINCTIVE_SHARE = 0.25


# A query word's forms, each with what finding it is worth: the word itself 1,
# a synonym less, the wordnet's (broader senses) less again.
Forms = tuple[tuple[str, float], ...]
PROJECT_SYNONYM = 0.9
WORDNET_SYNONYM = 0.7
BROADER = 0.8


@lru_cache(maxsize=4096)
def bigrams(phrase: str) -> frozenset[str]:
    return frozenset(phrase[i : i + 2] for i in range(len(phrase) - 1))


def _in_order(word: str, phrase: str) -> bool:
    at = phrase.find(word[0])
    return at >= 0 and phrase.find(word[1], at + 1) > at


@lru_cache(maxsize=8192)
def _normal(phrase: str) -> str:
    return text.compact(text.normalize(phrase))


class Catalogue:
    """The entries' phrases as the matching needs them, worked out once per catalogue."""

    def __init__(self, entries: tuple):
        self.phrases = {
            e.page_id: [_normal(p) for p in (e.name, *e.aliases, *e.needs)] for e in entries
        }
        self.docs = {pid: "|".join(phrases) for pid, phrases in self.phrases.items()}
        self.grams = {pid: frozenset().union(*map(bigrams, ps)) for pid, ps in self.phrases.items()}
        self.vocabulary = "|".join(self.docs.values())
        self.count = len(entries) or 1
        # Which phrases have a bigram, so a query looks only at phrases it shares one with.
        self.by_gram: dict[str, list[tuple[int, str]]] = {}
        for pid, phrases in self.phrases.items():
            for phrase in dict.fromkeys(phrases):
                for gram in bigrams(phrase):
                    self.by_gram.setdefault(gram, []).append((pid, phrase))

    @cached_property
    def letters(self) -> letters.Letters:
        """The catalogue's words by their pinyin, to read a query of letters as words."""
        return letters.Letters([phrase for phrases in self.phrases.values() for phrase in phrases])


@lru_cache(maxsize=4)
def catalogue(entries: tuple) -> Catalogue:
    # The entries are read fresh for every query (a newly published phrasing
    # counts at once); equal entries give the cached view.
    return Catalogue(entries)


class Needs:
    """The query against every entry's names, aliases and needs."""

    def __init__(self, q: text.Query, entries: Sequence):
        view = catalogue(tuple(entries))
        self.phrases, self.docs, self.grams = view.phrases, view.docs, view.grams
        self.vocabulary, self.count = view.vocabulary, view.count
        self.query_grams = bigrams(q.compact)
        self.units: list[tuple[str, Forms, float]] = []
        self._df: dict[Forms, int] = {}  # in how many entries a unit's forms are found
        said = ages.ages(q.compact)
        for written, words in said:
            forms = tuple((word, 1.0) for word in words)
            # An age is a topic word as rare as the matters that speak of it.
            df = self._df[forms] = sum(self._match(forms, pid) > 0 for pid in self.docs)
            self.units.append((written, forms, math.log(1 + self.count / (1 + df)) if df else 0))
        for word in q.words:
            if any(word in written or written in word for written, _ in said):
                continue
            if word in FILLER:
                continue
            if text.has_han(word) or word.isdigit():  # pinyin and codes are the names' job
                self.units += self._units(word)
        self.story = len(self.units) >= LONG_STORY
        if self.story:
            # A long story's words that no entry has are mostly its telling
            # (工地, 押金, 亲戚): they weigh less, so the need it names still counts.
            self.units = [
                (word, forms, weight * (LONG_STORY_UNKNOWN if not self._df[forms] else 1))
                for word, forms, weight in self.units
            ]
        self.total = sum(weight for *_, weight in self.units)
        # With a few entries (a test's), a word in one of them is still distinctive.
        rare = max(1.0, DISTINCTIVE_SHARE * self.count)
        self.rare = [self._df[forms] <= rare for _, forms, _ in self.units]
        self.idf = self._gram_idf(self.count)
        self.candidates: dict[int, set[str]] = {}
        for gram in self.query_grams:
            for pid, phrase in view.by_gram.get(gram, ()):
                self.candidates.setdefault(pid, set()).add(phrase)

    def _units(self, word: str, *, split: bool = True) -> list[tuple[str, Forms, float]]:
        """``word`` with its other forms and its weight; a long word that no entry
        has counts by its parts that some entry has (穷日子: 日子, 穷)."""
        forms: Forms = (
            (word, 1.0),
            *((other, PROJECT_SYNONYM) for other in text.synonyms(word)),
            *(
                (other, WORDNET_SYNONYM)
                for other in lexicon.expansions(word, self._distinctive)
                if other not in text.synonyms(word)
            ),
            *((other, BROADER) for other in lexicon.broader(word)),
        )
        matches = [self._match(forms, pid) for pid in self.docs]
        df = self._df[forms] = sum(match > 0 for match in matches)
        if max(matches, default=0) < 1 and split and len(word) >= 3:
            # Single characters only when distinctive (穷, not 子).
            parts = [
                part
                for part in dict.fromkeys([*text.index_tokens(word), *word])
                if part != word
                and part not in text.STOPWORDS
                and part in self.vocabulary
                and (len(part) > 1 or self.vocabulary.count(part) <= RARE_CHARACTER)
            ]
            units = [u for part in parts for u in self._units(part, split=False)]
            # Characters alone stand for the word only beside a longer part or form
            # the catalogue has (穷日子: 日子 and 穷; 摆地摊: 摊 as 摆摊); "今天天气"
            # is not the 今 of some phrasing.
            if any(
                len(form) > 1 and form in self.vocabulary
                for _, forms, _ in units
                for form, _ in forms
            ):
                return units
        length = 0.6 if len(word) == 1 else (1.0 if len(word) == 2 else 1.2)
        # A word no entry has weighs little: it may be filler ("日子", "没法") as
        # well as what the catalogue lacks, which coverage should not hide.
        rarity = math.log(1 + self.count / (1 + df)) if df else UNKNOWN
        return [(word, forms, rarity * length * lexicon.role_weight(word))]

    def _distinctive(self, word: str) -> bool:
        """Whether ``word`` is in the catalogue, in a few entries only: a wordnet synonym
        that half the guides use (人员 for 员工) would match them all."""
        return 0 < sum(word in doc for doc in self.docs.values()) <= MAX_SYNONYM_DF

    def _gram_idf(self, count: int) -> dict[str, float]:
        df: dict[str, int] = {}
        for grams in self.grams.values():
            for gram in grams & self.query_grams:
                df[gram] = df.get(gram, 0) + 1
        return {gram: math.log(1 + count / n) for gram, n in df.items()}

    def _match(self, forms: Forms, pid: int) -> float:
        """How well one of ``forms`` is found in the entry: whole (at the form's value),
        or the word itself in part (most of its bigrams; two characters apart)."""
        doc = self.docs[pid]
        best = 0.0
        for form, value in forms:
            if len(form) == 1:
                if self.character_found(form, pid):
                    best = max(best, value)
                elif form in doc:
                    best = max(best, value * LONE_CHARACTER)
                continue
            if form in doc:
                best = max(best, value)
                continue
            if value < 1:
                continue
            if len(form) >= 3:
                grams = bigrams(form)
                share = len(grams & self.grams[pid]) / len(grams)
                if share >= 0.5:
                    best = max(best, share)
            elif (
                len(form) == 2
                and form[0] in doc
                and form[1] in doc
                and any(_in_order(form, p) for p in self.phrases[pid])
            ):
                best = max(best, SCATTERED)
        return best

    def character_found(self, character: str, pid: int) -> bool:
        """Whether one character is found in the entry with enough evidence: in several
        of its phrases, or in one beside a character the query also has beside it."""
        having = [phrase for phrase in self.phrases[pid] if character in phrase]
        if len(having) >= CHARACTER_PHRASES:
            return True
        return any(
            character in gram and gram in self.query_grams
            for phrase in having
            for gram in bigrams(phrase)
        )

    def coverage(self, pid: int) -> float:
        if not self.total:
            return 0.0
        found = sum(weight * self._match(forms, pid) for _, forms, weight in self.units)
        if self.story:
            # A long story is not all need: enough evidence found is enough.
            return min(1.0, found / min(self.total, STORY_EVIDENCE))
        return found / self.total

    def phrase(self, pid: int) -> float:
        """The best idf-weighted share of one phrase's bigrams found in the query."""
        best = 0.0
        for phrase in self.candidates.get(pid, ()):
            grams = bigrams(phrase)
            if len(grams) < 2:
                continue
            found = grams & self.query_grams
            if not found:
                continue
            # Bigrams found in no other phrase of the catalogue weigh most; the
            # phrase's own bigrams missing from the query count at the average.
            weights = {g: self.idf.get(g, 0.0) for g in found}
            average = sum(weights.values()) / len(weights)
            share = sum(weights.values()) / (sum(weights.values()) + average * len(grams - found))
            best = max(best, share)
        return best

    def distinctive(self, pid: int) -> bool:
        """Whether a word found in the entry is one few entries have."""
        return any(
            rare and self._match(forms, pid) > LONE_CHARACTER
            for rare, (_, forms, _) in zip(self.rare, self.units, strict=True)
        )

    def score(self, pid: int) -> float:
        coverage = self.coverage(pid)
        phrase = self.phrase(pid)
        if coverage < MIN_COVERAGE and phrase < MIN_PHRASE:
            return 0.0
        if phrase < MIN_PHRASE and not self.distinctive(pid):
            return 0.0
        return BASE + COVERAGE * coverage + PHRASE * (phrase if phrase >= MIN_PHRASE else 0)
