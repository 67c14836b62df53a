"""County editors draft and submit; provincial reviewers approve and publish."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from wagtail.actions.publish_page_revision import PublishPagePermissionError
from wagtail.models import WorkflowState
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from guides.models import GuideIndexPage, MatterPage

pytestmark = pytest.mark.django_db


def _draft_change(page: MatterPage, user, fee: str):
    page = MatterPage.objects.get(pk=page.pk)
    page.fee = fee
    return page.save_revision(user=user, log_action=True)


def test_editor_cannot_publish_directly(users, client):
    page = MatterPage.objects.get(code="JS-MZ-04")
    editor = users["editor"]
    assert page.permissions_for_user(editor).can_edit()
    assert not page.permissions_for_user(editor).can_publish()

    revision = _draft_change(page, editor, "编辑改动：不收费。")
    with pytest.raises(PublishPagePermissionError):
        revision.publish(user=editor)

    client.force_login(editor)
    html = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    assert 'name="action-submit"' in html
    assert 'name="action-publish"' not in html
    page.refresh_from_db()
    assert page.fee != "编辑改动：不收费。"


def test_reviewer_approval_publishes_the_submitted_revision(users, client):
    page = MatterPage.objects.get(code="JS-MZ-04")
    editor, reviewer = users["editor"], users["reviewer"]
    revision = _draft_change(page, editor, "不收费（2026年修订）。")
    workflow = page.get_workflow()
    assert workflow is not None and workflow.name == "办事指南省级审定"
    state = workflow.start(page, editor)
    task_state = state.current_task_state

    # The editor cannot approve their own submission.
    client.force_login(editor)
    client.post(
        reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk]),
        {"comment": ""},
    )
    page.refresh_from_db()
    assert page.fee != "不收费（2026年修订）。"

    client.force_login(reviewer)
    response = client.post(
        reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk]),
        {"comment": "同意发布"},
    )
    assert response.status_code in (200, 302)
    page.refresh_from_db()
    assert page.live_revision_id == revision.pk
    assert page.fee == "不收费（2026年修订）。"
    assert WorkflowState.objects.get(pk=state.pk).status == WorkflowState.STATUS_APPROVED
    # The audit log says who changed what.
    from wagtail.models import PageLogEntry

    actions = {(e.action, e.user_id) for e in PageLogEntry.objects.filter(page=page)}
    assert ("wagtail.edit", editor.pk) in actions
    assert ("wagtail.publish", reviewer.pk) in actions


def test_incomplete_guide_cannot_be_published_by_any_path(users):
    page = MatterPage.objects.get(code="JS-MZ-04")
    page.faq = []
    page.complaint = ""
    revision = page.save_revision(user=users["reviewer"])
    with pytest.raises(ValidationError) as excinfo:
        revision.publish(user=users["reviewer"])
    assert "常见问题" in str(excinfo.value) and "咨询和投诉" in str(excinfo.value)
    page.refresh_from_db()
    assert page.live_revision_id != revision.pk


def _new_guide_form(action: str) -> dict:
    data = nested_form_data(
        {
            "title": "测试事项",
            "slug": "js-test-01",
            "code": "JS-TEST-01",
            "department": "民政",
            "audience": "person",
            "common_names": "测试",
            "summary": "用于测试的事项。",
            "legal_basis": streamfield([]),
            "acceptance_criteria": streamfield([]),
            "situation_question": "",
            "situations": inline_formset([]),
            "process_steps": streamfield([]),
            "fee": "不收费",
            "result_name": "",
            "result_description": "",
            "where_and_when": "",
            "enquiry": "",
            "complaint": "",
            "faq": streamfield([]),
            "online_channel": "",
            "bookable": "on",
        }
    )
    data[action] = "1"
    return data


@pytest.mark.parametrize("action", ["action-publish", "action-submit"])
def test_admin_refuses_to_publish_or_submit_an_incomplete_guide_naming_what_is_missing(
    users, client, action
):
    index = GuideIndexPage.objects.get()
    client.force_login(users["reviewer"])
    url = reverse("wagtailadmin_pages:add", args=["guides", "matterpage", index.pk])
    response = client.post(url, _new_guide_form(action))
    html = response.content.decode()
    assert response.status_code == 200
    assert "设定依据" in html and "材料清单" in html and "常见问题" in html
    assert "不能发布或提交审核" in html
    assert not MatterPage.objects.filter(code="JS-TEST-01").exists()


def test_admin_saves_an_incomplete_draft(users, client):
    index = GuideIndexPage.objects.get()
    client.force_login(users["editor"])
    url = reverse("wagtailadmin_pages:add", args=["guides", "matterpage", index.pk])
    response = client.post(url, _new_guide_form("action-save-draft"))
    assert response.status_code == 302
    page = MatterPage.objects.get(code="JS-TEST-01")
    assert not page.live
