"""Reactions to other apps' events."""

from django.db import transaction
from django.dispatch import receiver
from django_q.tasks import async_task
from wagtail.signals import page_published, published

from guides.models import Material, MatterPage, SituationMaterial


@receiver(page_published, sender=MatterPage)
def tell_applicants_about_changed_checklists(sender, instance, revision, **kwargs):
    from appointments.constants import AppointmentStatus
    from appointments.models import AppointmentMatter

    affected = AppointmentMatter.objects.filter(
        matter=instance, appointment__status=AppointmentStatus.BOOKED
    ).exclude(guide_revision=revision)
    if not affected.exists():
        return
    transaction.on_commit(
        lambda: async_task("appointments.tasks.notify_checklist_changes", instance.pk)
    )


@receiver(published, sender=Material)
def tell_applicants_about_revised_materials(sender, instance, **kwargs):
    """An approved change of a library material reaches every guide that lists it."""
    from appointments.constants import AppointmentStatus
    from appointments.models import AppointmentMatter

    matter_ids = set(
        SituationMaterial.objects.filter(material=instance).values_list(
            "situation__page_id", flat=True
        )
    )
    affected = set(
        AppointmentMatter.objects.filter(
            matter_id__in=matter_ids, appointment__status=AppointmentStatus.BOOKED
        ).values_list("matter_id", flat=True)
    )
    for matter_id in sorted(affected):
        transaction.on_commit(
            lambda matter_id=matter_id: async_task(
                "appointments.tasks.notify_checklist_changes", matter_id
            )
        )
