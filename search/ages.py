"""Ages in a query: "我妈九十了", "85岁老人", "满六十".

Residents give an age rather than name a matter; the matters say it in bands
(尊老金 from 80, a pension from 60). An age in the query becomes a topic word
with the bands it falls in, which residents' phrasings and names contain.
"""

from __future__ import annotations

import re

DIGITS = {
    "零": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_NUMBER = re.compile(r"\d{1,3}|[一二两三四五六七八九十百零]{1,5}")
# The bands the catalogue speaks of: the old-age allowance from 80 (higher at
# 90 and 100), a pension from 60. An 85-year-old is not asking about turning 60.
OLD = ((100, ("百岁", "100岁")), (90, ("90岁",)), (80, ("80岁", "高龄")))
PENSION = (60, ("60岁", "60周岁"))
YOUNGEST, OLDEST = 40, 120


def chinese_number(chars: str) -> int | None:
    """一百, 九十五, 八十二, 六十 (up to 199); None for what is not a number."""
    if chars.isdigit():
        return int(chars)
    total, current = 0, 0
    for char in chars:
        if char == "百":
            total += (current or 1) * 100
            current = 0
        elif char == "十":
            total += (current or 1) * 10
            current = 0
        elif char in DIGITS:
            current = current * 10 + DIGITS[char] if current else DIGITS[char]
        else:
            return None
    return total + current


# A number is an age when "岁" follows it, or when the query is about a person
# ("我妈九十了"); otherwise it is money or a count ("几百块钱").
AGE_AFTER = ("岁", "周岁")
AGE_BEFORE = ("今年", "年满", "满", "过了", "快", "到了")
PEOPLE = (
    "老人",
    "老年",
    "爷爷",
    "奶奶",
    "外公",
    "外婆",
    "姥姥",
    "姥爷",
    "妈",
    "爸",
    "父亲",
    "母亲",
    "老太",
    "老头",
    "老伴",
    "婆婆",
    "公公",
    "老母亲",
    "老父亲",
)


def _is_age(compact_query: str, match: re.Match) -> bool:
    after = compact_query[match.end() :]
    before = compact_query[: match.start()]
    return (
        after.startswith(AGE_AFTER)
        or before.endswith(AGE_BEFORE)
        or any(word in compact_query for word in PEOPLE)
    )


def ages(compact_query: str) -> list[tuple[str, tuple[str, ...]]]:
    """The ages said in the query: each as it was written, with its bands' words."""
    out = []
    for match in _NUMBER.finditer(compact_query):
        number = chinese_number(match.group())
        if number is None or not YOUNGEST <= number <= OLDEST or match.group() == "百":
            continue
        if not _is_age(compact_query, match):
            continue
        bands = [words for floor, words in OLD if number >= floor]
        if not bands and number >= PENSION[0]:
            bands = [PENSION[1]]
        forms = tuple(dict.fromkeys(word for words in bands for word in words))
        if forms:
            out.append((match.group(), tuple(dict.fromkeys((f"{number}岁", *forms)))))
    return out
