"""Public JSON endpoints of the unified standard."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema

from guides import selectors
from guides.checklist import ChecklistLine, build_checklist
from guides.models import MatterPage

router = Router(tags=["guides"])


class MatterSummary(Schema):
    code: str
    name: str
    aliases: list[str]
    department: str
    audience: str
    bookable: bool
    handling_minutes: int | None
    url: str


class MaterialLine(Schema):
    id: int
    name: str
    form: str
    copies: int
    medium: str
    required: bool
    condition: str
    source: str
    note: str
    brought_by: str = Field(
        ...,
        description="企业为多名员工批量预约时由谁带：each_person 每名员工各带一份，organisation 企业带一份",
    )


class SituationOut(Schema):
    code: str
    name: str
    description: str
    materials: list[MaterialLine]


class LegalBasisOut(Schema):
    title: str
    provision: str


class StepOut(Schema):
    title: str
    description: str


class FaqOut(Schema):
    question: str
    answer: str


class MatterDetail(MatterSummary):
    summary: str
    legal_basis: list[LegalBasisOut]
    acceptance_criteria: list[str]
    situation_question: str
    situations: list[SituationOut]
    process_steps: list[StepOut]
    legal_time_limit_days: int | None
    promised_time_limit_days: int | None
    fee: str
    result: dict[str, str]
    where_and_when: str
    enquiry: str
    complaint: str
    faq: list[FaqOut]
    online_channel: str


class BundleOut(Schema):
    code: str
    name: str
    audience: str
    matters: list[str]
    url: str


class ChecklistItem(MaterialLine):
    matters: list[str]
    situations: list[str]


class ChecklistOut(Schema):
    matters: list[str]
    situations: list[str]
    materials: list[ChecklistItem]


class ChecklistQuery(Schema):
    matters: str = Field(..., description="事项编码，逗号分隔，如 JS-MZ-03,JS-MZ-01")
    situations: str = Field("", description="情形编码，逗号分隔（可选）")


def _summary(page: MatterPage) -> dict:
    return {
        "code": page.code,
        "name": page.title,
        "aliases": page.alias_list,
        "department": page.department,
        "audience": page.audience,
        "bookable": page.bookable,
        "handling_minutes": page.handling_minutes,
        "url": page.url,
    }


def checklist_line_dict(line: ChecklistLine) -> dict:
    return {
        "id": line.material_id,
        "name": line.name,
        "form": line.form,
        "copies": line.copies,
        "medium": line.medium,
        "required": line.required,
        "condition": line.condition,
        "source": line.source,
        "note": line.note,
        "brought_by": line.brought_by,
        "matters": line.matters,
        "situations": line.situations,
    }


def _split_codes(raw: str) -> list[str]:
    return [code.strip().upper() for code in raw.split(",") if code.strip()]


@router.get("matters", response=list[MatterSummary], summary="事项列表")
def list_matters(request):
    return [_summary(page) for page in selectors.live_matters()]


@router.get("matters/{code}", response=MatterDetail, summary="事项办事指南（12要素）")
def matter_detail(request, code: str):
    found = selectors.matters_with_materials([code.upper()])
    if not found:
        raise Http404(_("没有编码为 %(code)s 的事项。") % {"code": code})
    page = found[0]
    return {
        **_summary(page),
        "summary": page.summary,
        "legal_basis": [dict(block.value) for block in page.legal_basis],
        "acceptance_criteria": [str(block.value) for block in page.acceptance_criteria],
        "situation_question": page.situation_question,
        "situations": [
            {
                "code": s.code,
                "name": s.name,
                "description": s.description,
                "materials": [
                    {
                        "id": m.material_id,
                        "name": m.material.name,
                        "form": m.form,
                        "copies": m.copies,
                        "medium": m.medium,
                        "required": m.required,
                        "condition": m.condition,
                        "source": m.material.source,
                        "note": m.note,
                        "brought_by": m.material.brought_by,
                    }
                    for m in s.materials.all()
                ],
            }
            for s in page.situations.all()
        ],
        "process_steps": [dict(block.value) for block in page.process_steps],
        "legal_time_limit_days": page.legal_time_limit_days,
        "promised_time_limit_days": page.promised_time_limit_days,
        "fee": page.fee,
        "result": {"name": page.result_name, "description": page.result_description},
        "where_and_when": page.where_and_when,
        "enquiry": page.enquiry,
        "complaint": page.complaint,
        "faq": [dict(block.value) for block in page.faq],
        "online_channel": page.online_channel,
    }


@router.get("bundles", response=list[BundleOut], summary="一件事列表")
def list_bundles(request):
    return [
        {
            "code": b.code,
            "name": b.title,
            "audience": b.audience,
            "matters": [row.matter.code for row in b.bundle_matters.all()],
            "url": b.url,
        }
        for b in selectors.live_bundles()
    ]


@router.get("checklist", response=ChecklistOut, summary="合并去重的材料清单")
def checklist(request, query: Query[ChecklistQuery]):
    codes = _split_codes(query.matters)
    situations = _split_codes(query.situations)
    if not codes:
        raise _invalid("matters", _("请至少选择一个事项。"))
    matters = selectors.matters_with_materials(codes)
    unknown = [c for c in codes if c not in {m.code for m in matters}]
    if unknown:
        raise Http404(_("没有编码为 %(code)s 的事项。") % {"code": "、".join(unknown)})
    known_situations = {s.code for m in matters for s in m.situations.all()}
    bad = [s for s in situations if s not in known_situations]
    if bad:
        raise _invalid(
            "situations", _("情形编码 %(codes)s 不属于所选事项。") % {"codes": "、".join(bad)}
        )
    lines = build_checklist(matters, situation_codes=situations)
    return {
        "matters": codes,
        "situations": situations,
        "materials": [checklist_line_dict(x) for x in lines],
    }


def _invalid(field: str, message: str) -> ValidationError:
    return ValidationError({field: [message]})
