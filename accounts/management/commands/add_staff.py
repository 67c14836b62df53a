from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from accounts import services
from centres.models import ServiceCentre


class Command(BaseCommand):
    help = "Create or update a staff account bound to a centre."

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument("--centre", type=int, required=True, help="centre id")
        parser.add_argument("--role", choices=["clerk", "manager"], required=True)
        parser.add_argument(
            "--password", help="set this password (otherwise the account logs in after a reset)"
        )

    def handle(self, *args, email, centre, role, password=None, **options):
        try:
            centre_obj = ServiceCentre.objects.get(pk=centre)
        except ServiceCentre.DoesNotExist:
            raise CommandError(f"no centre with id {centre}") from None
        try:
            user = services.add_staff(email=email, centre=centre_obj, role=role, password=password)
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from None
        self.stdout.write(f"{user.email}: {role} of {centre_obj.name}")
