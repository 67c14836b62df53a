"""Reactions to the material library's approvals."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.documents import get_document_model
from wagtail.models import PageViewRestriction, Site
from wagtail.signals import published, unpublished

from guides.models import Material


@receiver(published, sender=Material)
def keep_approved_documents_out_of_editors_reach(sender, instance, **kwargs):
    from guides.material_review import approved_materials_keep_their_documents

    approved_materials_keep_their_documents(instance)


@receiver(published, sender=Material)
@receiver(unpublished, sender=Material)
@receiver(post_save, sender=get_document_model())
@receiver(post_delete, sender=get_document_model())
@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
@receiver(post_save, sender=Site)
@receiver(post_delete, sender=Site)
def refresh_the_guides_cached_reads(**kwargs):
    # A guide's material list shows library names and document links that
    # the guide's own revision does not hold; its privacy is Wagtail's
    # answer about restrictions on it and its ancestors; the site that
    # serves a request is Wagtail's answer about the Site rows.
    from guides.selectors import bump_generation

    bump_generation()
