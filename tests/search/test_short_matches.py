"""One character is little evidence (issue #20, fifth round): a rare character in a
single alias or phrasing does not make a match, whether it is the whole query or
stands for a longer word no phrasing has."""

from search import matching, ranking, scope, text

ENTRIES = [
    ranking.Entry(
        "matter",
        1,
        "A-01",
        "城乡居民社会保险费缴费",
        ("交医保", "医保缴费", "交今年医保"),
        "税务",
        ("每年交医保",),
    ),
    ranking.Entry(
        "matter",
        2,
        "A-02",
        "最低生活保障申请",
        ("低保",),
        "民政",
        ("家里穷没有收入", "穷得过不下去", "日子过不下去"),
    ),
    ranking.Entry(
        "matter",
        3,
        "A-03",
        "低保边缘家庭认定",
        ("低保边缘",),
        "民政",
        ("收入比低保标准高一点",),
    ),
]


def shown(query):
    ranked = ranking.rank(text.parse_query(query), ENTRIES)
    return [r.entry.code for r in ranked[: scope.trim([r.score for r in ranked])]]


def test_one_rare_character_in_one_phrasing_finds_nothing():
    # 今 is in one alias of A-01 only.
    assert shown("今") == []
    # jieba keeps 今天天气 whole; its only part any phrasing has is the character 今.
    assert text.parse_query("今天天气怎么样").words == ("今天天气",)
    assert shown("今天天气怎么样") == []


def test_one_character_that_a_name_or_several_phrasings_have_still_finds():
    assert shown("医")[:1] == ["A-01"]  # in several aliases
    assert "A-02" in shown("保")  # in the name


def test_a_character_beside_what_the_query_has_beside_it_counts():
    # 比 is in one phrasing, but next to 低 as in the query; 穷 in two.
    needs = matching.Needs(text.parse_query("比低保户好一点"), ENTRIES)
    assert needs.character_found("比", 3)
    assert not matching.Needs(text.parse_query("比一比"), ENTRIES).character_found("比", 3)
    assert matching.Needs(text.parse_query("穷"), ENTRIES).character_found("穷", 2)
    # The phrasing's own words still find it when the query says them.
    assert shown("今年交医保")[:1] == ["A-01"]


def test_a_character_stands_for_a_longer_word_beside_a_longer_part():
    # 穷日子 is in no phrasing: its parts 日子 and 穷 are.
    assert shown("家里穷日子难过")[:1] == ["A-02"]
