"""Serving a guide: Wagtail's own routing and privacy rules, cached reads behind get_context.

The material list and the change history come from cached selectors
(guides/selectors.py) keyed on the live revision; these tests hold the page
to Wagtail's rules and the cache to what was last published.
"""

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.models import Page, PageViewRestriction

from guides import selectors
from guides.checklist import situation_lines
from guides.models import GuideIndexPage, HomePage, Material, MatterPage, Situation

from .factories import make_matter

pytestmark = pytest.mark.django_db

MATERIAL = "江苏省居民家庭经济状况核对授权书"  # on the JS-MZ-03 guide


def _guide():
    return MatterPage.objects.get(code="JS-MZ-03")


@pytest.fixture
def real_cache():
    from django.core.cache import cache

    cache.clear()
    yield cache
    cache.clear()


def test_the_material_list_is_read_once_per_publication(client, real_cache):
    guide = _guide()
    client.get(guide.url)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(guide.url)
    assert response.status_code == 200 and MATERIAL in response.content.decode()
    tables = " ".join(q["sql"] for q in ctx.captured_queries)
    assert "guides_situation" not in tables and "wagtailcore_pagelogentry" not in tables


def test_a_publish_or_an_approved_material_shows_at_once(client, real_cache):
    guide = _guide()
    client.get(guide.url)
    guide.fee = "不收费（缓存测试）"
    guide.save_revision().publish()
    assert "不收费（缓存测试）" in client.get(guide.url).content.decode()
    material = Material.objects.get(name=MATERIAL)
    material.name = "家庭经济状况核对授权书（新版）"
    material.save_revision().publish()
    assert "家庭经济状况核对授权书（新版）" in client.get(guide.url).content.decode()


@pytest.mark.parametrize(
    "restricted", [_guide, lambda: GuideIndexPage.objects.get(), lambda: HomePage.objects.get()]
)
@pytest.mark.parametrize("suffix", ["", "checklist/"])
def test_a_login_restriction_on_the_guide_or_an_ancestor_sends_to_login(client, restricted, suffix):
    PageViewRestriction.objects.create(
        page=restricted(), restriction_type=PageViewRestriction.LOGIN
    )
    response = client.get(_guide().url + suffix)
    assert response.status_code == 302
    assert "login" in response["Location"]
    assert "no-cache" in response["Cache-Control"]


def test_a_password_restriction_asks_for_the_password_and_shows_no_content(client):
    PageViewRestriction.objects.create(
        page=GuideIndexPage.objects.get(),
        restriction_type=PageViewRestriction.PASSWORD,
        password="secret",
    )
    response = client.get(_guide().url)
    html = response.content.decode()
    assert 'name="password"' in html
    assert MATERIAL not in html


