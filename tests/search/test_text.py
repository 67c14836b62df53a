"""Chinese text handling: normalising, words, pinyin, near misses."""

import pytest

from search import text


def test_normalize_folds_width_and_case_and_drops_punctuation():
    assert text.normalize("ＤＩＢＡＯ！") == "dibao"
    assert text.normalize("  社保卡，丢了？？ ") == "社保卡 丢了"
    assert text.normalize("<script>alert(1)</script>") == "script alert 1 script"
    assert text.normalize("！@#￥%……&*（）——") == ""


def test_words_cut_chinese_and_leave_out_filler():
    assert text.words("我想问一下社保卡丢了怎么办") == ["社保卡", "丢"]
    assert "营业执照" in text.words("办理营业执照需要什么材料")
    # The domain dictionary keeps words the general one lacks.
    assert "慢特病" in text.words("门诊慢特病待遇认定")


def test_index_text_is_words_separated_by_spaces():
    assert text.index_text("办理营业执照需要什么材料").split() == [
        "办理",
        "营业",
        "执照",
        "营业执照",
        "需要",
        "什么",
        "材料",
    ]


def test_pinyin_and_initials():
    assert text.pinyin("社保卡") == ("shebaoka", "sbk")
    assert text.pinyin("低保") == ("dibao", "db")
    assert text.pinyin("80岁补贴") == ("80suibutie", "80sbt")
    # Heteronyms are read in context.
    assert text.pinyin("重度残疾")[0] == "zhongducanji"


@pytest.mark.parametrize(
    ("a", "b", "near"),
    [
        ("最低生活保障", "最低生活保帐", True),
        ("尊老金", "尊老全", True),
        ("生孩子补贴", "生孩子的补贴", True),
        ("残疾证", "残疾", True),
        ("社保卡", "医保卡", True),
        ("社保卡", "医保", False),
        ("低保", "五保户", False),
    ],
)
def test_within_one_edit(a, b, near):
    assert text.within_one_edit(a, b) is near
    assert text.within_one_edit(b, a) is near


def test_contains_near_finds_a_slip_inside_a_sentence():
    assert text.contains_near("老人去世丧葬补贴", "殡葬补贴")
    assert text.contains_near("我想领生孩子的补贴", "生孩子补贴")
    assert not text.contains_near("老人去世丧葬补贴", "残疾人补贴")


def test_homophones_by_syllables():
    assert text.contains_syllables(text.syllables("我要办底保"), text.syllables("低保"))
    assert not text.contains_syllables(text.syllables("医保"), text.syllables("低保"))


def test_parse_query():
    assert text.parse_query("") is None
    assert text.parse_query("  ？！。 ") is None
    q = text.parse_query("Shebao KA")
    assert q.latin and q.compact == "shebaoka"
    q = text.parse_query("社保卡丢了怎么办")
    assert not q.latin and q.words == ("社保卡", "丢")
    assert "社保卡" in q.tokens and "怎么办" not in q.tokens
    long = text.parse_query("低" * 500)
    assert long.truncated and long.length == text.MAX_QUERY_LENGTH
