"""Reading guides: pages, the printable checklist, and the query budget."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from guides.models import BundlePage, MatterPage

from .factories import make_matter

pytestmark = pytest.mark.django_db


def test_home_page_offers_departments_life_events_bundles_search_and_booking(client):
    html = client.get("/").content.decode()
    for text in (
        "全部事项（按部门）",
        "生孩子",
        "企业办事",
        "员工录用一件事",
        'type="search"',
        "/book/",
    ):
        assert text in html
    assert html.count("/guides/js-") >= 30


def test_guide_page_shows_the_elements_and_the_book_button(client):
    page = MatterPage.objects.get(code="JS-MZ-03")
    response = client.get(page.url)
    html = response.content.decode()
    assert response.status_code == 200
    for heading in (
        "材料清单",
        "受理条件",
        "办理流程",
        "办理时限",
        "收费标准",
        "常见问题",
        "设定依据",
    ):
        assert heading in html
    assert "江苏省居民家庭经济状况核对授权书" in html
    assert "/book/?matters=JS-MZ-03" in html


def test_printable_checklist_of_one_situation(client):
    page = MatterPage.objects.get(code="JS-MZ-03")
    html = client.get(page.url + "checklist/?situation=JS-MZ-03-02").content.decode()
    assert "print.css" in html
    assert html.count("<tr>") == 1 + 8  # header row and the eight materials


def test_bundle_page_lists_merged_checklist(client):
    bundle = BundlePage.objects.get(code="JS-B-01")
    html = client.get(bundle.url).content.decode()
    assert html.count('class="name">居民身份证<') == 1
    assert "JS-RS-03" in html and "JS-GJ-02" in html


def test_guide_list_filters_by_department_and_audience(client):
    html = client.get("/guides/?department=公积金&audience=enterprise").content.decode()
    assert "住房公积金单位缴存登记" in html
    assert "住房公积金提取" not in html


def _queries_to_render(client, page) -> int:
    cache.clear()  # the material list read itself, not its cached copy
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(page.url).status_code == 200
    return len(ctx.captured_queries)


def test_guide_queries_do_not_grow_with_the_number_of_materials(client):
    small = make_matter("JS-T-02", materials=2)
    large = make_matter("JS-T-12", materials=12, situations=3)
    _queries_to_render(client, small)  # warm caches (site root, content types)
    assert _queries_to_render(client, small) == _queries_to_render(client, large)
