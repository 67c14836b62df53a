"""Writes to the unified standard: loading it, and the editorial workflow."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.models import (
    GroupApprovalTask,
    GroupPagePermission,
    Page,
    Site,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from core.errors import DomainError
from guides.constants import BroughtBy
from guides.material_review import put_materials_under_review
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

STANDARD_DIR = Path(__file__).resolve().parent / "standard"
EDITORS_GROUP = "县区编辑"
REVIEWERS_GROUP = "省级审核"
WORKFLOW_NAME = "办事指南省级审定"


class InvalidStandard(DomainError):
    """The standard's data cannot be loaded as written."""


@dataclass
class LoadReport:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    materials_written: int = 0


def _digest(data) -> str:
    return hashlib.sha256(json.dumps(data, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def _read_json(path: Path):
    return json.loads(path.read_text(encoding="utf-8"))


@transaction.atomic
def ensure_site_structure() -> GuideIndexPage:
    """The home page as the default site's root, and the guide index below it."""
    home = HomePage.objects.first()
    if home is None:
        root = Page.get_first_root_node()
        home = root.add_child(
            instance=HomePage(
                title="江苏省便民服务中心",
                slug="jiangsu",
                intro="全省统一的办事指南：看清要带什么材料，在家门口的便民服务中心综合窗口一次办好。",
            )
        )
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True)
        else:
            old_root = site.root_page
            site.root_page = home
            site.site_name = "江苏省便民服务中心"
            site.save()
            # Wagtail's own "Welcome" page is of no use once ours is the root.
            if type(old_root.specific) is Page and not old_root.get_children().exists():
                old_root.delete()
    index = GuideIndexPage.objects.child_of(home).first()
    if index is None:
        index = home.add_child(
            instance=GuideIndexPage(
                title="办事指南",
                slug="guides",
                intro="30个基层高频事项，全省统一标准：受理条件、材料清单、办理时限一目了然。",
            )
        )
    return index


def _brought_by(entry: dict) -> str:
    value = entry.get("brought_by", "")
    if value not in BroughtBy.values:
        choices = "、".join(f"{choice.value}（{choice.label}）" for choice in BroughtBy)
        raise InvalidStandard(
            _(
                "材料“%(name)s”的 brought_by（批量办理时由谁带）写的是“%(value)s”，只能是：%(choices)s。"
            )
            % {"name": entry["name"], "value": value, "choices": choices},
            field="brought_by",
        )
    return value


def _material_fields(entry: dict) -> tuple[str, str, str]:
    return entry["description"], entry["source"], _brought_by(entry)


def upsert_materials(entries: list[dict], *, user=None) -> int:
    """The standard's materials, each change as a published revision (the standard is approved text).

    Every entry says who brings the material in an enterprise's batch
    (``brought_by``: a ``BroughtBy`` value); all entries are checked before any is written.
    """
    fields = {entry["name"]: _material_fields(entry) for entry in entries}
    written = 0
    for entry in entries:
        material = Material.objects.filter(name=entry["name"]).first()
        wanted = fields[entry["name"]]
        stored = (material.description, material.source, material.brought_by) if material else None
        if stored == wanted:
            if material.live_revision_id is None:
                # Rows from before materials had revisions get their first one.
                material.save_revision(user=user).publish(user=user, skip_permission_checks=True)
            continue
        if material is None:
            material = Material(name=entry["name"], live=False)
        material.description, material.source, material.brought_by = wanted
        if material.pk is None:
            material.save()
        revision = material.save_revision(user=user, log_action=True)
        revision.publish(user=user, skip_permission_checks=True)
        written += 1
    return written


def _apply_matter(page: MatterPage, data: dict, materials: dict[str, Material]) -> None:
    page.title = data["name"]
    page.code = data["code"]
    page.department = data["department"]
    page.audience = data["audience"]
    page.common_names = "\n".join(data["aliases"])
    page.needs = "\n".join(data.get("needs", []))
    page.summary = data["summary"]
    page.legal_basis = [("provision", item) for item in data["legal_basis"]]
    page.acceptance_criteria = [("criterion", text) for text in data["acceptance_criteria"]]
    page.situation_question = data["situation_question"]
    page.process_steps = [("step", step) for step in data["process_steps"]]
    page.legal_time_limit_days = data["legal_time_limit_days"]
    page.promised_time_limit_days = data["promised_time_limit_days"]
    page.fee = data["fee"]
    page.result_name = data["result"]["name"]
    page.result_description = data["result"]["description"]
    page.where_and_when = data["where_and_when"]
    page.enquiry = data["enquiry"]
    page.complaint = data["complaint"]
    page.faq = [("qa", qa) for qa in data["faq"]]
    page.online_channel = data["online_channel"]
    page.bookable = data["bookable"]
    page.handling_minutes = data["handling_minutes"]
    page.situations = [
        Situation(
            sort_order=i,
            code=s["code"],
            name=s["name"],
            description=s.get("description", ""),
            materials=[
                SituationMaterial(
                    sort_order=j,
                    material=materials[m["material"]],
                    form=m["form"],
                    copies=m["copies"],
                    medium=m["medium"],
                    required=m["required"],
                    condition=m["condition"],
                    note=m["note"],
                )
                for j, m in enumerate(s["materials"])
            ],
        )
        for i, s in enumerate(data["situations"])
    ]


def _save_and_publish(index: GuideIndexPage, page: Page, *, user, report: LoadReport, key: str):
    if page.pk is None:
        page.live = False
        index.add_child(instance=page)
        report.created.append(key)
    else:
        report.updated.append(key)
    revision = page.save_revision(user=user, log_action=True)
    revision.publish(user=user, skip_permission_checks=True)


@transaction.atomic
def load_standard(*, directory: Path = STANDARD_DIR, user=None) -> LoadReport:
    """Create or update the matters, materials and bundles as published pages.

    Idempotent: a page whose standard text has not changed since it was last
    loaded is left alone; a changed one gets a new revision, never a copy.
    """
    report = LoadReport()
    index = ensure_site_structure()

    matter_files = sorted((directory / "matters").glob("*.json"))
    matters_data = [_read_json(path) for path in matter_files]
    library: dict[str, dict] = {m["name"]: m for m in _read_json(directory / "materials.json")}
    for data in matters_data:
        for entry in data.get("library", []):
            library.setdefault(entry["name"], entry)
    report.materials_written = upsert_materials(list(library.values()), user=user)
    materials = {m.name: m for m in Material.objects.filter(name__in=library)}

    existing = {p.code: p for p in MatterPage.objects.all()}
    for data in matters_data:
        digest = _digest(data)
        page = existing.get(data["code"])
        if page is not None and page.live and page.standard_digest == digest:
            report.unchanged.append(data["code"])
            continue
        page = page or MatterPage(slug=data["code"].lower())
        _apply_matter(page, data, materials)
        page.standard_digest = digest
        _save_and_publish(index, page, user=user, report=report, key=data["code"])

    matters_by_code = {p.code: p for p in MatterPage.objects.all()}
    existing_bundles = {b.code: b for b in BundlePage.objects.all()}
    for data in _read_json(directory / "bundles.json"):
        digest = _digest(data)
        bundle = existing_bundles.get(data["code"])
        if bundle is not None and bundle.live and bundle.standard_digest == digest:
            report.unchanged.append(data["code"])
            continue
        bundle = bundle or BundlePage(slug=data["code"].lower())
        bundle.title = data["name"]
        bundle.code = data["code"]
        bundle.audience = data["audience"]
        bundle.common_names = "\n".join(data["aliases"])
        bundle.needs = "\n".join(data.get("needs", []))
        bundle.summary = data["summary"]
        bundle.bundle_matters = [
            BundleMatter(
                sort_order=i, matter=matters_by_code[m["code"]], situation_code=m["situation"]
            )
            for i, m in enumerate(data["matters"])
        ]
        bundle.standard_digest = digest
        _save_and_publish(index, bundle, user=user, report=report, key=data["code"])

    ensure_editorial_workflow(index)
    return report


def _page_permission(codename: str) -> Permission:
    return Permission.objects.get(content_type__app_label="wagtailcore", codename=codename)


@transaction.atomic
def ensure_editorial_workflow(index: Page) -> Workflow:
    """County editors draft and submit, provincial reviewers approve and publish."""
    editors, _ = Group.objects.get_or_create(name=EDITORS_GROUP)
    reviewers, _ = Group.objects.get_or_create(name=REVIEWERS_GROUP)
    admin_access = Permission.objects.get(
        content_type__app_label="wagtailadmin", codename="access_admin"
    )
    grants = {
        editors: ["add_page", "change_page"],
        reviewers: ["add_page", "change_page", "publish_page"],
    }
    for group, codenames in grants.items():
        group.permissions.add(admin_access)
        for codename in codenames:
            GroupPagePermission.objects.get_or_create(
                group=group, page=index, permission=_page_permission(codename)
            )

    task, _ = GroupApprovalTask.objects.get_or_create(name="省级部门审定")
    task.groups.set([reviewers])
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME)
    WorkflowTask.objects.get_or_create(
        workflow=workflow, task=task.task_ptr, defaults={"sort_order": 0}
    )
    WorkflowPage.objects.update_or_create(page=index, defaults={"workflow": workflow})
    put_materials_under_review(editors=editors, reviewers=reviewers, workflow=workflow)
    return workflow
