"""The order of results: exact name or alias, then partial, then body text."""

import pytest

from search import ranking, services, text

pytestmark = pytest.mark.django_db


def codes(query, limit=10):
    return [hit.code for hit in services.search(query, limit=limit)]


ENTRIES = [
    ranking.Entry("matter", 1, "A-01", "最低生活保障申请", ("低保", "吃低保"), "民政"),
    ranking.Entry("matter", 2, "A-02", "低保边缘家庭认定", ("低保边缘户",), "民政"),
    ranking.Entry("matter", 3, "A-03", "临时救助申请", ("救急难",), "民政"),
    ranking.Entry("bundle", 4, "B-01", "退休一件事", ("退休",)),
]


def ranked(query, body=(), body_only=()):
    return ranking.rank(text.parse_query(query), ENTRIES, body, body_only=body_only)


def test_bands_exact_before_partial_before_body():
    result = ranked("低保", body=[3], body_only={3})
    assert [r.entry.code for r in result] == ["A-01", "A-02", "A-03"]
    exact, partial, body = (r.score for r in result)
    assert exact >= 97 > partial >= 58 and 30 >= body >= 10
    assert result[0].matched == "低保"


def test_a_name_or_alias_counts_more_than_body_text_that_ranks_higher():
    result = ranked("低保", body=[3, 2, 1], body_only={1, 2, 3})
    assert [r.entry.code for r in result][:2] == ["A-01", "A-02"]


def test_body_text_alone_needs_every_word():
    assert ranked("结婚登记", body=[3], body_only=set()) == []


def test_pinyin_initials_homophones_and_slips():
    assert ranked("dibao")[0].entry.code == "A-01"
    assert ranked("zdshbz")[0].entry.code == "A-01"  # initials of the name's first words
    assert ranked("底保")[0].entry.code == "A-01"  # homophone from the input method
    assert ranked("最低生活保帐申请")[0].entry.code == "A-01"  # one wrong character
    assert ranked("临时救助申")[0].entry.code == "A-03"  # one missing character
    # Initials of the name without its head: 生活保障 of 最低生活保障申请.
    assert ranked("shbz")[0].entry.code == "A-01"


def test_bundles_rank_among_matters():
    assert ranked("退休")[0].entry.kind == "bundle"


def test_exact_alias_and_name_come_first_on_the_standard():
    assert codes("最低生活保障申请")[0] == "JS-MZ-01"
    assert codes("低保")[:2] == ["JS-MZ-01", "JS-MZ-06"]
    assert codes("JS-MZ-03")[0] == "JS-MZ-03"
    assert codes("js mz 03")[0] == "JS-MZ-03"


def test_bundles_appear_beside_matters():
    hits = services.search("退休", limit=5)
    kinds = {hit.kind for hit in hits}
    assert hits[0].code == "JS-B-03" and kinds == {"matter", "bundle"}


def test_a_sentence_finds_its_matter():
    assert codes("我想问一下办理营业执照需要什么材料")[0] == "JS-SC-02"
    assert codes("社保卡丢了怎么补办", 1) == ["JS-RS-05"]


def test_body_text_is_searched_with_words():
    # 糖尿病 is in no name or alias, only in the guide's text.
    assert "JS-YB-05" in codes("糖尿病")


def test_one_character_looks_only_at_names_and_aliases():
    hits = services.search("税")
    assert hits and all("税" in hit.name or "税" in hit.matched for hit in hits)


def test_nothing_found_for_unrelated_words():
    assert services.search("结婚登记") == []
    assert services.search("qwertyuiop") == []
