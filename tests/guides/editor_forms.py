"""The page editor's form for a matter as a browser posts it.

Wagtail draws StreamField and nested inline forms in the browser, so the
edit view's HTML alone does not hold the data to post back; tests build it
from the page.
"""

from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from guides.models import MatterPage


def _stream(field):
    return streamfield(
        [(b.block_type, dict(b.value) if hasattr(b.value, "keys") else b.value) for b in field]
    )


def edit_form(page: MatterPage, **changes) -> dict:
    """The page editor's form for ``page`` as a browser would post it, with ``changes``."""
    page = MatterPage.objects.get(pk=page.pk).get_latest_revision_as_object()
    situations = list(page.situations.all())
    fields = {
        "title": page.title,
        "slug": page.slug,
        "code": page.code,
        "department": page.department,
        "audience": page.audience,
        "common_names": page.common_names,
        "needs": page.needs,
        "summary": page.summary,
        "legal_basis": _stream(page.legal_basis),
        "acceptance_criteria": _stream(page.acceptance_criteria),
        "situation_question": page.situation_question,
        "situations": inline_formset(
            [
                {
                    "id": str(s.pk),
                    "code": s.code,
                    "name": s.name,
                    "description": s.description,
                    "materials": inline_formset(
                        [
                            {
                                "id": str(m.pk),
                                "material": str(m.material_id),
                                "form": m.form,
                                "copies": str(m.copies),
                                "medium": m.medium,
                                "required": "on" if m.required else "",
                                "condition": m.condition,
                                "note": m.note,
                            }
                            for m in s.materials.all()
                        ],
                        initial=len(s.materials.all()),
                    ),
                }
                for s in situations
            ],
            initial=len(situations),
        ),
        "process_steps": _stream(page.process_steps),
        "legal_time_limit_days": str(page.legal_time_limit_days),
        "promised_time_limit_days": str(page.promised_time_limit_days),
        "fee": page.fee,
        "result_name": page.result_name,
        "result_description": page.result_description,
        "where_and_when": page.where_and_when,
        "enquiry": page.enquiry,
        "complaint": page.complaint,
        "faq": _stream(page.faq),
        "online_channel": page.online_channel,
        "handling_minutes": str(page.handling_minutes or ""),
    }
    if page.bookable:
        fields["bookable"] = "on"
    fields.update(changes)
    return nested_form_data(fields)
