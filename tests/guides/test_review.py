"""What a provincial reviewer sees and does: the compare view and approving from the editor."""

import pytest
from django.urls import reverse
from wagtail.models import WorkflowState
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from guides.models import MatterPage

pytestmark = pytest.mark.django_db

CODE = "JS-MZ-03"  # several situations, each with its material list


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


def _submitted(page, editor, **changes):
    """The editor's change of ``page``, submitted for review."""
    draft = MatterPage.objects.get(pk=page.pk)
    for name, value in changes.items():
        setattr(draft, name, value)
    revision = draft.save_revision(user=editor, log_action=True)
    return page.get_workflow().start(page, editor), revision


@pytest.mark.parametrize("reapproval", [False, True])
def test_approving_from_the_page_editor_publishes_the_reviewers_edit(
    users, client, settings, reapproval
):
    settings.WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT = reapproval
    page = MatterPage.objects.get(code=CODE)
    state, _revision = _submitted(page, users["editor"], fee="不收费（编辑稿）。")
    client.force_login(users["reviewer"])
    data = edit_form(page, fee="不收费（审定时改定）。")
    data.update({"action-workflow-action": "1", "workflow-action-name": "approve"})
    response = client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    page.refresh_from_db()
    state.refresh_from_db()
    if reapproval:
        # What used to happen: the reviewer's own edit went back into review.
        assert page.fee != "不收费（审定时改定）。"
        assert state.status == WorkflowState.STATUS_IN_PROGRESS
    else:
        assert page.fee == "不收费（审定时改定）。"
        assert state.status == WorkflowState.STATUS_APPROVED


def _compare(client, page, a, b) -> str:
    url = reverse("wagtailadmin_pages:revisions_compare", args=[page.pk, a.pk, b.pk])
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_the_compare_view_shows_the_changed_material_list(users, client):
    page = MatterPage.objects.get(code=CODE)
    before = page.live_revision
    draft = page.get_latest_revision_as_object()
    situations = list(draft.situations.all())
    items = list(situations[0].materials.all())
    item = items[0]
    item.copies = 2
    situations[0].materials = items
    draft.situations = situations
    after = draft.save_revision(user=users["editor"])
    client.force_login(users["reviewer"])
    html = _compare(client, page, before, after)
    name = item.material.name
    assert f'<span class="deletion">{name} 原件 1 份' in html
    assert f'<span class="addition">{name} 原件 2 份' in html


def test_aliases_typed_in_a_browser_are_not_marked_as_changed(users, client):
    page = MatterPage.objects.get(code=CODE)
    assert "\n" in page.common_names
    before = page.live_revision
    client.force_login(users["editor"])
    data = edit_form(
        page,
        common_names=page.common_names.replace("\n", "\r\n"),
        fee="不收费（仅改收费）。",
    )
    data["action-save-draft"] = "1"
    response = client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    after = MatterPage.objects.get(pk=page.pk).latest_revision
    assert "\r" not in after.content["common_names"]
    client.force_login(users["reviewer"])
    html = _compare(client, page, before, after)
    assert "收费标准:" in html
    assert "俗称:" not in html
