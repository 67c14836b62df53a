"""Uploaded rosters cannot exhaust a worker: size, decompressed size, rows, columns, XML entities."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import openpyxl
import pytest

from appointments.models import Appointment
from enterprises import roster

from . import xlsx_bombs
from .factories import employees, upload, xlsx_bytes

ROOT = Path(__file__).resolve().parents[2]

MEASURE = textwrap.dedent(
    """
    import json, os, resource, sys, time
    import django
    django.setup()
    from enterprises import roster
    from tests.enterprises.factories import employees, xlsx_bytes

    def peak_mb():
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    # Warm up: the modules and a real roster read once, so only the bomb is measured.
    roster.read_roster("ok.xlsx", xlsx_bytes(employees(20)))
    data = open(sys.argv[1], "rb").read()
    before = peak_mb()
    started = time.monotonic()
    try:
        roster.read_roster("bomb.xlsx", data)
        message = None
    except roster.RosterUnreadable as exc:
        message = exc.message
    print(json.dumps({"seconds": time.monotonic() - started, "growth_mb": peak_mb() - before,
                      "message": message}))
    """
)


def test_a_decompression_bomb_is_refused_within_a_second_without_growing_the_worker(tmp_path):
    bomb = xlsx_bombs.strings_bomb(300)
    assert len(bomb) < 600 * 1024  # about 500 KB that unpacks to about 300 MB
    path = tmp_path / "bomb.xlsx"
    path.write_bytes(bomb)
    # A fresh process, so that the peak resident size is the bomb's alone.
    out = subprocess.run(
        [sys.executable, "-c", MEASURE, str(path)],
        cwd=ROOT,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings.test"},
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    ).stdout
    result = json.loads(out.strip().splitlines()[-1])
    assert result["message"] and "解压后过大" in result["message"]
    assert result["seconds"] < 1.0
    assert result["growth_mb"] < 50


def test_too_many_rows_or_columns_within_the_size_limits_are_refused():
    with pytest.raises(roster.RosterUnreadable) as refused:
        roster.read_roster("wide.xlsx", xlsx_bombs.wide_rows(rows=1600, columns=60))
    assert "行或列过多" in refused.value.message


def test_xml_entities_in_a_workbook_are_refused_by_defusedxml():
    assert openpyxl.DEFUSEDXML is True
    with pytest.raises(roster.RosterUnreadable) as refused:
        roster.read_roster("lol.xlsx", xlsx_bombs.billion_laughs())
    assert "无法打开" in refused.value.message


def test_a_real_roster_still_reads():
    parsed = roster.read_roster("ok.xlsx", xlsx_bytes(employees(500)))
    assert len(parsed.rows) == 500
    # The downloadable template has 501 formatted (empty) rows: it is a header only.
    with pytest.raises(roster.RosterUnreadable) as refused:
        roster.read_roster("template.xlsx", roster.template_xlsx())
    assert "只有表头" in refused.value.message


@pytest.mark.django_db
@pytest.mark.usefixtures("frozen")
class TestThroughTheApi:
    def test_the_bomb_is_a_422_and_nothing_is_booked(self, client, officer, centre):
        response = upload(client, centre, "名单.xlsx", xlsx_bombs.strings_bomb(100))
        assert response.status_code == 422
        assert "解压后过大" in response.json()["detail"]
        assert not Appointment.objects.exists()

    def test_a_file_over_5_mb_is_refused_with_the_limit_the_page_states(
        self, client, officer, centre
    ):
        response = upload(client, centre, "名单.csv", b"a" * (roster.MAX_BYTES + 1))
        assert response.status_code == 422
        assert "5 MB" in response.json()["detail"]
        page = client.get(
            f"/enterprise/batches/new/?bundle=JS-B-01&centre={centre.pk}&date=2026-11-24"
        )
        assert "不超过 5 MB" in page.content.decode()
