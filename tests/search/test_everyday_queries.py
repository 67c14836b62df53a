"""The words residents really use find the right matter or bundle (issue #6).

The queries are in everyday_queries.tsv beside this file: colloquial and old
names, spoken questions, pinyin and initials, and typing slips. Each must
bring its matter or bundle into the first three results; the test prints
the hit rate and fails below 95 %.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from guides.models import BundlePage, MatterPage
from search import services

pytestmark = pytest.mark.django_db

QUERIES_FILE = Path(__file__).with_name("everyday_queries.tsv")
TARGET = 0.95
KINDS = {"alias", "spoken", "old", "pinyin", "typo", "name"}


def everyday_queries() -> list[tuple[str, str, str]]:
    rows = []
    for line in QUERIES_FILE.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            query, code, kind = line.split("\t")
            rows.append((query, code, kind))
    return rows


def known_aliases() -> set[str]:
    pages = [*MatterPage.objects.live(), *BundlePage.objects.live()]
    return {alias for page in pages for alias in page.alias_list}


def test_the_set_is_large_varied_and_covers_every_guide():
    rows = everyday_queries()
    assert len(rows) >= 60
    assert len({query for query, _, _ in rows}) == len(rows), "a query is listed twice"
    assert {kind for _, _, kind in rows} == KINDS
    codes = {code for _, code, _ in rows}
    live = set(MatterPage.objects.live().values_list("code", flat=True))
    live |= set(BundlePage.objects.live().values_list("code", flat=True))
    assert codes == live, "every matter and bundle is asked for, and only those"
    # Most queries are not aliases of the standard: the search has to work
    # for them, it cannot just look them up.
    aliases = known_aliases()
    verbatim = [query for query, _, _ in rows if query in aliases]
    assert len(verbatim) / len(rows) <= 0.3, verbatim


def test_top_three_hit_rate(capsys):
    rows = everyday_queries()
    aliases = known_aliases()
    found: Counter[str] = Counter()
    asked: Counter[str] = Counter()
    misses = []
    for query, code, kind in rows:
        codes = [hit.code for hit in services.search(query, limit=3)]
        group = "alias" if query in aliases else kind
        asked[group] += 1
        if code in codes:
            found[group] += 1
        else:
            misses.append(f"{query} → {codes} (expected {code})")
    total = sum(found.values())
    rate = total / len(rows)
    not_aliases = sum(n for kind, n in found.items() if kind != "alias")
    asked_not_aliases = len(rows) - asked["alias"]
    with capsys.disabled():
        print(f"\neveryday queries: top-3 hit rate {rate:.1%} ({total}/{len(rows)})")
        print(
            f"  without the {asked['alias']} that are aliases of the standard: "
            f"{not_aliases / asked_not_aliases:.1%} ({not_aliases}/{asked_not_aliases})"
        )
        for kind in sorted(asked):
            print(f"  {kind:<7} {found[kind]:>3}/{asked[kind]:<3}")
        for miss in misses:
            print(f"  missed: {miss}")
    assert rate >= TARGET, misses
