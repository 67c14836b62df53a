"""The catalogue kept in the process (search/selectors.py), the in-process tie-break
by body text, and the second round of issue #20's mechanisms on small fixtures."""

import pytest

from guides.models import MatterPage
from search import lexicon, matching, ranking, scope, selectors, services, text

pytestmark = pytest.mark.django_db

ENTRIES = [
    ranking.Entry("matter", 1, "A-01", "失业登记", ("失业证",), "人社", ("被辞退了",)),
    ranking.Entry(
        "matter", 2, "A-02", "尊老金申领", ("高龄补贴",), "民政", ("80岁以上老人每月领钱",)
    ),
    ranking.Entry(
        "matter", 3, "A-03", "城乡居民基本医疗保险参保登记", ("小孩上医保",), "医保", ("孩子参保",)
    ),
    ranking.Entry("matter", 4, "A-04", "生育登记", ("准生证",), "卫健", ("孩子出生前登记",)),
    ranking.Entry(
        "matter", 5, "A-05", "临时救助申请", ("救急难",), "民政", ("孩子上学费用负担不起",)
    ),
]


def first(query, entries=ENTRIES):
    ranked = ranking.rank(text.parse_query(query), entries)
    return [r.entry.code for r in ranked[: scope.trim([r.score for r in ranked])]]


def test_the_catalogue_is_kept_until_a_page_is_published_or_unpublished(users):
    held = selectors.current()
    assert selectors.current() is held  # nothing read again between queries
    page = MatterPage.objects.get(code="JS-MZ-04")
    draft = page.get_latest_revision_as_object()
    draft.common_names += "\n重阳红包"
    draft.save_revision(user=users["editor"])
    assert selectors.current() is held  # a draft changes nothing
    assert services.search("重阳红包") == []
    page.get_latest_revision().publish(user=users["reviewer"])
    assert selectors.current() is not held
    assert services.search("重阳红包")[0].code == "JS-MZ-04"
    page.refresh_from_db()
    page.unpublish(user=users["reviewer"])
    assert "JS-MZ-04" not in [e.code for e in selectors.current().entries]
    assert "JS-MZ-04" not in [hit.code for hit in services.search("尊老金")]


def test_the_urls_come_from_the_catalogue():
    hit = services.search("尊老金")[0]
    assert hit.url == MatterPage.objects.get(code="JS-MZ-04").url


def test_the_body_text_breaks_ties_in_the_process():
    catalogue = selectors.current()
    codes = {e.page_id: e.code for e in catalogue.entries}
    among = [e.page_id for e in catalogue.entries]
    order = [codes[pk] for pk in selectors.body_order(text.parse_query("火化"), among, catalogue)]
    assert order[0] == "JS-MZ-07"  # the guide whose names and text say it
    assert "JS-SC-01" not in order  # pages without the word are not ordered at all
    assert selectors.body_order(text.parse_query("qwertyuiop"), among, catalogue) == []


def test_an_everyday_word_for_a_lost_job_expands():
    assert "辞退" in text.synonyms("炒鱿鱼") and "辞退" in text.synonyms("炒")
    assert first("我被炒鱿鱼了")[:1] == ["A-01"]


def test_kin_weigh_less_than_the_need():
    assert lexicon.role_weight("我妈") == lexicon.PEOPLE_WEIGHT < lexicon.role_weight("学费")
    assert lexicon.role_weight("老人") == 1  # whom a matter is for is a topic
    units = {
        word: weight
        for word, _, weight in matching.Needs(text.parse_query("老妈孩子学费交不起"), ENTRIES).units
    }
    # 老妈 is in no entry: as any unknown word, but halved.
    assert units["老妈"] == matching.UNKNOWN * lexicon.PEOPLE_WEIGHT
    assert first("老妈孩子学费交不起")[:1] == ["A-05"]


def test_a_need_sharing_only_a_common_word_with_the_catalogue_finds_nothing():
    # 孩子 is in three of five entries (more than a quarter): not a need of any of them.
    needs = matching.Needs(text.parse_query("孩子近视了"), ENTRIES)
    assert not any(needs.distinctive(e.page_id) for e in ENTRIES)
    assert first("孩子近视了") == []
    # With a word few entries have, the same child finds its matter.
    assert first("孩子上学费用负担不起")[:1] == ["A-05"]
