"""The search page and the search API answer every query calmly."""

import pytest

from search.models import UnansweredQuery

pytestmark = pytest.mark.django_db

AWKWARD = [
    "",
    "   ",
    "保",
    "a",
    "低" * 500,
    "社保卡丢了" * 100,
    "！！！？？？……",
    "*",
    '"',
    "'",
    "低保*",
    '"低保" OR "医保"',
    "NEAR(低保 医保)",
    "低保 AND NOT 医保",
    "<script>alert('x')</script>",
    "<img src=x onerror=alert(1)>低保",
    "' OR 1=1; DROP TABLE guides_matterpage; --",
    "低保'); SELECT * FROM auth_user; --",
    "%_%",
    "\\",
    "😀😀",
    "社保卡\n丢了\t怎么办",
]


@pytest.mark.parametrize("query", AWKWARD)
def test_the_page_never_fails(client, query):
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<script>alert" not in html and "<img src=x" not in html


def test_a_nul_byte_is_refused_as_malformed_not_a_failure(client):
    # The site refuses NUL bytes before any view (portal's hostile-input middleware).
    assert client.get("/search/", {"q": "\x00低保"}).status_code == 400
    response = client.get("/api/v1/search", {"q": "\x00低保"})
    assert response.status_code == 400 and "detail" in response.json()


@pytest.mark.parametrize("query", AWKWARD)
def test_the_api_never_fails(client, query):
    response = client.get("/api/v1/search", {"q": query})
    assert response.status_code == 200
    assert isinstance(response.json(), list)
    response = client.get("/api/v1/search/suggest", {"q": query})
    assert response.status_code == 200


def test_html_in_the_query_is_shown_escaped(client):
    html = client.get("/search/", {"q": "<b>低保</b>"}).content.decode()
    assert "&lt;b&gt;低保&lt;/b&gt;" in html
    assert "<b>低保</b>" not in html


@pytest.mark.parametrize(
    ("query", "hint"),
    [
        ("", "请输入想办的事"),
        ("？？", "请输入想办的事"),
        ("保", "只输入了一个字"),
        ("低" * 500, "搜索词太长"),
    ],
)
def test_hints(client, query, hint):
    assert hint in client.get("/search/", {"q": query}).content.decode()


def test_results_page_names_the_alias_that_matched(client):
    html = client.get("/search/", {"q": "低保"}).content.decode()
    assert html.index("最低生活保障申请") < html.index("低保边缘家庭认定")
    assert "也叫“低保”" in html
    assert 'name="robots" content="noindex"' in html


def test_nothing_found_says_so(client):
    html = client.get("/search/", {"q": "重阳红包"}).content.decode()
    assert "没有找到与“重阳红包”有关的事项" in html and 'href="tel:12345"' in html


def test_a_need_handled_elsewhere_says_where(client):
    # Issue #18: 身份证丢了 found six unrelated matters.
    html = client.get("/search/", {"q": "身份证丢了"}).content.decode()
    assert "本平台不办理“身份证丢了”" in html and "派出所" in html and "12345" in html
    assert 'class="results"' not in html
    html = client.get("/search/", {"q": "结婚登记"}).content.decode()
    assert "婚姻登记处" in html


def test_codes_are_only_a_small_reference(client):
    html = client.get("/search/", {"q": "低保"}).content.decode()
    assert '<small class="ref">编码 JS-MZ-01</small>' in html
    assert html.count("JS-MZ-01") == 1


def test_api_shape_and_order(client):
    data = client.get("/api/v1/search", {"q": "社保卡丢了"}).json()
    assert data[0] == {
        "kind": "matter",
        "code": "JS-RS-05",
        "name": "社会保障卡申领",
        "department": "人社",
        "url": "/guides/js-rs-05/",
    }
    bundle = client.get("/api/v1/search", {"q": "宝宝出生"}).json()[0]
    assert bundle["kind"] == "bundle" and bundle["code"] == "JS-B-02"
    assert bundle["department"] == ""


def test_api_limit(client):
    assert len(client.get("/api/v1/search", {"q": "医保", "limit": 2}).json()) == 2
    assert len(client.get("/api/v1/search", {"q": "医保", "limit": 0}).json()) == 1
    assert len(client.get("/api/v1/search", {"q": "医保", "limit": 10_000}).json()) <= 50
    response = client.get("/api/v1/search", {"q": "医保", "limit": "many"})
    assert response.status_code == 422 and "limit" in response.json()["errors"]


def test_suggestions_for_the_search_box(client):
    data = client.get("/api/v1/search/suggest", {"q": "dibao"}).json()
    first = data["results"][0]
    assert first["code"] == "JS-MZ-01" and first["matched"] == "低保"
    assert first["detail"] == "民政 · 也叫“低保”"
    assert data["message"].startswith(f"{len(data['results'])} 条建议")
    assert len(data["results"]) <= 8
    assert client.get("/api/v1/search/suggest", {"q": ""}).json() == {"message": "", "results": []}


def test_suggestions_record_nothing(client):
    client.get("/api/v1/search/suggest", {"q": "完全不相干的词"})
    assert not UnansweredQuery.objects.exists()


def test_every_page_offers_the_suggestions_script_and_keeps_the_plain_form(client):
    html = client.get("/").content.decode()
    assert 'id="site-search"' in html and 'action="/search/"' in html
    assert "js/search-suggest.js" in html and "defer" in html
    assert 'data-endpoint="/api/v1/search/suggest"' in html


def test_suggestions_leave_out_guides_that_only_mention_the_words(client):
    codes = [
        hit["code"] for hit in client.get("/api/v1/search/suggest", {"q": "低保"}).json()["results"]
    ]
    assert codes == ["JS-MZ-01", "JS-MZ-06"]
    # The results are the same two, not padded with matters that merely
    # mention the word (issue #18).
    full = [hit["code"] for hit in client.get("/api/v1/search", {"q": "低保"}).json()]
    assert full == codes


def test_the_endpoints_are_documented(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert "/api/v1/search" in paths and "/api/v1/search/suggest" in paths
