from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GuidesConfig(AppConfig):
    name = "guides"
    verbose_name = _("办事指南")

    def ready(self):
        import guides.signals  # noqa: F401
