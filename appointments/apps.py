from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AppointmentsConfig(AppConfig):
    name = "appointments"
    verbose_name = _("预约")

    def ready(self):
        from appointments import receivers  # noqa: F401
