"""Deployment check: login limits need a cache shared by every worker."""

from django.conf import settings
from django.core.checks import Warning, register


@register(deploy=True)
def limits_need_a_shared_cache(app_configs, **kwargs):
    backend = settings.CACHES["default"]["BACKEND"]
    if backend.endswith(("LocMemCache", "DummyCache")):
        return [
            Warning(
                "The default cache is per process: login and sign-up limits would not "
                "hold across workers. Set REDIS_URL.",
                id="accounts.W001",
            )
        ]
    return []
