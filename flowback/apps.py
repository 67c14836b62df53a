from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FlowbackConfig(AppConfig):
    name = "flowback"
    verbose_name = _("数据回流")

    def ready(self):
        from flowback import receivers  # noqa: F401
