from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from accounts import services
from centres.models import City, County


class Command(BaseCommand):
    help = "Create or update a county, city or province official, who reads the dashboards of that region."

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument("--role", choices=["county", "city", "province"], required=True)
        parser.add_argument("--region", help="code of the county or city (行政区划代码)")
        parser.add_argument(
            "--password", help="set this password (otherwise the account logs in after a reset)"
        )

    def handle(self, *args, email, role, region=None, password=None, **options):
        places = {"county": County, "city": City}
        place = None
        if role in places:
            if not region:
                raise CommandError(f"--region is required for a {role} official")
            place = places[role].objects.filter(code=region).first()
            if place is None:
                raise CommandError(f"no {role} with code {region}")
        try:
            user = services.add_official(
                email=email, role=role, password=password, **({role: place} if place else {})
            )
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from None
        self.stdout.write(f"{user.email}: {role} official{f' of {place.name}' if place else ''}")
