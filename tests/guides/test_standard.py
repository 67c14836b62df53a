"""The unified standard as loaded by load_standard."""

import csv
from pathlib import Path

import pytest
from wagtail.models import Revision

from guides import services
from guides.checklist import build_checklist
from guides.models import BundlePage, Material, MatterPage
from guides.selectors import matters_with_materials

# The standard's own catalogue and bundle list, kept in the repository.
STANDARD = Path(__file__).resolve().parents[2] / "guides" / "standard"


def catalogue():
    with open(STANDARD / "catalogue.tsv", encoding="utf-8") as f:
        return list(csv.DictReader(f, delimiter="\t"))


def bundles():
    with open(STANDARD / "bundles.tsv", encoding="utf-8") as f:
        return list(csv.DictReader(f, delimiter="\t"))


pytestmark = pytest.mark.django_db


def test_every_catalogue_matter_is_published_with_all_twelve_elements():
    rows = catalogue()
    assert len(rows) == 30
    for row in rows:
        page = MatterPage.objects.live().get(code=row["code"])
        assert page.title == row["name"]
        assert page.department == row["department"]
        assert page.audience == row["audience"]
        assert page.missing_elements() == [], row["code"]
        assert len(page.alias_list) >= 4, row["code"]
        expected = [s for s in row["situations"].split(";") if s] or ["一般情形"]
        assert [s.name for s in page.situations.all()] == expected


def test_bundles_match_the_catalogue():
    for row in bundles():
        page = BundlePage.objects.live().get(code=row["code"])
        assert page.title == row["name"]
        assert page.audience == row["audience"]
        assert [bm.matter.code for bm in page.bundle_matters.all()] == row["matters"].split(";")


def test_temporary_assistance_expenditure_situation_lists_exactly_eight_materials():
    page = MatterPage.objects.get(code="JS-MZ-03")
    situation = page.situations.get(name="支出型")
    names = [item.material.name for item in situation.materials.all()]
    assert names == [
        "申请书",
        "居民身份证",
        "居民户口簿",
        "诚信承诺书",
        "江苏省居民家庭经济状况核对授权书",
        "收入证明",
        "支出证明",
        "银行卡",
    ]


def test_bundle_checklist_lists_each_material_once_with_every_matter_needing_it():
    bundle = BundlePage.objects.get(code="JS-B-02")
    matters, situations = bundle.checklist_inputs()
    lines = build_checklist(matters, situation_codes=situations)
    names = [line.name for line in lines]
    assert len(names) == len(set(names))
    id_card = next(line for line in lines if line.name == "居民身份证")
    # Every matter whose chosen situation needs the ID card is listed on its one line.
    needing = {
        m.code
        for m in matters
        for s in m.situations.all()
        if (s.code in situations or m.situations.count() == 1)
        and any(item.material.name == "居民身份证" for item in s.materials.all())
    }
    assert len(needing) >= 2
    assert set(id_card.matters) == needing


def test_checklist_of_several_matters_merges_shared_materials():
    matters = matters_with_materials(["JS-MZ-01", "JS-MZ-03"])
    lines = build_checklist(matters, situation_codes=["JS-MZ-03-02"])
    by_name = {line.name: line for line in lines}
    assert len(lines) == len(by_name)
    assert set(by_name["居民身份证"].matters) == {"JS-MZ-01", "JS-MZ-03"}


def _counts():
    return (
        MatterPage.objects.count(),
        BundlePage.objects.count(),
        Material.objects.count(),
        Revision.objects.count(),
    )


def test_load_standard_twice_changes_nothing():
    before = _counts()
    report = services.load_standard()
    assert report.created == [] and report.updated == []
    assert len(report.unchanged) == 33
    assert _counts() == before


def test_load_standard_after_a_content_change_makes_a_new_revision_not_a_copy(tmp_path):
    import json
    import shutil

    shutil.copytree(services.STANDARD_DIR, tmp_path / "standard")
    path = tmp_path / "standard" / "matters" / "JS-MZ-04.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["fee"] = "不收取任何费用。"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    page = MatterPage.objects.get(code="JS-MZ-04")
    revisions_before = page.revisions.count()
    pages_before = MatterPage.objects.count()

    report = services.load_standard(directory=tmp_path / "standard")

    assert report.updated == ["JS-MZ-04"]
    assert MatterPage.objects.count() == pages_before
    page.refresh_from_db()
    assert page.revisions.count() == revisions_before + 1
    assert page.fee == "不收取任何费用。"
    assert page.live and not page.has_unpublished_changes
