from django.apps import AppConfig, apps
from django.db.models.signals import post_migrate


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = "portal"

    def ready(self):
        # checks registers the deployment checks; cache connects the page-cache purge to publishing.
        from portal import cache, checks, jobs  # noqa: F401

        # The project package has no models, so it gets no post_migrate of its
        # own; the jobs live in django_q's Schedule table, so follow that app.
        post_migrate.connect(jobs.on_post_migrate, sender=apps.get_app_config("django_q"))
