from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RatingsConfig(AppConfig):
    name = "ratings"
    verbose_name = _("好差评")

    def ready(self):
        from ratings import receivers  # noqa: F401
