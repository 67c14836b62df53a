"""Chinese whatever the browser says; English only when chosen with the switch (issue 18)."""

import pytest

pytestmark = pytest.mark.django_db


def lang(response) -> str:
    return response.content.decode().split('<html lang="', 1)[1].split('"', 1)[0]


@pytest.mark.parametrize("accept", ["en-US,en;q=0.9", "en", "fr-FR,en;q=0.5", ""])
def test_a_browser_in_another_language_gets_chinese(client, accept):
    response = client.get("/search/?q=低保", HTTP_ACCEPT_LANGUAGE=accept)
    assert lang(response) == "zh-hans"
    assert response["Content-Language"] == "zh-hans"
    assert "搜索" in response.content.decode()
    assert "Accept-Language" not in response.get("Vary", "")


def test_english_when_chosen_and_remembered(client):
    response = client.get("/language/?language=en&next=/search/", HTTP_ACCEPT_LANGUAGE="zh-CN")
    assert response.status_code == 302 and response["Location"] == "/search/"
    assert response.cookies["django_language"].value == "en"
    assert response.cookies["django_language"]["max-age"] >= 365 * 24 * 3600
    # The cookie is sent back on every later request: English, whatever the browser says.
    page = client.get("/search/", HTTP_ACCEPT_LANGUAGE="zh-CN,zh;q=0.9")
    assert lang(page) == "en" and "Cookie" in page["Vary"]
    back = client.get("/language/?language=zh-hans&next=/search/")
    assert back.cookies["django_language"].value == "zh-hans"
    assert lang(client.get("/search/", HTTP_ACCEPT_LANGUAGE="en")) == "zh-hans"


def test_an_unknown_language_in_the_cookie_falls_back_to_chinese(client):
    client.cookies["django_language"] = "de"
    assert lang(client.get("/search/", HTTP_ACCEPT_LANGUAGE="en")) == "zh-hans"
    client.cookies["django_language"] = "en-gb"  # a variant of a supported language
    assert lang(client.get("/search/")) == "en"
    assert client.get("/language/?language=de&next=/").cookies.get("django_language") is None
