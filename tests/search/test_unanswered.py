"""Queries that find nothing are counted for editors, who turn them into aliases."""

import datetime

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from guides.models import MatterPage
from search import services
from search.models import UnansweredQuery

pytestmark = pytest.mark.django_db


def test_a_query_that_finds_nothing_is_counted_without_who_asked(client):
    for n in range(3):
        client.get("/search/", {"q": "重阳红包"}, REMOTE_ADDR=f"192.0.2.{n}")
    client.get("/api/v1/search", {"q": "  重阳红包！"}, REMOTE_ADDR="192.0.2.9")
    row = UnansweredQuery.objects.get()
    assert row.text == "重阳红包" and row.count == 4
    assert row.first_seen == row.last_seen == datetime.date.today()
    fields = {field.name for field in UnansweredQuery._meta.get_fields()}
    assert fields == {"id", "text", "count", "first_seen", "last_seen"}


@pytest.mark.parametrize("query", ["", "？？", "保", "x", "低保", "dibao"])
def test_queries_that_find_something_or_are_too_short_are_not_kept(client, query):
    client.get("/search/", {"q": query})
    assert not UnansweredQuery.objects.exists()


def test_long_queries_are_kept_cut_to_length(client):
    client.get("/search/", {"q": "乱" * 500})
    assert len(UnansweredQuery.objects.get().text) == 100


def test_the_report_is_for_editors(client, users, django_user_model):
    services.record_unanswered("孩子户口怎么上")
    url = reverse("search_unanswered")
    assert client.get(url).status_code == 302  # to the admin login

    client.force_login(users["editor"])
    html = client.get(url).content.decode()
    assert "孩子户口怎么上" in html and "无结果的搜索" in html
    assert "JS-MZ-01 最低生活保障申请" in html  # the guides to add it to
    export = client.get(url, {"export": "csv"})
    csv = b"".join(export.streaming_content).decode("utf-8-sig")
    assert "孩子户口怎么上" in csv

    # Admin access without any page permission: no report.
    clerk = django_user_model.objects.create_user("clerk", "clerk@test.local", "pw")
    clerk.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(clerk)
    assert client.get(url).status_code in (302, 403)


def test_an_alias_added_from_the_report_is_found_once_published(client, users):
    services.record_unanswered("重阳红包")
    row = UnansweredQuery.objects.get()
    page = MatterPage.objects.get(code="JS-MZ-04")
    assert "JS-MZ-04" not in [hit.code for hit in services.search("重阳红包")]

    client.force_login(users["editor"])
    response = client.post(reverse("search_unanswered_alias", args=[row.pk]), {"page": page.pk})
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[page.pk])

    # A draft only: the live guide and the search are unchanged until published.
    page.refresh_from_db()
    assert "重阳红包" not in page.alias_list
    draft = page.get_latest_revision()
    assert "重阳红包" in draft.as_object().alias_list
    assert "JS-MZ-04" not in [hit.code for hit in services.search("重阳红包")]

    draft.publish(user=users["reviewer"])
    hits = services.search("重阳红包")
    assert hits[0].code == "JS-MZ-04" and hits[0].matched == "重阳红包"
    assert not UnansweredQuery.objects.exists()  # answered now, off the report


def test_adding_an_alias_needs_a_guide_the_editor_may_edit(client, users, django_user_model):
    services.record_unanswered("重阳红包")
    row = UnansweredQuery.objects.get()
    client.force_login(users["editor"])
    response = client.post(reverse("search_unanswered_alias", args=[row.pk]), {"page": ""})
    assert response.status_code == 404
    response = client.post(
        reverse("search_unanswered_alias", args=[row.pk]),
        {"page": MatterPage.objects.get(code="JS-MZ-04").pk},
    )
    assert response.status_code == 302
    again = client.post(
        reverse("search_unanswered_alias", args=[row.pk]),
        {"page": MatterPage.objects.get(code="JS-MZ-04").pk},
        follow=True,
    )
    assert "已经是《尊老金申领》的俗称" in again.content.decode()


def test_dismissing_takes_a_query_off_the_report(client, users):
    services.record_unanswered("随便看看")
    row = UnansweredQuery.objects.get()
    client.force_login(users["editor"])
    assert client.get(reverse("search_unanswered_dismiss", args=[row.pk])).status_code == 405
    client.post(reverse("search_unanswered_dismiss", args=[row.pk]))
    assert not UnansweredQuery.objects.exists()
