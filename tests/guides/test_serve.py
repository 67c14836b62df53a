"""guides.views.serve is Wagtail's page view with the site look-up cached.

Every page, its subpages and paths that are not found answer as Wagtail's own
view answers them, for anonymous readers and behind view restrictions; a
change to the sites is seen at once.
"""

import re

import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.sessions.backends.db import SessionStore
from django.http import Http404
from wagtail import views as wagtail_views
from wagtail.models import Page, PageViewRestriction, Site

from guides import views
from guides.models import GuideIndexPage, HomePage

pytestmark = pytest.mark.django_db


def _answer(view, rf, url):
    request = rf.get(url)
    request.user = AnonymousUser()
    request.session = SessionStore()
    try:
        response = view(request, url.lstrip("/"))
    except Http404:
        return 404, b"", None
    if hasattr(response, "render"):
        response.render()
    # A password form's CSRF token is masked afresh for every response.
    content = re.sub(rb'name="csrfmiddlewaretoken" value="[^"]*"', b"", response.content)
    return response.status_code, content, response.get("Location")


def _urls():
    home = HomePage.objects.get()
    urls = [page.url for page in Page.objects.descendant_of(home, inclusive=True).specific()]
    return [
        *urls,
        *(f"{url}checklist/" for url in urls),
        *(f"{url}nothing/" for url in urls),
        "/guides/js-mz-03/?situation=JS-MZ-03-02",
    ]


def test_every_page_answers_as_wagtails_own_view(rf):
    urls = _urls()
    assert len(urls) > 100
    for url in urls:
        assert _answer(views.serve, rf, url) == _answer(wagtail_views.serve, rf, url), url


@pytest.mark.parametrize("kind", [PageViewRestriction.LOGIN, PageViewRestriction.PASSWORD])
def test_a_restricted_index_answers_as_wagtails_own_view(rf, kind):
    PageViewRestriction.objects.create(
        page=GuideIndexPage.objects.get(), restriction_type=kind, password="secret"
    )
    for url in ("/", "/guides/", "/guides/js-mz-03/", "/guides/js-mz-03/checklist/"):
        ours, wagtails = _answer(views.serve, rf, url), _answer(wagtail_views.serve, rf, url)
        assert ours == wagtails, url
        if url != "/":
            assert ours[0] in (200, 302) and "核对授权书".encode() not in ours[1]


def test_a_renamed_home_page_is_seen_at_once(rf):
    assert _answer(views.serve, rf, "/guides/js-mz-03/")[0] == 200  # the site in the cache
    home = HomePage.objects.get()
    home.slug = "home-renamed"
    home.save_revision().publish()
    for url in ("/", "/guides/", "/guides/js-mz-03/", "/guides/js-mz-03/checklist/", "/nothing/"):
        assert _answer(views.serve, rf, url) == _answer(wagtail_views.serve, rf, url), url
    assert _answer(views.serve, rf, "/guides/js-mz-03/")[0] == 200


def test_a_changed_site_is_seen_at_once(client):
    assert client.get("/guides/js-mz-03/").status_code == 200
    site = Site.objects.get()
    site.root_page = GuideIndexPage.objects.get()
    site.save()
    assert client.get("/guides/js-mz-03/").status_code == 404
    assert client.get("/js-mz-03/").status_code == 200
    site.delete()
    assert client.get("/js-mz-03/").status_code == 404
