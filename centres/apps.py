from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CentresConfig(AppConfig):
    name = "centres"
    label = "centres"
    verbose_name = _("便民服务中心")

    def ready(self):
        from centres import receivers  # noqa: F401
