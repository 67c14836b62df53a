"""Which list of a batch's checklist a material is on is the material library's say (brought_by)."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from enterprises import services
from guides.constants import BroughtBy
from guides.models import Material
from guides.services import upsert_materials
from tests.enterprises.factories import csv_bytes, employees, upload

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]

ONCE = str(BroughtBy.ORGANISATION.label)
EACH = str(BroughtBy.EACH_PERSON.label)


def _lists(client, reference) -> dict[str, list[str]]:
    """The batch page's checklist, as {heading: the material names under it}."""
    html = client.get(reverse("enterprise_batch", args=[reference])).content.decode()
    parts = {part.split("</h2>")[0]: part for part in html.split("<h2>")[1:]}
    return {
        heading: re.findall(r'<span class="name">([^<]+)</span>', parts[heading])
        for heading in (ONCE, EACH)
    }


def _entry(material: Material, **changes) -> dict:
    entry = {
        "name": material.name,
        "description": material.description,
        "source": material.source,
        "brought_by": material.brought_by,
    }
    return {**entry, **changes}


def _admin_form(material: Material, **changes) -> dict:
    form = {
        "name": material.name,
        "description": material.description,
        "source": material.source,
        "brought_by": material.brought_by,
        "blank_form": material.blank_form_id or "",
        "sample": material.sample_id or "",
    }
    return {**form, **changes}


@pytest.fixture
def reference(client, centre, officer):
    response = upload(client, centre, "员工.csv", csv_bytes(employees(3)))
    assert response.status_code == 201, response.content.decode()
    return response.json()["reference"]


def test_the_service_moves_a_material_between_the_two_lists(client, reference):
    lists = _lists(client, reference)
    assert "劳动合同" in lists[EACH] and "劳动合同" not in lists[ONCE]

    contract = Material.objects.get(name="劳动合同")
    upsert_materials([_entry(contract, brought_by=BroughtBy.ORGANISATION)])

    lists = _lists(client, reference)
    assert "劳动合同" in lists[ONCE] and "劳动合同" not in lists[EACH]
    contract.refresh_from_db()
    assert contract.live_revision.content["brought_by"] == BroughtBy.ORGANISATION


def test_a_reviewer_moves_a_material_in_the_admin(client, reference, users):
    licence = Material.objects.get(name="营业执照")
    assert "营业执照" in _lists(client, reference)[ONCE]

    admin = Client()
    admin.force_login(users["reviewer"])
    listing = admin.get(reverse("wagtailsnippets_guides_material:list")).content.decode()
    assert ONCE in listing and EACH in listing
    edit_url = reverse("wagtailsnippets_guides_material:edit", args=[licence.pk])
    assert 'name="brought_by"' in admin.get(edit_url).content.decode()
    response = admin.post(
        edit_url, {**_admin_form(licence, brought_by=BroughtBy.EACH_PERSON), "action-publish": "1"}
    )
    assert response.status_code == 302

    licence.refresh_from_db()
    assert licence.brought_by == BroughtBy.EACH_PERSON
    lists = _lists(client, reference)
    assert "营业执照" in lists[EACH] and "营业执照" not in lists[ONCE]


def test_the_standard_splits_a_batch_as_the_old_name_rule_did(reference):
    from appointments.models import Appointment
    from appointments.selectors import checklist_of

    lines = checklist_of(Appointment.objects.get(reference=reference))
    once, each = services.split_checklist(lines)
    # The rule before issue 19: an employee's own papers were told by these words.
    hints = ("劳动合同", "身份证复印件", "居民身份证件")
    assert [line.name for line in each] == [
        line.name for line in lines if any(h in line.name for h in hints)
    ]
    assert [line.name for line in once] == [line.name for line in lines if line not in each]
    assert "营业执照" in [line.name for line in once] and each
