"""The admin's centre list and edit page cost the same queries however many centres there are."""

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from centres.models import ServiceCentre

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin(django_user_model):
    return django_user_model.objects.create_superuser("root@example.com", "root@example.com", "x")


def _queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response


def _sql(client, url):
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return [q["sql"][:150] for q in queries]


def test_centre_list_and_edit_page_queries_do_not_grow_with_centres(client, admin):
    call_command("seed_scale", centres=3, days=0, verbosity=0)
    client.force_login(admin)
    centre = ServiceCentre.objects.order_by("code").first()
    edit = f"/admin/centres/edit/{centre.pk}/"
    _queries(client, edit)  # the first visit of a session stores more than later ones
    few, _page = _queries(client, "/admin/centres/")
    few_edit, _page = _queries(client, edit)
    call_command("seed_scale", centres=60, days=0, verbosity=0)
    many, page = _queries(client, "/admin/centres/")
    many_edit, form = _queries(client, edit)
    if many_edit != few_edit:
        pytest.fail("\n".join(_sql(client, edit)))
    assert (many, many_edit) == (few, few_edit)
    # The list names each centre's city and county.
    assert "南京市（模拟）第2区（模拟）" in page.content.decode()
    assert "南京市（模拟）第1区（模拟）" in form.content.decode()
