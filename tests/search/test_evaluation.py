"""The search against residents' own phrasing (issues #6 and #20).

The sets are in tests/search/queries/ (see query_sets.py): tuning queries the
search may be tuned on, four held-out sets written before tuning and never tuned
on (the second, third and fourth frozen before issue #20's second, third and seventh
rounds), and needs outside the
catalogue. The held-out figures are floors: they fail when a change loses more
than two points against the figures last reported (README, Search).
"""

from __future__ import annotations

import pytest

from guides.models import BundlePage, MatterPage
from search import services
from tests.search import query_sets

pytestmark = pytest.mark.django_db

# Measured at the end of issue #20's seventh round, on 2026-12-01 (see README,
# Search). The tuning set grew that round by 1,980 queries written from residents'
# speech, not for the search, so it is a floor as well, not a target of 95%.
REPORTED_TUNING_TOP3 = 2170 / 2251
REPORTED_TUNING_OUT_OF_SCOPE = 878 / 930
REPORTED_HELDOUT_TOP3 = 119 / 122
REPORTED_HELDOUT_OUT_OF_SCOPE = 25 / 25
REPORTED_FRESH_TOP3 = 126 / 131
REPORTED_FRESH_OUT_OF_SCOPE = 24 / 24
REPORTED_THIRD_TOP3 = 124 / 140
REPORTED_THIRD_OUT_OF_SCOPE = 28 / 36
REPORTED_FOURTH_TOP3 = 231 / 252
REPORTED_FOURTH_OUT_OF_SCOPE = 57 / 61
FLOOR = 0.02


def codes(query: str) -> list[str]:
    return [hit.code for hit in services.search(query, limit=query_sets.TOP)]


def test_the_sets_are_large_split_once_and_cover_every_guide():
    tuning, heldout = query_sets.in_scope("tuning"), query_sets.in_scope("heldout")
    assert len(tuning) + len(heldout) >= 300 and len(heldout) >= 100
    queries = [row.query for row in tuning + heldout]
    assert len(set(queries)) == len(queries), "a query is listed twice or in both parts"
    fresh = query_sets.in_scope("heldout_fresh")
    assert len(fresh) >= 100 and not {row.query for row in fresh} & {row.query for row in tuning}
    third = query_sets.in_scope("heldout_third")
    earlier = {row.query for row in tuning + heldout + fresh}
    assert len(third) >= 100 and not {row.query for row in third} & earlier
    assert len(query_sets.out_of_scope_third()) >= 30
    fourth = query_sets.in_scope("heldout_fourth")
    earlier |= {row.query for row in third}
    assert len(fourth) >= 100 and not {row.query for row in fourth} & earlier
    assert len(query_sets.out_of_scope_fourth()) >= 40
    outside = query_sets.out_of_scope()
    assert {row.part for row in outside} == {"tuning", "heldout"}
    assert not {row.query for row in outside} & set(queries)
    live = set(MatterPage.objects.live().values_list("code", flat=True))
    live |= set(BundlePage.objects.live().values_list("code", flat=True))
    for rows in (tuning, heldout):
        accepted = set().union(*(row.accepted for row in rows))
        assert accepted == live, "every matter and bundle is asked for, and only those"
    styles = {row.style for row in heldout}
    assert {"hotline", "qa", "complaint", "spoken", "initials"} <= styles


def test_tuning_queries_find_their_matter_in_the_first_three():
    score = query_sets.top_three(codes, query_sets.in_scope("tuning"))
    assert score.rate >= REPORTED_TUNING_TOP3 - FLOOR, score.misses


def test_heldout_queries_stay_at_the_reported_figure():
    score = query_sets.top_three(codes, query_sets.in_scope("heldout"))
    assert score.rate >= REPORTED_HELDOUT_TOP3 - FLOOR, score.misses
    fresh = query_sets.top_three(codes, query_sets.in_scope("heldout_fresh"))
    assert fresh.rate >= REPORTED_FRESH_TOP3 - FLOOR, fresh.misses
    third = query_sets.top_three(codes, query_sets.in_scope("heldout_third"))
    assert third.rate >= REPORTED_THIRD_TOP3 - FLOOR, third.misses
    fourth = query_sets.top_three(codes, query_sets.in_scope("heldout_fourth"))
    assert fourth.rate >= REPORTED_FOURTH_TOP3 - FLOOR, fourth.misses


def test_out_of_scope_needs_are_answered_with_nothing():
    tuning = query_sets.answered_with_nothing(codes, query_sets.out_of_scope("tuning"))
    assert tuning.rate >= REPORTED_TUNING_OUT_OF_SCOPE - FLOOR, tuning.misses
    heldout = query_sets.answered_with_nothing(codes, query_sets.out_of_scope("heldout"))
    assert heldout.rate >= REPORTED_HELDOUT_OUT_OF_SCOPE - FLOOR, heldout.misses
    fresh = query_sets.answered_with_nothing(codes, query_sets.out_of_scope_fresh())
    assert fresh.rate >= REPORTED_FRESH_OUT_OF_SCOPE - FLOOR, fresh.misses
    third = query_sets.answered_with_nothing(codes, query_sets.out_of_scope_third())
    assert third.rate >= REPORTED_THIRD_OUT_OF_SCOPE - FLOOR, third.misses
    fourth = query_sets.answered_with_nothing(codes, query_sets.out_of_scope_fourth())
    assert fourth.rate >= REPORTED_FOURTH_OUT_OF_SCOPE - FLOOR, fourth.misses
