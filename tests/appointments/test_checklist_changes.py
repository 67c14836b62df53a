"""The change notice tells changed copies and originals, above the QR code; 我的预约 marks
the booking; the printed checklist names matters, not codes (issue 18)."""

import datetime as dt

import pytest
import time_machine
from django.utils import translation

from guides.models import Material, MatterPage

from .factories import AppointmentFactory, local

pytestmark = pytest.mark.django_db

NOW = local(2026, 11, 23, 8)


@pytest.fixture(autouse=True)
def frozen():
    # The standard was loaded (its materials published) at the real time, after NOW.
    Material.objects.update(last_published_at=NOW - dt.timedelta(days=30))
    with time_machine.travel(NOW, tick=False):
        yield


def test_a_change_of_copies_is_told_above_the_qr_code_and_marked_in_my_list(
    client, django_capture_on_commit_callbacks
):
    appointment = AppointmentFactory(booked_by__email="gao@test.local")
    client.force_login(appointment.booked_by)
    mine = client.get("/appointments/").content.decode()
    assert "data-checklist-changed" not in mine
    page = MatterPage.objects.get(code="JS-MZ-04")
    situation = page.situations.first()
    items = list(situation.materials.all())
    first = items[0]
    was = first.copies
    first.copies = was + 1
    situation.materials = items
    page.situations = [situation]
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    html = client.get(f"/appointments/{appointment.reference}/").content.decode()
    with translation.override("zh-hans"):
        name = first.material.name
    expected = f"{name}：现需 {was + 1} 份（原为 {was} 份）"
    assert expected in html
    assert html.index("data-checklist-change") < html.index('class="qr"')
    mine = client.get("/appointments/").content.decode()
    assert "data-checklist-changed" in mine and "材料清单有更新" in mine


def test_the_printed_checklist_names_the_matters_not_their_codes(client):
    appointment = AppointmentFactory(
        codes=["JS-MZ-04", "JS-RS-05"], booked_by__email="gao@test.local"
    )
    client.force_login(appointment.booked_by)
    html = client.get(f"/appointments/{appointment.reference}/checklist/").content.decode()
    main = html.split("<main", 1)[1]
    assert "哪些事项需要" in main and "尊老金申领" in main
    assert "JS-MZ-04" not in main and "JS-RS-05" not in main
