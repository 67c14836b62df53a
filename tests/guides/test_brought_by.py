"""Who brings a material in an enterprise's batch: the standard's data, its loading, the migration."""

import json
import shutil
from importlib import import_module

import pytest
from django.core.management import CommandError, call_command

from guides import services
from guides.constants import BroughtBy
from guides.models import Material

pytestmark = pytest.mark.django_db

# The name rule that brought_by replaced (issue 19).
OLD_HINTS = ("劳动合同", "身份证复印件", "居民身份证件")


def _standard_entries(directory=services.STANDARD_DIR) -> dict[str, dict]:
    entries = {e["name"]: e for e in json.loads((directory / "materials.json").read_text())}
    for path in sorted((directory / "matters").glob("*.json")):
        for entry in json.loads(path.read_text()).get("library", []):
            entries.setdefault(entry["name"], entry)
    return entries


def _old_rule(name: str) -> str:
    each = any(hint in name for hint in OLD_HINTS)
    return BroughtBy.EACH_PERSON if each else BroughtBy.ORGANISATION


def test_the_standard_says_who_brings_every_material_as_the_old_name_rule_did():
    entries = _standard_entries()
    assert {name: e["brought_by"] for name, e in entries.items()} == {
        name: _old_rule(name) for name in entries
    }
    assert {n for n, e in entries.items() if e["brought_by"] == BroughtBy.EACH_PERSON} == {
        "劳动合同",
        "职工居民身份证复印件",
        "新招用职工居民身份证复印件",
        "港澳台居民身份证件",
    }


def test_load_standard_sets_the_field_and_the_live_revision_holds_it():
    entries = _standard_entries()
    materials = Material.objects.filter(name__in=entries).select_related("live_revision")
    assert len(materials) == len(entries)
    for material in materials:
        assert material.brought_by == entries[material.name]["brought_by"], material.name
        assert material.live_revision.content["brought_by"] == material.brought_by


def test_a_changed_value_in_the_standard_is_written_as_a_new_revision(tmp_path):
    shutil.copytree(services.STANDARD_DIR, tmp_path / "standard")
    path = tmp_path / "standard" / "materials.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    for entry in data:
        if entry["name"] == "营业执照":
            entry["brought_by"] = BroughtBy.EACH_PERSON
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    licence = Material.objects.get(name="营业执照")
    revisions_before = licence.revisions.count()

    report = services.load_standard(directory=tmp_path / "standard")

    assert report.materials_written == 1
    licence.refresh_from_db()
    assert licence.brought_by == BroughtBy.EACH_PERSON
    assert licence.revisions.count() == revisions_before + 1
    assert licence.live and not licence.has_unpublished_changes


@pytest.mark.parametrize("value", ["everyone", "", None])
def test_a_bad_value_is_refused_in_chinese_and_nothing_is_written(value):
    contract = Material.objects.get(name="劳动合同")
    licence = Material.objects.get(name="营业执照")
    good = {
        "name": contract.name,
        "description": contract.description,
        "source": contract.source,
        "brought_by": BroughtBy.ORGANISATION,
    }
    bad = {"name": licence.name, "description": licence.description, "source": licence.source}
    if value is not None:
        bad["brought_by"] = value

    with pytest.raises(services.InvalidStandard) as caught:
        services.upsert_materials([good, bad])

    message = caught.value.message
    assert "营业执照" in message and "each_person（每名员工各带一份）" in message
    assert "organisation（企业带一份）" in message
    contract.refresh_from_db()
    assert contract.brought_by == BroughtBy.EACH_PERSON  # checked before anything is written


def test_the_command_reports_a_bad_value(tmp_path, monkeypatch):
    shutil.copytree(services.STANDARD_DIR, tmp_path / "standard")
    path = tmp_path / "standard" / "materials.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data[0]["brought_by"] = "nobody"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    load = services.load_standard
    monkeypatch.setattr(services, "load_standard", lambda: load(directory=path.parent))

    with pytest.raises(CommandError, match="nobody"):
        call_command("load_standard", verbosity=0)


def test_the_migration_sets_rows_and_revisions_from_the_old_name_rule():
    from django.apps import apps

    migration = import_module("guides.migrations.0004_material_brought_by")
    contract = Material.objects.get(name="劳动合同")
    contract.description = "一份草稿。"
    contract.save_revision()  # a draft on top of the live revision
    names = ["劳动合同", "营业执照", "港澳台居民身份证件", "居民身份证"]
    # As before the field: every row on the default, revisions without the key.
    Material.objects.filter(name__in=names).update(brought_by=BroughtBy.EACH_PERSON)
    revisions = [r for m in Material.objects.filter(name__in=names) for r in m.revisions.all()]
    for revision in revisions:
        del revision.content["brought_by"]
        revision.save(update_fields=["content"])

    migration.brought_by_from_names(apps, None)

    for material in Material.objects.filter(name__in=names):
        assert material.brought_by == _old_rule(material.name), material.name
        # What the editor's form and a republished old revision would start from.
        assert material.latest_revision.as_object().brought_by == material.brought_by
        for revision in material.revisions.all():
            assert revision.content["brought_by"] == material.brought_by


def test_the_api_says_who_brings_each_material(client):
    detail = client.get("/api/v1/matters/JS-RS-03").json()
    given = {m["name"]: m["brought_by"] for s in detail["situations"] for m in s["materials"]}
    assert given["劳动合同"] == "each_person" and given["营业执照"] == "organisation"
    checklist = client.get("/api/v1/checklist", {"matters": "JS-RS-03,JS-GJ-02"}).json()
    given = {m["name"]: m["brought_by"] for m in checklist["materials"]}
    assert given["港澳台居民身份证件"] == "each_person" and given["居民身份证"] == "organisation"
