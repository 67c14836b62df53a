"""At the counter, a batch's material lines say who brings them (the material library's brought_by)."""

import re

import pytest
import time_machine

from appointments.tickets import ticket_url
from tests.appointments.factories import local
from tests.casework.test_batch_counter import batch

pytestmark = pytest.mark.django_db

__all__ = ["batch"]  # the fixture shared with the batch counter tests


def test_the_clerk_sees_who_brings_each_material_of_a_batch(client, batch):
    booked, clerk = batch
    client.force_login(clerk)
    reference = booked.appointment.reference
    with time_machine.travel(local(2026, 11, 24, 8, 55), tick=False):
        body = client.post(
            "/api/v1/counter/scan", {"code": ticket_url(reference)}, content_type="application/json"
        ).json()
        html = client.get(f"/counter/intake/{reference}/").content.decode()
    given = {line["name"]: line["brought_by"] for line in body["checklist"]}
    assert given["劳动合同"] == "each_person" and given["营业执照"] == "organisation"
    legends = dict(re.findall(r"<legend>([^<]+) <span class=\"meta\">([^<]+)</span>", html))
    assert legends["劳动合同"].endswith("· 每名员工各带一份")
    assert legends["营业执照"].endswith("· 企业带一份")
