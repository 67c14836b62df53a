"""Reactions to other apps' events."""

from django.db import transaction
from django.dispatch import receiver
from django_q.tasks import async_task
from wagtail.signals import page_published

from guides.models import MatterPage


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
