"""Project-wide behaviour: the page cache, the display switches, headers."""

import pytest
from django.test import override_settings

from guides.models import MatterPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def page_cache(settings):
    from django.core.cache import cache

    cache.clear()
    settings.PAGE_CACHE_SECONDS = 600
    yield
    cache.clear()


def test_anonymous_guide_pages_are_cached_and_purged_on_publish(client, page_cache):
    url = MatterPage.objects.get(code="JS-MZ-04").url
    assert client.get(url)["X-Page-Cache"] == "miss"
    assert client.get(url)["X-Page-Cache"] == "hit"
    page = MatterPage.objects.get(code="JS-MZ-04")
    page.fee = "不收费（缓存测试）"
    page.save_revision().publish()
    response = client.get(url)
    assert response["X-Page-Cache"] == "miss"
    assert "不收费（缓存测试）" in response.content.decode()


def test_cache_keeps_languages_and_elder_mode_apart(client, page_cache):
    url = MatterPage.objects.get(code="JS-MZ-04").url
    client.get(url)
    client.cookies["elder_mode"] = "1"
    response = client.get(url)
    assert response["X-Page-Cache"] == "miss"
    assert 'class="elder"' in response.content.decode()


def test_logged_in_readers_are_never_served_from_the_cache(client, page_cache, django_user_model):
    url = MatterPage.objects.get(code="JS-MZ-04").url
    client.get(url)
    client.force_login(django_user_model.objects.create_user("someone", "s@test.local", "pw"))
    assert "X-Page-Cache" not in client.get(url)


def test_pages_with_personal_data_are_no_store(client, django_user_model):
    client.force_login(django_user_model.objects.create_user("someone", "s@test.local", "pw"))
    assert client.get("/appointments/")["Cache-Control"] == "no-store"
    assert client.get("/api/v1/appointments")["Cache-Control"] == "no-store"


def test_elder_mode_switch_persists(client):
    response = client.get("/elder-mode/?elder=on&next=/guides/")
    assert response.status_code == 302 and response["Location"] == "/guides/"
    assert response.cookies["elder_mode"]["max-age"] == 365 * 24 * 3600
    html = client.get("/guides/").content.decode()
    assert 'class="elder"' in html and "标准模式" in html
    client.get("/elder-mode/?elder=off&next=/")
    assert 'class="elder"' not in client.get("/guides/").content.decode()


def test_elder_mode_refuses_foreign_redirects(client):
    response = client.get("/elder-mode/?elder=on&next=https://evil.example/")
    assert response["Location"] == "/"


@override_settings(LANGUAGE_CODE="zh-hans")
def test_english_interface_with_chinese_content(client):
    client.get("/language/?language=en&next=/")
    html = client.get(MatterPage.objects.get(code="JS-MZ-03").url).content.decode()
    assert 'lang="en"' in html
    assert "Book this matter" in html or "Book" in html
    assert "临时救助申请" in html  # guide content stays Chinese
    assert "published in Chinese only" in html


def test_chinese_content_is_marked_as_chinese_in_the_english_interface(client):
    client.get("/language/?language=en&next=/")
    html = client.get(MatterPage.objects.get(code="JS-MZ-03").url).content.decode()
    assert '<h1 lang="zh-hans">临时救助申请</h1>' in html
    assert '<ol class="materials" lang="zh-hans">' in html
    client.get("/language/?language=zh-hans&next=/")
    html = client.get(MatterPage.objects.get(code="JS-MZ-03").url).content.decode()
    assert "<h1>临时救助申请</h1>" in html


def test_a_new_view_restriction_reaches_cached_pages_at_once(client, page_cache):
    from wagtail.models import PageViewRestriction

    page = MatterPage.objects.get(code="JS-MZ-05")
    assert client.get(page.url).status_code == 200
    assert client.get(page.url)["X-Page-Cache"] == "hit"
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    response = client.get(page.url)
    assert response.status_code == 302 and "login" in response["Location"]
