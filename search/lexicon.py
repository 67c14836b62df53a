"""Words beyond the query's own: synonyms from a lexical resource, and the role of each word.

Two synonym sources, both shipped with the project:

- search/synonyms.txt, the project's own groups of everyday words (小孩, 孩子, 宝宝);
- the Chinese Open Wordnet (COW, Francis Bond and Shan Wang, NTU; its licence is
  search/wordnet/COW-LICENSE), extracted to search/wordnet/cow-cmn-synonyms.txt.

A wordnet groups words by sense, and one word has many senses: 工作 shares a
synset with 任务 and 计划. So a query word is expanded only to the wordnet's
synonyms that the catalogue itself uses (its names, aliases and residents'
phrasings): 婴儿 may become 宝宝, which a guide says, but never a word no guide
contains, which could only add noise.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from functools import cache
from pathlib import Path

from search import text

COW_FILE = Path(__file__).parent / "wordnet" / "cow-cmn-synonyms.txt"
INTENTS_FILE = Path(__file__).with_name("intents.txt")
PEOPLE_FILE = Path(__file__).with_name("people.txt")
BROADER_FILE = Path(__file__).with_name("broader.txt")

# How much an intent word weighs in a query against a topic word.
INTENT_WEIGHT = 0.5
# How much a word for whose need it is (我妈, 老公) weighs against a topic word.
PEOPLE_WEIGHT = 0.5


@cache
def _wordnet() -> dict[str, tuple[str, ...]]:
    groups: dict[str, set[str]] = defaultdict(set)
    for line in COW_FILE.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        _synset, lemmas = line.split("\t")
        words = lemmas.split()
        for word in words:
            groups[word].update(other for other in words if other != word)
    return {word: tuple(sorted(others)) for word, others in groups.items()}


def wordnet_synonyms(word: str) -> tuple[str, ...]:
    """The other lemmas of every COW synset ``word`` is in."""
    return _wordnet().get(word, ())


@cache
def _broader() -> dict[str, tuple[str, ...]]:
    found: dict[str, list[str]] = defaultdict(list)
    for line in BROADER_FILE.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        broad, narrow = line.split(":", 1)
        for word in narrow.split():
            found[word].append(broad.strip())
    return {word: tuple(broad) for word, broad in found.items()}


def broader(word: str) -> tuple[str, ...]:
    """The broader words of ``word`` (哑巴: 残疾), from search/broader.txt."""
    return _broader().get(word, ())


@cache
def intent_words() -> frozenset[str]:
    return frozenset(word for line in text.read_words(INTENTS_FILE) for word in line)


def is_intent(word: str) -> bool:
    return word in intent_words()


@cache
def people_words() -> frozenset[str]:
    return frozenset(word for line in text.read_words(PEOPLE_FILE) for word in line)


def role_weight(word: str) -> float:
    if is_intent(word):
        return INTENT_WEIGHT
    if word in people_words():
        return PEOPLE_WEIGHT
    return 1.0


def expansions(word: str, known: Callable[[str], bool]) -> tuple[str, ...]:
    """The other forms of ``word``: its group in the project's list, then the wordnet's
    synonyms for which ``known`` is true (those the catalogue uses)."""
    forms = list(text.synonyms(word))
    forms += [w for w in wordnet_synonyms(word) if w not in forms and w != word and known(w)]
    return tuple(forms)
