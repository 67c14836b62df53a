from django.core.management.base import BaseCommand
from django.db import transaction

from appointments.models import Appointment
from core.personal_data import rotate


class Command(BaseCommand):
    help = "Re-encrypt stored ID numbers with the newest key of PERSONAL_DATA_KEYS."

    def add_arguments(self, parser):
        parser.add_argument("--batch", type=int, default=1000)

    def handle(self, *args, batch, **options):
        done = 0
        last = 0
        while True:
            with transaction.atomic():
                rows = list(
                    Appointment.objects.select_for_update()
                    .filter(pk__gt=last)
                    .order_by("pk")
                    .only("pk", "applicant_id_encrypted")[:batch]
                )
                if not rows:
                    break
                for row in rows:
                    row.applicant_id_encrypted = rotate(row.applicant_id_encrypted)
                Appointment.objects.bulk_update(rows, ["applicant_id_encrypted"])
                last = rows[-1].pk
                done += len(rows)
        # Flow-back subscribers' secrets are encrypted with the same keys.
        from flowback.models import Subscriber

        with transaction.atomic():
            subscribers = list(
                Subscriber.objects.select_for_update().only("pk", "secret_encrypted")
            )
            for subscriber in subscribers:
                subscriber.secret_encrypted = rotate(subscriber.secret_encrypted)
            Subscriber.objects.bulk_update(subscribers, ["secret_encrypted"])
        done += len(subscribers)
        self.stdout.write(f"{done} records re-encrypted with the newest key")
