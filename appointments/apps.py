from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AppointmentsConfig(AppConfig):
    name = "appointments"
    verbose_name = _("预约")

    def ready(self):
        from appointments import jobs, signals  # noqa: F401

        post_migrate.connect(jobs.on_post_migrate, sender=self)
