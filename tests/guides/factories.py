"""Guide pages and library materials for tests: factory_boy and wagtail-factories.

Pages are made as load_standard makes them: added as drafts under their
parent, then published through a revision, so a factory-made matter has a
live revision and passes MatterPage.publish's check of the 12 elements.
``publish=False`` leaves a draft. The standard's own pages exist in every
test database (tests/conftest.py); the default parents are the standard's
home and guide index.
"""

from __future__ import annotations

import factory
import wagtail_factories
from factory.django import DjangoModelFactory
from wagtail.models import Page

from guides.models import (
    BundleMatter,
    BundlePage,
    GuideIndexPage,
    HomePage,
    Material,
    MatterPage,
    Situation,
    SituationMaterial,
)


class MaterialFactory(DjangoModelFactory):
    """A library material, live (approved) unless ``live=False``; one row per name."""

    class Meta:
        model = Material
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"测试材料{n}")
    description = "说明"
    source = "来源"


class PublishedPageFactory(wagtail_factories.PageFactory):
    """Adds the page as a draft, then publishes a revision unless ``publish=False``."""

    class Meta:
        abstract = True
        skip_postgeneration_save = True  # publishing saves the page

    live = False

    @factory.post_generation
    def publish(page, create, extracted, **kwargs):
        if not create or extracted is False:
            return
        page.save_revision().publish()
        page.refresh_from_db()


class HomePageFactory(PublishedPageFactory):
    """A second home page under the tree's root; the standard's is ``HomePage.objects.first()``."""

    class Meta:
        model = HomePage

    parent = factory.LazyFunction(Page.get_first_root_node)
    title = factory.Sequence(lambda n: f"测试首页{n}")
    intro = "测试导语"


class GuideIndexPageFactory(PublishedPageFactory):
    """A guide index under the standard's home page (or ``parent=``)."""

    class Meta:
        model = GuideIndexPage

    parent = factory.LazyFunction(lambda: HomePage.objects.order_by("path").first())
    title = factory.Sequence(lambda n: f"测试目录{n}")
    slug = factory.Sequence(lambda n: f"test-guides-{n}")
    intro = "测试导语"


def standard_index() -> GuideIndexPage:
    """The guide index load_standard made (the first; a test may add others after it)."""
    return GuideIndexPage.objects.order_by("path").first()


def _situations(page) -> list[Situation]:
    library = [MaterialFactory(name=f"测试材料{n}") for n in range(page.material_count)]
    return [
        Situation(
            code=f"{page.code}-{s + 1:02d}",
            name=f"情形{s + 1}",
            sort_order=s,
            materials=[SituationMaterial(sort_order=i, material=m) for i, m in enumerate(library)],
        )
        for s in range(page.situation_count)
    ]


class MatterPageFactory(PublishedPageFactory):
    """A published guide with all 12 elements; ``material_count`` lines per situation.

    ``situations=[Situation(...), ...]`` replaces the generated ones.
    """

    class Meta:
        model = MatterPage

    class Params:
        situation_count = 1
        material_count = 2

    parent = factory.LazyFunction(standard_index)
    code = factory.Sequence(lambda n: f"JS-F-{n + 1:03d}")
    title = factory.LazyAttribute(lambda o: f"测试事项 {o.code}")
    slug = factory.LazyAttribute(lambda o: o.code.lower())
    department = "民政"
    audience = "person"
    common_names = "测试\n试一试"
    summary = "用于测试的事项。"
    legal_basis = factory.LazyFunction(
        lambda: [("provision", {"title": "《测试条例》", "provision": "第一条"})]
    )
    acceptance_criteria = factory.LazyFunction(lambda: [("criterion", "本省户籍居民。")])
    situation_question = factory.LazyAttribute(
        lambda o: "您属于哪种情况？" if o.situation_count > 1 else ""
    )
    process_steps = factory.LazyFunction(
        lambda: [("step", {"title": "申请", "description": "到综合窗口提交材料。"})]
    )
    legal_time_limit_days = 20
    promised_time_limit_days = 10
    fee = "不收费"
    result_name = "审批结果通知"
    result_description = "短信告知。"
    where_and_when = "便民服务中心综合窗口。"
    enquiry = "12345"
    complaint = "12345"
    faq = factory.LazyFunction(lambda: [("qa", {"question": "要多久？", "answer": "10个工作日。"})])
    online_channel = "江苏政务服务网"
    bookable = True
    handling_minutes = 15
    situations = factory.LazyAttribute(_situations)


class BundlePageFactory(PublishedPageFactory):
    """A published life-event bundle of ``matters`` (default: one new factory-made matter).

    ``matters`` are MatterPages or ``(MatterPage, situation_code)`` pairs.
    """

    class Meta:
        model = BundlePage

    class Params:
        matters = factory.LazyFunction(lambda: [MatterPageFactory()])

    parent = factory.LazyFunction(standard_index)
    code = factory.Sequence(lambda n: f"JS-FB-{n + 1:03d}")
    title = factory.LazyAttribute(lambda o: f"测试一件事 {o.code}")
    slug = factory.LazyAttribute(lambda o: o.code.lower())
    audience = "person"
    common_names = "测试一件事"
    summary = "用于测试的一件事。"
    bundle_matters = factory.LazyAttribute(
        lambda o: [
            BundleMatter(sort_order=i, matter=m[0], situation_code=m[1])
            if isinstance(m, tuple)
            else BundleMatter(sort_order=i, matter=m)
            for i, m in enumerate(o.matters)
        ]
    )


def make_matter(code: str, *, materials: int, situations: int = 1) -> MatterPage:
    """A published guide with all 12 elements and ``materials`` lines per situation."""
    return MatterPageFactory(code=code, material_count=materials, situation_count=situations)
