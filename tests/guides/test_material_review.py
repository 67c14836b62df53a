"""The material library goes through the provincial review like the guides that list it."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.models import Collection, WorkflowState

from guides.material_review import PENDING_DOCUMENTS_COLLECTION
from guides.models import Material, MatterPage
from tests.appointments.factories import AppointmentFactory

pytestmark = pytest.mark.django_db

NEW_SOURCE = "编辑改动：到任意派出所办理，不需要本人到场。"


def _edit_form(material: Material, **changes) -> dict:
    data = {
        "name": material.name,
        "description": material.description,
        "source": material.source,
        "brought_by": material.brought_by,
        "blank_form": material.blank_form_id or "",
        "sample": material.sample_id or "",
    }
    data.update(changes)
    return data


def _guide_html(client, code="JS-MZ-04") -> str:
    page = MatterPage.objects.get(code=code)
    return client.get(page.url).content.decode()


def _change_notices():
    return [m for m in mail.outbox if "材料清单有变化" in m.subject]


def _book_js_mz_04():
    return AppointmentFactory(booked_by__email="booked@test.local")


def test_an_editors_change_of_a_material_waits_for_a_reviewer(
    users, client, django_capture_on_commit_callbacks
):
    editor, reviewer = users["editor"], users["reviewer"]
    id_card = Material.objects.get(name="居民身份证")
    old_source = id_card.source
    _book_js_mz_04()
    edit_url = reverse("wagtailsnippets_guides_material:edit", args=[id_card.pk])

    # The attack: an editor rewrites 居民身份证 and tries to publish it.
    client.force_login(editor)
    html = client.get(edit_url).content.decode()
    assert 'name="action-publish"' not in html
    assert 'name="action-submit"' in html
    with django_capture_on_commit_callbacks(execute=True):
        client.post(edit_url, {**_edit_form(id_card, source=NEW_SOURCE), "action-publish": "1"})
        response = client.post(
            edit_url, {**_edit_form(id_card, source=NEW_SOURCE), "action-submit": "1"}
        )
    assert response.status_code == 302

    id_card.refresh_from_db()
    assert id_card.source == old_source
    assert id_card.has_unpublished_changes
    client.logout()
    html = _guide_html(client)
    assert old_source in html and NEW_SOURCE not in html
    assert _change_notices() == []  # nothing to tell residents before approval

    state = WorkflowState.objects.get(
        base_content_type__model="material", object_id=str(id_card.pk)
    )
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    approve_url = reverse(
        "wagtailsnippets_guides_material:workflow_action",
        args=[id_card.pk, "approve", state.current_task_state.pk],
    )
    # The editor cannot approve their own change.
    client.force_login(editor)
    client.post(approve_url, {"comment": ""})
    id_card.refresh_from_db()
    assert id_card.source == old_source

    client.force_login(reviewer)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(approve_url, {"comment": "同意"})
    assert response.status_code in (200, 302)
    id_card.refresh_from_db()
    assert id_card.source == NEW_SOURCE
    assert WorkflowState.objects.get(pk=state.pk).status == WorkflowState.STATUS_APPROVED
    client.logout()
    assert NEW_SOURCE in _guide_html(client)
    # The booked resident is told once the change is approved.
    (notice,) = _change_notices()
    assert "居民身份证" in notice.body and "要求有更新" in notice.body


def test_approved_material_text_reaches_cached_guides_at_once(users, client, settings):
    settings.PAGE_CACHE_SECONDS = 600
    id_card = Material.objects.get(name="居民身份证")
    old_source = id_card.source
    assert old_source in _guide_html(client)  # now cached
    id_card.source = NEW_SOURCE
    id_card.save_revision(user=users["editor"])
    assert old_source in _guide_html(client)
    id_card.latest_revision.publish(user=users["reviewer"])
    assert NEW_SOURCE in _guide_html(client)


def test_editors_cannot_replace_a_blank_form_residents_see(users, client):
    editor, reviewer = users["editor"], users["reviewer"]
    Document = get_document_model()
    root = Collection.get_first_root_node()
    form = Document.objects.create(
        title="申请书样表", file=ContentFile(b"%PDF-1.4 old", name="apply.pdf"), collection=root
    )
    application = Material.objects.get(name="申请书")
    application.blank_form = form
    application.save_revision(user=reviewer).publish(user=reviewer)

    client.force_login(editor)
    response = client.post(
        reverse("wagtaildocs:edit", args=[form.pk]),
        {
            "title": "申请书样表",
            "collection": root.pk,
            "file": ContentFile(b"%PDF-1.4 forged", name="forged.pdf"),
        },
    )
    assert response.status_code in (302, 403)
    form.refresh_from_db()
    assert form.file.read() == b"%PDF-1.4 old"
    assert "forged" not in form.file.name

    # An editor's own upload, once approved as a material's blank form, is out of reach too.
    pending = Collection.objects.get(name=PENDING_DOCUMENTS_COLLECTION)
    upload = Document.objects.create(
        title="新样表",
        file=ContentFile(b"%PDF-1.4 new", name="new.pdf"),
        collection=pending,
        uploaded_by_user=editor,
    )
    edit_upload = reverse("wagtaildocs:edit", args=[upload.pk])
    assert client.get(edit_upload).status_code == 200
    application.refresh_from_db()
    application.blank_form = upload
    revision = application.save_revision(user=editor)
    revision.publish(user=reviewer)
    upload.refresh_from_db()
    assert upload.collection_id == root.pk
    assert client.get(edit_upload).status_code in (302, 403)


def test_a_guide_cannot_go_live_with_a_material_nobody_approved(users):
    editor, reviewer = users["editor"], users["reviewer"]
    invented = Material(name="编辑新增的证明", description="未经审定的说明。", source="任意")
    invented.live = False
    invented.save()
    invented.save_revision(user=editor)
    page = MatterPage.objects.get(code="JS-MZ-04")
    situation = page.situations.first()
    line = situation.materials.first()
    line.material = invented
    situation.materials = [line, *list(situation.materials.all())[1:]]
    page.situations = [situation, *list(page.situations.all())[1:]]
    revision = page.save_revision(user=editor)
    with pytest.raises(ValidationError) as excinfo:
        revision.publish(user=reviewer)
    assert "编辑新增的证明" in str(excinfo.value)
    invented.latest_revision.publish(user=reviewer)
    revision.publish(user=reviewer)
    assert MatterPage.objects.get(pk=page.pk).live_revision_id == revision.pk
