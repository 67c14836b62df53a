from django.core.management.base import BaseCommand

from guides import services


class Command(BaseCommand):
    help = "Create or update the 30 matters, the material library and the bundles (idempotent)."

    def handle(self, *args, **options):
        report = services.load_standard()
        self.stdout.write(
            f"created {len(report.created)}, updated {len(report.updated)}, "
            f"unchanged {len(report.unchanged)}, materials written {report.materials_written}"
        )
