from django.core.management.base import BaseCommand, CommandError

from guides import services


class Command(BaseCommand):
    help = "Create or update the 30 matters, the material library and the bundles (idempotent)."

    def handle(self, *args, **options):
        try:
            report = services.load_standard()
        except services.InvalidStandard as exc:
            raise CommandError(exc.message) from exc
        self.stdout.write(
            f"created {len(report.created)}, updated {len(report.updated)}, "
            f"unchanged {len(report.unchanged)}, materials written {report.materials_written}"
        )
