"""What a provincial reviewer sees and does: the compare view and approving from the editor."""

import pytest
from django.urls import reverse
from wagtail.models import WorkflowState

from guides.models import MatterPage
from tests.guides.editor_forms import edit_form

pytestmark = pytest.mark.django_db

CODE = "JS-MZ-03"  # several situations, each with its material list


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
