"""Letters typed for Chinese words, read back as the catalogue's words.

A resident on a phone types the pinyin initials of what she would say, or
mixes initials with a syllable or two: "dbsq" (低保申请), "sbkbb" (社保卡补办),
"gjj tiqu" (公积金提取), "ylj" (养老金). The names' own pinyin and initials
are matched in terms.py; this reads a query of letters that matches no name
as a run of words, each the initials or the full pinyin of a word the
catalogue uses (its names, aliases and residents' phrasings, cut into words
and sub-words), of a need handled elsewhere ("sfz", 身份证) or of an everyday
word of the project's lists, and gives the Chinese text for the search to try
instead.

Of the ways to cut the letters, the one with the fewest words wins (a long
word explains more letters than two short ones), then the one whose words
the catalogue uses most; an intent word (补办, 申请, 提取) counts as much as
the commonest, so "sbkbb" is 社保卡补办, not 社保卡宝宝. A word needs two
letters at least: one letter is any of a hundred words.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache

from search import lexicon, text
from search.elsewhere import ELSEWHERE
from search.text import Query

# The longest run of letters read as one word (最低生活保障 in full pinyin is 21).
LONGEST = 24
_RUNS = re.compile(r"[a-z]+|[0-9]+")
_MIXED_RUN = re.compile(r"[a-z]{3,}")
# Fewer letters than this are not read: two letters are any of many words ("hz" is
# 护照, 户主, 换证…), and a name's own initials ("db") are matched in terms.py.
SHORTEST = 3
# A word found this many times in the catalogue's phrases is as likely as any.
COMMON = 8


class Letters:
    """The catalogue's words by their initials and by their full pinyin."""

    def __init__(self, phrases: Sequence[str]):
        uses: Counter[str] = Counter()
        for phrase in phrases:
            for word in set(text.index_tokens(phrase)):
                if len(word) > 1:
                    uses[word] += 1
        for word in _everyday():
            uses.setdefault(word, 0)
        for word in _elsewhere():
            uses[word] = max(uses[word], 2)
        for word in lexicon.intent_words():
            uses[word] = max(uses[word], COMMON)
        self.by_letters: dict[str, tuple[str, float]] = {}
        for word, count in uses.items():
            if not all(text.has_han(c) for c in word):
                continue
            full, initials = text.pinyin(word)
            # A word the catalogue uses is worth more; an everyday word of the
            # lists only fills a gap between them.
            weight = math.log(1 + min(count, COMMON)) + 0.1 + 0.01 * len(word)
            for key in {full, initials}:
                if len(key) > 1 and (
                    key not in self.by_letters or self.by_letters[key][1] < weight
                ):
                    self.by_letters[key] = (word, weight)

    def read(self, typed: str) -> str:
        """The Chinese words ``typed`` stands for, or "" when most letters are no word.

        Runs of letters are read one by one (a space or a digit parts them); digits
        are kept ("glbt 80" is 高龄补贴80, an age); a run that is no word is left out
        when the runs read hold at least half the letters ("dibao shenqing xxx")."""
        if len(text.compact(typed)) < SHORTEST:
            return ""
        out, letters, unread = [], 0, 0
        for run in _RUNS.findall(typed):
            if run.isdigit():
                out.append(run)
                continue
            letters += len(run)
            words = self._cut(run)
            if words:
                out.extend(words)
            else:
                unread += len(run)
        if not letters or unread * 2 > letters:
            return ""
        return "".join(out)

    def read_within(self, query: Query) -> str:
        """``query`` with its letters read as words: all of it when it is letters and
        digits only, else each run of three letters or more beside the characters
        ("jzz申领" is 居住证申领); "" when nothing was read."""
        if query.latin:
            return self.read(query.text)
        changed = False

        def word(run: re.Match) -> str:
            nonlocal changed
            read = self.read(run.group())
            changed = changed or bool(read)
            return read or run.group()

        out = _MIXED_RUN.sub(word, query.text)
        return text.compact(out) if changed else ""

    def _cut(self, chunk: str) -> list[str]:
        # best[i]: (words, -weight) of the best reading of chunk[:i]
        best: list[tuple[int, float, list[str]] | None] = [None] * (len(chunk) + 1)
        best[0] = (0, 0.0, [])
        for end in range(2, len(chunk) + 1):
            for start in range(max(0, end - LONGEST), end - 1):
                before = best[start]
                found = self.by_letters.get(chunk[start:end])
                if before is None or found is None:
                    continue
                word, weight = found
                reading = (before[0] + 1, before[1] - weight, [*before[2], word])
                if best[end] is None or reading[:2] < best[end][:2]:
                    best[end] = reading
        last = best[len(chunk)]
        return last[2] if last else []


@lru_cache(maxsize=1)
def _elsewhere() -> tuple[str, ...]:
    """The words of needs handled elsewhere, whole (公积金贷款 is "gjjdk", not 公积金代开)
    and in parts (贷款)."""
    words = [
        part
        for kind in ELSEWHERE
        for word in kind.words
        for part in (word, *text.index_tokens(word))
    ]
    return tuple(dict.fromkeys(word for word in words if len(word) > 1))


@lru_cache(maxsize=1)
def _everyday() -> tuple[str, ...]:
    """Everyday words of the project's lists: synonyms, intent words, kin."""
    words = [word for group in text.read_words(text.SYNONYMS_FILE) for word in group]
    words += lexicon.intent_words() | lexicon.people_words()
    return tuple(dict.fromkeys(words))
