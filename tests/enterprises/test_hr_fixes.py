"""What HR officers tripped over (issue 18): the demo officer, the batch page's
fieldsets, IDs Excel stored as numbers, and the roster templates."""

import io
import re

import pytest
from django.core.management import call_command
from openpyxl import Workbook

from enterprises.models import Enterprise
from enterprises.services import enterprises_of
from tests.appointments.factories import make_user
from tests.enterprises.factories import HEADER, csv_bytes, employees, upload

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]


def test_hr_demo_local_is_an_officer_after_seed_demo():
    call_command("seed_demo", stdout=io.StringIO())
    assert [e.name for e in enterprises_of(make_user("hr@demo.local"))] == [
        "江苏新金牛线缆有限公司"
    ]


def numeric_id_xlsx(rows) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append(HEADER)
    for name, number, phone, hired in rows:
        # What Excel keeps of an ID typed into a number cell: 15 significant digits.
        sheet.append([name, float(f"{float(number):.15g}"), phone, hired])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_ids_stored_as_numbers_name_excels_15_digit_limit(client, centre, officer):
    rows = employees(3)
    response = upload(client, centre, "员工.xlsx", numeric_id_xlsx(rows))
    assert response.status_code == 422
    errors = response.json()["errors"]
    assert [(e["row"], e["column"]) for e in errors] == [
        (2, "身份证号"),
        (3, "身份证号"),
        (4, "身份证号"),
    ]
    for error in errors:
        assert "15位" in error["message"] and "文本" in error["message"]
        assert "校验位" not in error["message"]
    # A CSV that Excel saved shows them in E notation.
    rows[0][1] = "3.20105E+17"
    errors = upload(client, centre, "员工.csv", csv_bytes(rows[:1])).json()["errors"]
    assert "15位" in errors[0]["message"]


def test_a_real_typo_in_an_id_still_names_the_check_digit(client, centre, officer):
    rows = employees(1)
    rows[0][1] = rows[0][1][:-1] + ("1" if rows[0][1][-1] != "1" else "2")
    errors = upload(client, centre, "员工.csv", csv_bytes(rows)).json()["errors"]
    assert "校验位" in errors[0]["message"]


def test_bundles_and_matters_have_their_own_fieldsets(client, officer):
    enterprise = Enterprise.objects.get()
    html = client.get(f"/enterprise/batches/new/?enterprise={enterprise.pk}").content.decode()
    bundle = re.search(r'<fieldset id="batch-bundle">(.*?)</fieldset>', html, re.S).group(1)
    matters = re.search(r'<fieldset id="batch-matters">(.*?)</fieldset>', html, re.S).group(1)
    assert "<legend>" in bundle and 'type="radio"' in bundle and 'type="checkbox"' not in bundle
    assert "<legend>" in matters and 'type="checkbox"' in matters and 'type="radio"' not in matters
    assert 'id="b-none" name="bundle" value="" checked' in bundle


def test_only_the_templates_an_upload_accepts_are_served(client):
    assert client.get("/enterprise/roster-template.xlsx").content[:2] == b"PK"
    assert client.get("/enterprise/roster-template.csv")["Content-Type"].startswith("text/csv")
    assert client.get("/enterprise/roster-template.pdf").status_code == 404
