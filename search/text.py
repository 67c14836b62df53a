"""Chinese text for search: normalising, word segmentation, pinyin and near misses.

Plain functions without the database. The same segmenter cuts the guides when
they are indexed and the queries when they are asked, so both sides agree on
the words; pinyin and the one-edit tests let "dibao" or "最低生活保帐" find
what was meant.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from dataclasses import dataclass
from functools import cache, cached_property, lru_cache
from pathlib import Path

import jieba
from pypinyin import Style, lazy_pinyin

# Longer queries are cut to this many characters (the search box allows the same).
MAX_QUERY_LENGTH = 100

# Domain words the general dictionary lacks or splits ("社保卡", "慢特病"), so
# that a guide and a query cut the same way. Editors' aliases need not be here:
# names and aliases are also matched whole.
WORDS_FILE = Path(__file__).with_name("words.txt")
# Groups of everyday words that mean the same ("小孩" and "孩子").
SYNONYMS_FILE = Path(__file__).with_name("synonyms.txt")

# Words that say nothing about which matter is meant ("怎么", "我想", "办理").
STOPWORDS_FILE = Path(__file__).with_name("stopwords.txt")


def read_words(path: Path) -> list[list[str]]:
    """The lines of a word list, each split into words, without comments."""
    lines = (
        line.split("#", 1)[0].split() for line in path.read_text(encoding="utf-8").splitlines()
    )
    return [line for line in lines if line]


STOPWORDS = frozenset(word for line in read_words(STOPWORDS_FILE) for word in line)

_NOT_WORD = re.compile(r"[\W_]+")
_LATIN = re.compile(r"[a-z0-9 ]+")
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")

jieba.setLogLevel(logging.WARNING)


def normalize(text: str) -> str:
    """Full-width to half-width, lower case, punctuation and symbols to single spaces."""
    text = unicodedata.normalize("NFKC", text or "").lower()
    return _NOT_WORD.sub(" ", text).strip()


def compact(text: str) -> str:
    return text.replace(" ", "")


def has_han(text: str) -> bool:
    return bool(_HAN.search(text))


@cache
def _segmenter() -> jieba.Tokenizer:
    # A tokenizer of our own rather than jieba's global one, so other users of
    # jieba in the process neither see nor change our words.
    tokenizer = jieba.Tokenizer()
    tokenizer.load_userdict(str(WORDS_FILE))
    return tokenizer


def warm_up() -> None:
    """Load the dictionaries now rather than in the first search of a process (about a
    second); for a server process to call when it starts."""
    index_tokens("社保卡丢了")
    pinyin("社保卡丢了")


def index_tokens(text: str) -> list[str]:
    """Every word and sub-word of ``text`` (jieba's search mode), for the full-text index."""
    return [t for t in _segmenter().cut_for_search(normalize(text), HMM=False) if t.strip()]


def index_text(*texts: str) -> str:
    """Texts cut into words joined by spaces: what the database backends can tokenise."""
    return " ".join(token for text in texts if text for token in index_tokens(text))


def words(text: str) -> list[str]:
    """The content words of ``text`` (precise mode, stop words left out), each once."""
    seen: dict[str, None] = {}
    for token in _segmenter().cut(normalize(text), HMM=False):
        token = token.strip()
        if token and token not in STOPWORDS:
            seen.setdefault(token)
    return list(seen)


@cache
def _synonym_groups() -> dict[str, tuple[str, ...]]:
    groups: dict[str, tuple[str, ...]] = {}
    for group in read_words(SYNONYMS_FILE):
        for word in group:
            groups[word] = tuple(other for other in group if other != word)
    return groups


def synonyms(word: str) -> tuple[str, ...]:
    """The other words of ``word``'s group, or nothing."""
    return _synonym_groups().get(word, ())


@lru_cache(maxsize=8192)
def syllables(text: str) -> tuple[str, ...]:
    """Toneless pinyin of each Chinese character; other runs (digits, Latin) kept whole."""
    out: list[str] = []
    for chunk in lazy_pinyin(compact(text), style=Style.NORMAL, errors="default"):
        out.extend(chunk.split())
    return tuple(out)


@lru_cache(maxsize=8192)
def pinyin(text: str) -> tuple[str, str]:
    """Full pinyin and initials of ``text``: 社保卡 gives ("shebaoka", "sbk")."""
    parts = syllables(text)
    initials = "".join(p[0] if p.isalpha() else p for p in parts)
    return "".join(parts), initials


def syllable_starts(parts: tuple[str, ...]) -> frozenset[int]:
    """Offsets in the joined pinyin where a syllable begins."""
    starts, offset = set(), 0
    for part in parts:
        starts.add(offset)
        offset += len(part)
    return frozenset(starts)


def sounds(parts: tuple[str, ...]) -> str:
    """Syllables between spaces: " di bao ". One run of syllables is in another when
    its sounds are a substring of the other's."""
    return f" {' '.join(parts)} " if parts else ""


def contains_syllables(haystack: tuple[str, ...], needle: tuple[str, ...]) -> bool:
    """Whether ``needle`` sounds like a run of ``haystack`` (homophones count as equal)."""
    return bool(needle) and sounds(needle) in sounds(haystack)


def within_one_edit(a: str, b: str) -> bool:
    """Levenshtein distance of at most one: one wrong, missing or extra character."""
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    return a[i:] == b[i + 1 :]


def contains_near(haystack: str, needle: str) -> bool:
    """Whether some part of ``haystack`` is within one edit of ``needle``."""
    size = len(needle)
    if size < 2 or size > len(haystack) + 1:
        return False
    # With one edit, one half of the needle is intact: a cheap filter first.
    half = size // 2
    if needle[:half] not in haystack and needle[half:] not in haystack:
        return False
    for width in (size - 1, size, size + 1):
        for start in range(len(haystack) - width + 1):
            if within_one_edit(haystack[start : start + width], needle):
                return True
    return False


@dataclass(frozen=True)
class Query:
    """A resident's query, normalised once and seen the ways the ranking needs."""

    text: str  # normalised, words separated by single spaces
    compact: str  # the same without spaces
    latin: bool  # only letters and digits: pinyin, initials or a code
    words: tuple[str, ...]  # content words
    tokens: tuple[str, ...]  # words for the full-text index
    syllables: tuple[str, ...]
    truncated: bool

    @cached_property
    def sounds(self) -> str:
        return sounds(self.syllables)

    @cached_property
    def chars(self) -> frozenset[str]:
        return frozenset(self.compact)

    @cached_property
    def syllable_set(self) -> frozenset[str]:
        return frozenset(self.syllables)

    @property
    def length(self) -> int:
        return len(self.compact)


def parse_query(raw: str) -> Query | None:
    """The query as the search needs it, or None when nothing searchable is left."""
    raw = raw or ""
    truncated = len(raw.strip()) > MAX_QUERY_LENGTH
    text = normalize(raw.strip()[:MAX_QUERY_LENGTH])
    if not text:
        return None
    content = words(text)
    # The full-text query wants words of two or more characters: one-character
    # words ("交", "上") occur in nearly every guide and would match them all.
    tokens = [t for t in index_tokens(text) if t not in STOPWORDS]
    longer = [t for t in tokens if len(t) > 1]
    return Query(
        text=text,
        compact=compact(text),
        latin=bool(_LATIN.fullmatch(text)),
        words=tuple(content),
        tokens=tuple(dict.fromkeys(longer or tokens)),
        syllables=syllables(text) if has_han(text) else (),
        truncated=truncated,
    )
