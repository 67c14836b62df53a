"""The material library under the provincial review: permissions, workflow, documents."""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from wagtail.documents import get_document_model
from wagtail.models import Collection, GroupCollectionPermission, Workflow, WorkflowContentType

from guides.models import Material

# Editors upload blank forms and samples here; an approved material moves the
# documents it uses to the root collection, where editors may only choose them.
PENDING_DOCUMENTS_COLLECTION = "待审表格"


def _material_perms(*codenames):
    return Permission.objects.filter(
        content_type=ContentType.objects.get_for_model(Material), codename__in=codenames
    )


def _document_perms(*actions):
    return list(
        Permission.objects.filter(
            content_type__app_label="wagtaildocs",
            codename__in=[f"{action}_document" for action in actions],
        )
    )


def put_materials_under_review(*, editors: Group, reviewers: Group, workflow: Workflow) -> None:
    """Editors draft and submit materials and upload documents for review; reviewers approve."""
    editors.permissions.add(*_material_perms("add_material", "change_material"))
    editors.permissions.remove(*_material_perms("publish_material", "delete_material"))
    reviewers.permissions.add(
        *_material_perms(
            "add_material",
            "change_material",
            "publish_material",
            "lock_material",
            "unlock_material",
        )
    )
    root = Collection.get_first_root_node()
    pending = root.get_children().filter(name=PENDING_DOCUMENTS_COLLECTION).first()
    if pending is None:
        pending = root.add_child(name=PENDING_DOCUMENTS_COLLECTION)
    grants = {
        # Editors may not replace a document residents already see (root),
        # only the ones they upload for review.
        (editors, root): _document_perms("choose"),
        (editors, pending): _document_perms("add", "choose"),
        (reviewers, root): _document_perms("add", "change", "choose"),
        (reviewers, pending): _document_perms("add", "change", "choose"),
    }
    for (group, collection), permissions in grants.items():
        GroupCollectionPermission.objects.filter(
            group=group, collection=collection, permission__content_type__app_label="wagtaildocs"
        ).exclude(permission__in=permissions).delete()
        for permission in permissions:
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=collection, permission=permission
            )
    WorkflowContentType.objects.update_or_create(
        content_type=ContentType.objects.get_for_model(Material), defaults={"workflow": workflow}
    )


def approved_materials_keep_their_documents(material: Material) -> None:
    """Move the documents of a just-approved material out of the editors' upload collection.

    Editors may change documents they uploaded only in collections where they
    may add; once a document is part of an approved material it sits in the
    root collection, so replacing its file needs a reviewer.
    """
    root = Collection.get_first_root_node()
    ids = [pk for pk in (material.blank_form_id, material.sample_id) if pk]
    if ids:
        get_document_model().objects.filter(pk__in=ids).exclude(collection=root).update(
            collection=root
        )
