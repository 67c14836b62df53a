"""What the search index holds, and that publishing keeps it current."""

import pytest
from wagtail.search.backends import get_search_backend

from guides.models import MatterPage
from search import services

pytestmark = pytest.mark.django_db


def test_pages_give_the_index_words_and_pinyin():
    page = MatterPage.objects.get(code="JS-RS-05")
    assert "社保卡" in page.search_names().split()
    assert {"shebaoka", "sbk"} <= set(page.search_pinyin().split())
    assert "补办" in page.search_body().split() or "补" in page.search_body()


def test_the_plain_backend_finds_chinese_words_once_they_are_cut():
    # Wagtail's own search (as in the admin) now finds a word inside a name.
    results = get_search_backend().search("营业执照", MatterPage.objects.live())
    assert "JS-SC-02" in [page.code for page in results]
    results = get_search_backend().search("dibao", MatterPage.objects.live())
    assert "JS-MZ-01" in [page.code for page in results]


def test_publishing_updates_the_body_text_at_once():
    # A situation is a row of its own, saved after the page row that Wagtail
    # indexes on save: the search indexes the page again once it is published.
    page = MatterPage.objects.get(code="JS-MZ-04")
    situations = list(page.situations.all())
    situations[0].description += "百岁寿星另有慰问。"
    page.situations = situations
    backend = get_search_backend()
    assert "JS-MZ-04" not in [p.code for p in backend.search("寿星", MatterPage.objects.live())]
    page.save_revision().publish()
    assert "JS-MZ-04" in [p.code for p in backend.search("寿星", MatterPage.objects.live())]
    # Body text alone is below the search's confidence: the index only breaks ties.
    assert services.search("寿星") == []


def test_unpublished_guides_are_not_found():
    page = MatterPage.objects.get(code="JS-CL-01")
    page.unpublish()
    assert "JS-CL-01" not in [hit.code for hit in services.search("残疾证")]
