"""Scenario data for the browser tests and the screenshots: one centre, a few residents."""

from __future__ import annotations

from tests.support.live import LiveServer

PASSWORD = "e2e-pass-2026"
CENTRE_NAME = "玄武街道便民服务中心"

# Run inside the server's database by LiveServer.run (a Django shell); it prints JSON.
SCENARIO = """
import json
from centres.models import ServiceCentre
from tests.appointments.factories import make_centre, make_user

centre = make_centre(counters=3, slot_minutes=30, walk_in_share=0)
ServiceCentre.objects.filter(pk=centre.pk).update(name={centre_name!r}, address="玄武大道100号")
emails = []
for n in range({residents}):
    user = make_user(f"resident{{n}}@e2e.local")
    user.set_password({password!r})
    user.save()
    emails.append(user.email)
print(json.dumps({{"centre": centre.pk, "residents": emails}}))
"""


def create_scenario(server: LiveServer, *, residents: int) -> dict:
    """A centre open on weekdays with room for three at a time, and residents who can log in."""
    return server.run(
        SCENARIO.format(centre_name=CENTRE_NAME, residents=residents, password=PASSWORD)
    )
