"""The four page types: where editors may create them, and that each renders, edits and previews.

The standard's pages (load_standard, once per test database) are tested as
residents and editors meet them; factory-made pages show that a page built
from the fields alone, not from the standard's files, works too.
"""

from django.core.cache import cache
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from guides.models import BundlePage, GuideIndexPage, HomePage, MatterPage
from tests.guides.editor_forms import edit_form
from tests.guides.factories import (
    BundlePageFactory,
    GuideIndexPageFactory,
    MatterPageFactory,
    standard_index,
)


class PageTypeTestCase(WagtailPageTestCase):
    def setUp(self):
        cache.clear()  # rendered pages may be cached

    def assertEditFormSaves(self, page, post_data=None):
        """The edit form, posted back unchanged, publishes a revision.

        assertPageIsEditable alone passes on an invalid form too (it only
        fails on an exception); a new revision shows the form was valid.
        """
        before = page.revisions.count()
        self.assertPageIsEditable(page, post_data=post_data)
        self.assertEqual(page.revisions.count(), before + 1, "the edit form did not save")


class HomePageTests(PageTypeTestCase):
    def setUp(self):
        super().setUp()
        self.home = HomePage.objects.get()

    def test_it_sits_at_the_root_and_holds_only_the_guide_index(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})
        self.assertAllowedSubpageTypes(HomePage, {GuideIndexPage})
        self.assertCanCreateAt(Page, HomePage)
        self.assertCanNotCreateAt(GuideIndexPage, HomePage)
        self.assertCanNotCreateAt(HomePage, MatterPage)

    def test_only_one_home_page_may_be_created(self):
        self.assertFalse(HomePage.can_create_at(Page.get_first_root_node()))

    def test_the_standards_home_page_renders_edits_and_previews(self):
        self.assertPageIsRoutable(self.home)
        self.assertPageIsRenderable(self.home)
        self.assertEditFormSaves(self.home)
        self.assertPageIsPreviewable(self.home)


class GuideIndexPageTests(PageTypeTestCase):
    def setUp(self):
        super().setUp()
        self.index = standard_index()

    def test_it_sits_under_the_home_page_and_holds_matters_and_bundles(self):
        self.assertAllowedParentPageTypes(GuideIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(GuideIndexPage, {MatterPage, BundlePage})
        self.assertCanCreateAt(HomePage, GuideIndexPage)
        self.assertCanNotCreateAt(Page, GuideIndexPage)
        self.assertCanNotCreateAt(GuideIndexPage, GuideIndexPage)

    def test_the_standards_index_renders_filtered_edits_and_previews(self):
        self.assertPageIsRoutable(self.index)
        self.assertPageIsRenderable(self.index)
        self.assertPageIsRenderable(self.index, query_data={"department": "民政"})
        self.assertPageIsRenderable(self.index, query_data={"audience": "enterprise"})
        self.assertEditFormSaves(self.index)
        self.assertPageIsPreviewable(self.index)

    def test_a_second_index_routes_to_its_own_guides(self):
        index = GuideIndexPageFactory()
        matter = MatterPageFactory(parent=index)
        self.assertPageIsRoutable(index)
        self.assertPageIsRenderable(index)
        self.assertPageIsRoutable(matter)
        self.assertPageIsRenderable(matter)


def publish_form(page: MatterPage) -> dict:
    # Wagtail draws a guide's StreamFields in the browser: its edit view's
    # HTML does not hold them, so the form data is built from the page.
    return {**edit_form(page), "action-publish": ""}


class MatterPageTests(PageTypeTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.made = MatterPageFactory(situation_count=2, material_count=3)

    def setUp(self):
        super().setUp()
        self.standard = MatterPage.objects.get(code="JS-MZ-01")

    def test_it_sits_only_in_a_guide_index_and_has_no_children(self):
        self.assertAllowedParentPageTypes(MatterPage, {GuideIndexPage})
        self.assertAllowedSubpageTypes(MatterPage, set())
        self.assertCanCreateAt(GuideIndexPage, MatterPage)
        self.assertCanNotCreateAt(HomePage, MatterPage)
        self.assertCanNotCreateAt(MatterPage, MatterPage)

    def test_a_standard_guide_and_its_checklist_render(self):
        self.assertPageIsRoutable(self.standard)
        self.assertPageIsRoutable(self.standard, route_path="checklist/")
        self.assertPageIsRenderable(self.standard)
        self.assertPageIsRenderable(self.standard, route_path="checklist/")
        situation = self.standard.situations.first()
        self.assertPageIsRenderable(self.standard, query_data={"situation": situation.code})
        self.assertPageIsRenderable(
            self.standard, route_path="checklist/", query_data={"situation": situation.code}
        )

    def test_a_standard_guide_edits_and_previews(self):
        self.assertEditFormSaves(self.standard, publish_form(self.standard))
        self.assertPageIsPreviewable(self.standard, post_data=edit_form(self.standard))

    def test_a_factory_made_guide_is_live_complete_and_works_like_a_standard_one(self):
        self.assertTrue(self.made.live)
        self.assertEqual(self.made.missing_elements(), [])
        self.assertEqual(self.made.situations.count(), 2)
        self.assertPageIsRoutable(self.made)
        self.assertPageIsRenderable(self.made)
        self.assertPageIsRenderable(self.made, route_path="checklist/")
        self.assertEditFormSaves(self.made, publish_form(self.made))
        self.assertPageIsPreviewable(self.made, post_data=edit_form(self.made))

    def test_a_draft_is_not_routable_but_previews(self):
        draft = MatterPageFactory(publish=False)
        self.assertFalse(draft.live)
        self.assertPageIsRenderable(draft, accept_404=True)
        self.assertEqual(self.client.get(draft.url).status_code, 404)
        self.assertPageIsPreviewable(draft, post_data=edit_form(draft))


class BundlePageTests(PageTypeTestCase):
    @classmethod
    def setUpTestData(cls):
        matters = [MatterPageFactory(situation_count=2), MatterPageFactory()]
        cls.made = BundlePageFactory(matters=[(matters[0], matters[0].code + "-02"), matters[1]])

    def setUp(self):
        super().setUp()
        self.standard = BundlePage.objects.get(code="JS-B-01")

    def test_it_sits_only_in_a_guide_index_and_has_no_children(self):
        self.assertAllowedParentPageTypes(BundlePage, {GuideIndexPage})
        self.assertAllowedSubpageTypes(BundlePage, set())
        self.assertCanCreateAt(GuideIndexPage, BundlePage)
        self.assertCanNotCreateAt(HomePage, BundlePage)
        self.assertCanNotCreateAt(MatterPage, BundlePage)

    def test_a_standard_bundle_and_its_checklist_render_edit_and_preview(self):
        self.assertPageIsRoutable(self.standard)
        self.assertPageIsRenderable(self.standard)
        self.assertPageIsRenderable(self.standard, route_path="checklist/")
        self.assertEditFormSaves(self.standard)
        self.assertPageIsPreviewable(self.standard)

    def test_a_factory_made_bundle_lists_its_matters_with_the_chosen_situation(self):
        matters, situations = self.made.checklist_inputs()
        self.assertEqual(len(matters), 2)
        self.assertEqual(situations, [matters[0].code + "-02"])
        self.assertPageIsRoutable(self.made)
        self.assertPageIsRenderable(self.made)
        self.assertPageIsRenderable(self.made, route_path="checklist/")
        self.assertEditFormSaves(self.made)
        self.assertPageIsPreviewable(self.made)
