"""Every CSV the site writes shows a would-be formula as text (issue 16: CSV formula injection)."""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.services import add_official
from centres.models import ServiceCentre
from core.spreadsheets import neutralise
from enterprises import roster
from search.models import UnansweredQuery
from tests.dashboards.fixtures import build_world
from tests.dashboards.world.support import QUERY, read_csv

pytestmark = pytest.mark.django_db

HOSTILE = ['=HYPERLINK("http://evil.example/","点我")', "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1"]


@pytest.mark.parametrize("text", HOSTILE)
def test_each_formula_start_is_quoted(text):
    assert neutralise(text) == "'" + text
    assert neutralise("高秀英") == "高秀英"


def test_a_centre_named_as_a_formula_reaches_the_dashboard_csv_as_text(client):
    world = build_world()
    a = world["centres"][0]
    ServiceCentre.objects.filter(pk=a.pk).update(name=HOSTILE[0])
    client.force_login(add_official(email="prov@test.local", role="province"))
    url = f"/dashboard/county/{a.county.code}/?{QUERY}&format=csv&table=breakdown"
    rows = read_csv(client.get(url))
    cells = [cell for row in rows for cell in row]
    assert "'" + HOSTILE[0] in cells
    assert HOSTILE[0] not in cells
    # Figures stay numbers: nothing numeric gains a quote.
    assert not any(cell.startswith("'") and cell[1:].replace(".", "").isdigit() for cell in cells)


def test_a_search_query_typed_as_a_formula_is_text_in_the_editors_export(client, users):
    # Queries are normalised before they are kept; a row written another way
    # (an import, an older version) is still exported as text.
    today = timezone.localdate()
    UnansweredQuery.objects.create(text="=cmd|' /C calc'!A0", first_seen=today, last_seen=today)
    client.force_login(users["editor"])
    export = client.get(reverse("search_unanswered"), {"export": "csv"})
    text = b"".join(export.streaming_content).decode("utf-8-sig")
    cells = [cell for row in csv.reader(io.StringIO(text)) for cell in row]
    assert "'=cmd|' /C calc'!A0" in cells


def test_the_roster_template_is_plain_text():
    rows = list(csv.reader(io.StringIO(roster.template_csv().decode("utf-8-sig"))))
    assert rows == [roster.COLUMNS]
