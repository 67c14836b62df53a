"""The catalogues: Chinese maps every message to itself; English translates every one."""

import re
from pathlib import Path

import pytest
from django.utils import translation

LOCALE = Path(__file__).resolve().parents[1] / "locale"


def entries(language: str):
    text = (LOCALE / language / "LC_MESSAGES" / "django.po").read_text(encoding="utf-8")
    for block in text.split("\n\n"):
        if "#, fuzzy" in block:
            yield None, None, block
            continue
        found = {}
        for key in ("msgid", "msgstr", r"msgstr\[0\]"):
            match = re.search(rf"^{key} ((?:\".*\"\n?)+)", block + "\n", re.M)
            if match:
                found[key] = "".join(re.findall(r'"(.*)"', match.group(1)))
        yield found.get("msgid"), found.get("msgstr", found.get(r"msgstr\[0\]")), block


def test_chinese_catalogue_is_the_identity():
    wrong = [(mid, ms) for mid, ms, block in entries("zh_Hans") if mid and mid != ms]
    assert wrong == []


@pytest.mark.parametrize("language", ["zh_Hans", "en"])
def test_no_fuzzy_or_empty_entries(language):
    problems = [
        block[:80] for mid, ms, block in entries(language) if mid is None or (mid and not ms)
    ]
    assert problems == []


def test_compiled_catalogues_are_used():
    with translation.override("en"):
        assert translation.gettext("受理台") != "受理台"
    with translation.override("zh-hans"):
        assert translation.gettext("受理台") == "受理台"
