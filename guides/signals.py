"""Reactions to the material library's approvals."""

from django.dispatch import receiver
from wagtail.signals import published, unpublished

from guides.models import Material


@receiver(published, sender=Material)
def keep_approved_documents_out_of_editors_reach(sender, instance, **kwargs):
    from guides.material_review import approved_materials_keep_their_documents

    approved_materials_keep_their_documents(instance)


@receiver(published, sender=Material)
@receiver(unpublished, sender=Material)
def show_the_approved_material_at_once(sender, **kwargs):
    # Guides are cached whole; the approved text must replace the old one everywhere.
    from portal.cache import purge_pages

    purge_pages()
