"""Each mechanism of issue #20 on small fixtures: residents' phrasings of needs,
synonyms, character n-grams, intent and topic words, ages, and honest answers."""

import pytest
from django.urls import reverse

from guides.models import MatterPage
from search import lexicon, matching, ranking, scope, services, terms, text
from search.models import UnansweredQuery
from tests.search.support import where_to_go

pytestmark = pytest.mark.django_db

ENTRIES = [
    ranking.Entry(
        "matter", 1, "A-01", "最低生活保障申请", ("低保",), "民政", ("家里困难生活过不下去",)
    ),
    ranking.Entry(
        "matter", 2, "A-02", "尊老金申领", ("高龄补贴",), "民政", ("80岁以上老人每月领钱",)
    ),
    ranking.Entry(
        "matter", 3, "A-03", "残疾人护理补贴申请", ("两项补贴",), "民政", ("需要人照顾的残疾人",)
    ),
    ranking.Entry(
        "bundle", 4, "B-01", "新生儿出生一件事", ("宝宝出生",), "", ("孩子出生后办什么",)
    ),
]


def first(query, entries=ENTRIES):
    ranked = ranking.rank(text.parse_query(query), entries)
    shown = ranked[: scope.trim([r.score for r in ranked])]
    return [r.entry.code for r in shown]


def test_a_described_need_finds_the_matter_through_its_phrasings():
    # None of these words is in a name or an alias.
    assert first("生活过不下去了")[:1] == ["A-01"]
    without_needs = [ranking.Entry(e.kind, e.page_id, e.code, e.name, e.aliases) for e in ENTRIES]
    assert first("生活过不下去了", without_needs) == []


def test_a_synonym_from_the_projects_list_expands():
    assert "照顾" in text.synonyms("伺候")
    assert first("老伴要人伺候")[:1] == ["A-03"]


def test_a_wordnet_synonym_expands_only_to_words_the_catalogue_uses():
    assert "宝宝" in lexicon.wordnet_synonyms("婴儿")  # Chinese Open Wordnet
    needs = matching.Needs(text.parse_query("婴儿"), ENTRIES)
    assert ("宝宝", matching.WORDNET_SYNONYM) in needs.units[0][1]
    assert first("婴儿刚生下来")[:1] == ["B-01"]
    # 工作 shares wordnet synsets with 任务, 计划, 项目…: none of them in the
    # catalogue, none of them tried.
    assert lexicon.wordnet_synonyms("工作")
    assert [f for f, _ in matching.Needs(text.parse_query("工作"), ENTRIES).units[0][1]] == [
        "工作",
        "上班",
        "饭碗",
    ]


def test_an_unsegmented_spoken_phrase_matches_by_character_ngrams():
    # jieba cuts this into pieces no phrasing has whole; its bigrams hold one phrasing.
    assert first("我们家里困难生活过不下去咋整")[:1] == ["A-01"]


def test_whose_need_it_is_does_not_change_the_matter():
    entries = [
        *ENTRIES,
        ranking.Entry("matter", 5, "A-05", "生育津贴申领", ("生孩子补贴",), "医保", ()),
    ]
    # 闺女 (kin) and 刚 (padding) are left out of one reading of the query.
    assert "生孩子" in terms.variants(text.parse_query("闺女刚生了孩子"))
    assert first("闺女刚生了孩子", entries)[:1] == ["A-05"]


def test_topic_words_weigh_more_than_intent_words():
    assert lexicon.role_weight("补贴") < lexicon.role_weight("老人") == 1
    # 补贴 is in two names, 老人 in one phrasing: the topic decides.
    assert first("老人补贴")[:1] == ["A-02"]


def test_an_age_is_read_as_the_band_it_falls_in():
    assert first("我妈今年九十二了")[:1] == ["A-02"]
    assert first("85岁")[:1] == ["A-02"]
    # A sum of money is not an age.
    assert text.parse_query("几百块") and "A-02" not in first("几百块")


def test_pinyin_initials_of_a_phrasing():
    entries = [
        ranking.Entry("matter", 5, "A-05", "社会保障卡申领", ("社保卡",), "人社", ("医保卡丢了",))
    ]
    assert first("ybk", entries) == ["A-05"]


def test_an_out_of_scope_need_returns_nothing_and_says_where_to_go():
    assert "派出所" in where_to_go("身份证丢了")
    answer = services.answer("护照")
    assert answer.hits == [] and "出入境" in answer.elsewhere
    # A matter that names the same word whole still wins.
    assert services.search("外地人办居住证")[0].code == "JS-GA-01"


def test_fraud_theft_and_a_missing_person_go_to_the_police():
    # 丢 would find 社保卡丢了, 走 人走了 (殡葬): the police kind answers first.
    for query in ("网购被骗了", "老人走丢了", "电瓶车被偷了"):
        assert "110" in where_to_go(query)
    assert services.search("社保卡丢了")[0].code == "JS-RS-05"


def test_below_the_confidence_nothing_is_shown():
    answer = services.answer("重阳红包")
    assert answer.hits == [] and not answer.outside and "12345" in answer.elsewhere
    assert scope.trim([49.0, 30.0]) == 0
    assert scope.trim([99.0, 80.0, 60.0]) == 2  # 60 is far below the best


def test_issue_18_searches():
    assert [hit.code for hit in services.search("低保")] == ["JS-MZ-01", "JS-MZ-06"]
    assert services.search("医保卡")[0].code == "JS-RS-05"
    assert services.search("没钱看病")[0].code != "JS-YB-03"


def test_a_phrasing_added_by_an_editor_is_found_only_after_approval(client, users):
    services.record_unanswered("孙子满月了")
    row = UnansweredQuery.objects.get()
    page = MatterPage.objects.get(code="JS-YB-01")
    assert "JS-YB-01" not in [hit.code for hit in services.search("孙子满月了")]

    client.force_login(users["editor"])
    response = client.post(
        reverse("search_unanswered_alias", args=[row.pk]), {"page": page.pk, "as": "need"}
    )
    assert response.status_code == 302
    page.refresh_from_db()
    assert "孙子满月了" not in page.need_list  # a draft only
    assert "孙子满月了" in page.get_latest_revision_as_object().need_list
    assert "孙子满月了" not in page.get_latest_revision_as_object().alias_list

    # The editor submits it to the provincial review: still not found.
    state = page.get_workflow().start(page, users["editor"])
    assert "JS-YB-01" not in [hit.code for hit in services.search("孙子满月了")]

    state.current_task_state.approve(user=users["reviewer"])
    page.refresh_from_db()
    assert "孙子满月了" in page.need_list
    assert services.search("孙子满月了")[0].code == "JS-YB-01"
    assert not UnansweredQuery.objects.exists()  # answered now, off the report
