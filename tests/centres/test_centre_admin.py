"""A centre manager edits their own centre's calendar, and only theirs."""

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset

from accounts.services import add_staff
from centres.models import CalendarOverride
from tests.appointments.factories import make_centre
from tests.centres.admin_forms import centre_edit_data

pytestmark = pytest.mark.django_db


def test_manager_sees_and_edits_only_their_centre(client):
    own, other = make_centre(), make_centre()
    manager = add_staff(email="mgr@test.local", centre=own, role="manager", password="pw")
    client.force_login(manager)

    index = client.get(reverse("centres:index")).content.decode()
    assert own.name in index and other.name not in index
    assert client.get(reverse("centres:edit", args=[own.pk])).status_code == 200
    assert client.get(reverse("centres:edit", args=[other.pk])).status_code in (302, 403)


def test_clerk_cannot_edit_centres(client):
    centre = make_centre()
    clerk = add_staff(email="clerk@test.local", centre=centre, role="clerk", password="pw")
    client.force_login(clerk)
    assert client.get(reverse("centres:edit", args=[centre.pk])).status_code in (302, 403)


def test_manager_adds_a_closure_for_a_date(client):
    centre = make_centre()
    manager = add_staff(email="mgr@test.local", centre=centre, role="manager", password="pw")
    client.force_login(manager)
    closure = {"date": "2026-12-01", "kind": "closed", "start": "", "end": "", "reason": "消防演练"}
    data = centre_edit_data(centre, overrides=inline_formset([closure]))
    response = client.post(reverse("centres:edit", args=[centre.pk]), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    override = CalendarOverride.objects.get(centre=centre)
    assert override.kind == "closed" and override.reason == "消防演练"