def test_a_group_restriction_lets_members_in_only(client, django_user_model):
    group = Group.objects.create(name="县级编辑内部")
    restriction = PageViewRestriction.objects.create(
        page=_guide(), restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(group)
    user = django_user_model.objects.create_user(username="member", password="pw")
    client.force_login(user)
    assert client.get(_guide().url).status_code == 302
    user.groups.add(group)
    assert MATERIAL in client.get(_guide().url).content.decode()


def test_an_unpublished_guide_is_not_found(client):
    guide = _guide()
    url = guide.url
    guide.unpublish()
    assert client.get(url).status_code == 404
    assert client.get(url + "checklist/").status_code == 404


def test_an_expired_guide_is_not_found(client):
    guide = _guide()
    url = guide.url
    MatterPage.objects.filter(pk=guide.pk).update(expire_at=timezone.now())
    call_command("publish_scheduled")
    assert client.get(url).status_code == 404


def test_a_slug_that_is_no_guide_is_not_found_and_bundles_still_route(client):
    assert client.get("/guides/no-such-matter/").status_code == 404
    assert client.get("/guides/js-b-01/").status_code == 200


def test_the_cached_material_lists_match_the_orm(client, real_cache):
    form = get_document_model().objects.create(title="授权书空表", file="documents/form.pdf")
    Material.objects.filter(name=MATERIAL).update(blank_form=form, sample=form)
    empty = make_matter("JS-T-03", materials=1, situations=2)
    Situation.objects.filter(page=empty, sort_order=1).first().materials.all().delete()
    for matter in MatterPage.objects.live().prefetch_related(MatterPage.situations_prefetch()):
        expected = [
            (s.code, s.name, s.description, situation_lines(s, matter_code=matter.code))
            for s in matter.situations.all()
        ]
        found = [(s.code, s.name, s.description, s.lines) for s in selectors.guide_reads(matter)[0]]
        assert found == expected, matter.code
    html = client.get(_guide().url).content.decode()
    assert f'href="{form.url}"' in html


def test_material_names_are_escaped(client):
    Material.objects.filter(name=MATERIAL).update(name="<b>授权书</b> & 承诺")
    html = client.get(_guide().url).content.decode()
    assert "&lt;b&gt;授权书&lt;/b&gt; &amp; 承诺" in html
    assert "<b>授权书" not in html


def test_a_draft_preview_shows_the_draft_material_list(client):
    guide = _guide()
    draft = guide.get_latest_revision_as_object()
    situations = list(draft.situations.all())
    situations[0].name = "草稿里的新情形"
    draft.situations = situations
    assert "草稿里的新情形" in draft.make_preview_request().content.decode()
    assert "草稿里的新情形" not in client.get(guide.url).content.decode()


def _walked(home, request, components):
    """Wagtail's own tree walk, a level at a time, each page routing as its own type."""
    try:
        return Page.route(home, request, components)
    except Http404:
        return None


def _routed(home, request, components):
    try:
        return home.route(request, components)
    except Http404:
        return None


def test_the_route_agrees_with_wagtails_tree_walk(rf):
    home = HomePage.objects.get()
    urls = [page.url for page in Page.objects.descendant_of(home).specific()]
    urls += [f"{url}checklist/" for url in urls] + [f"{url}nothing/" for url in urls]
    urls += ["/nothing/", "/guides/nothing/", "/guides/js-mz-03/checklist/nothing/"]
    assert len(urls) > 100
    for url in urls:
        request = rf.get(url)
        components = url.strip("/").split("/")
        fast, walked = _routed(home, request, components), _walked(home, request, components)
        assert (fast is None) == (walked is None), url
        if fast is None:
            continue
        assert (type(fast.page), fast.page.pk) == (type(walked.page), walked.page.pk), url
        # A RoutablePageMixin page's route: its view (bound to each instance), its arguments.
        assert [getattr(a, "__name__", a) for a in fast.args] == [
            getattr(a, "__name__", a) for a in walked.args
        ], url
        assert list(fast.page.get_view_restrictions()) == list(
            Page.get_view_restrictions(walked.page)
        )


def test_the_route_follows_a_renamed_or_moved_guide(rf):
    home = HomePage.objects.get()
    guide = _guide()
    guide.slug = "js-mz-03-renamed"
    guide.save_revision().publish()
    assert _routed(home, rf.get("/"), ["guides", "js-mz-03"]) is None
    assert _routed(home, rf.get("/"), ["guides", "js-mz-03-renamed"]).page.pk == guide.pk
    other_index = home.add_child(instance=GuideIndexPage(title="其他指南", slug="other"))
    guide.move(other_index, pos="last-child")
    assert _routed(home, rf.get("/"), ["guides", "js-mz-03-renamed"]) is None
    assert _routed(home, rf.get("/"), ["other", "js-mz-03-renamed"]).page.pk == guide.pk


def test_an_uncached_guide_page_asks_the_database_once(client):
    # For the guide itself; the site, its root path, the material list, the
    # history and the view restrictions come from the cache (guides.views,
    # guides.selectors). A second query is a regression of the guide's render
    # time (benchmarks/guide_page.py).
    guide = _guide()
    assert client.get(guide.url).status_code == 200  # fill the selectors' cache
    for url, most in (
        (guide.url, 1),
        (f"{guide.url}?situation=JS-MZ-03-02", 1),
        # The print page also reads the material list (two queries) and its back
        # link's {% pageurl %} asks Wagtail for the site.
        (f"{guide.url}checklist/", 4),
    ):
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        assert len(ctx.captured_queries) <= most, [q["sql"][:80] for q in ctx.captured_queries]
