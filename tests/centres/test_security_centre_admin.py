"""Issue 15, finding 6: a centre manager edits hours, overrides, counters and booking rules of
their own centre only, never its county, code or name, and sees no other centre's admin pages."""

import pytest
from django.urls import reverse

from accounts.services import add_staff
from centres.models import ServiceCentre
from tests.appointments.factories import CountyFactory, make_centre
from tests.centres.admin_forms import centre_edit_data

pytestmark = pytest.mark.django_db

FORMULA = '=HYPERLINK("http://evil.example/","兴隆街道便民服务中心")'


@pytest.fixture
def centres():
    return make_centre(), make_centre()


@pytest.fixture
def manager(client, centres):
    user = add_staff(email="mgr@test.local", centre=centres[0], role="manager", password="pw")
    client.force_login(user)
    return user


def test_a_manager_cannot_move_rename_or_recode_the_centre(client, centres, manager):
    own = centres[0]
    elsewhere = CountyFactory(code="329902", city=own.county.city, name="别的区")
    form = client.get(reverse("centres:edit", args=[own.pk])).content.decode()
    assert 'name="county"' not in form and 'name="code"' not in form and 'name="name"' not in form
    assert 'name="counters"' in form and 'name="sessions-TOTAL_FORMS"' in form
    response = client.post(
        reverse("centres:edit", args=[own.pk]),
        centre_edit_data(own, county=elsewhere.pk, name=FORMULA, code="EVIL01", counters=5),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    own.refresh_from_db()
    assert (own.county_id, own.name, own.code) == (
        centres[0].county_id,
        centres[0].name,
        centres[0].code,
    )
    assert own.counters == 5  # what the manager may change is saved


def test_an_administrator_still_sets_county_and_name(client, centres, admin_user):
    own = centres[0]
    elsewhere = CountyFactory(code="329902", city=own.county.city, name="别的区")
    client.force_login(admin_user)
    response = client.post(
        reverse("centres:edit", args=[own.pk]),
        centre_edit_data(own, county=elsewhere.pk, name="兴隆街道便民服务中心（新址）"),
    )
    assert response.status_code == 302
    own.refresh_from_db()
    assert own.county == elsewhere and own.name == "兴隆街道便民服务中心（新址）"


def test_a_manager_opens_no_admin_page_of_another_centre(client, centres, manager):
    own, other = centres
    # Something to see in the other centre's history.
    client.force_login(add_staff(email="mgr2@test.local", centre=other, role="manager"))
    assert (
        client.post(reverse("centres:edit", args=[other.pk]), centre_edit_data(other, counters=7))
    ).status_code == 302
    client.force_login(manager)
    assert client.get(reverse("centres:history", args=[own.pk])).status_code == 200
    for name in ("history", "history_results", "usage"):
        assert client.get(reverse(f"centres:{name}", args=[other.pk])).status_code == 404, name
    for name in ("edit", "delete", "copy"):
        assert client.get(reverse(f"centres:{name}", args=[other.pk])).status_code in (302, 403)
    assert (
        client.post(reverse("centres:edit", args=[other.pk]), centre_edit_data(other, counters=1))
    ).status_code in (302, 403)
    assert ServiceCentre.objects.get(pk=other.pk).counters == 7
    # Nor do the admin's site-wide reports list the other centre's changes.
    report = client.get("/admin/reports/site-history/")
    assert other.name not in report.content.decode()


def test_managers_hold_no_model_permission_on_centres(centres, manager):
    from importlib import import_module

    from django.apps import apps
    from django.contrib.auth.models import Group, Permission
    from django.contrib.contenttypes.models import ContentType

    from accounts.services import MANAGERS_GROUP

    assert not manager.has_perm("centres.change_servicecentre")
    # A database from before: the managers' group held the model permissions, and
    # centres were still part of appointments (centres 0002 relabels the content type).
    group = Group.objects.get(name=MANAGERS_GROUP)
    group.permissions.add(
        *Permission.objects.filter(codename__in=["change_servicecentre", "view_servicecentre"])
    )
    ContentType.objects.filter(app_label="centres", model="servicecentre").update(
        app_label="appointments"
    )
    migration = import_module("accounts.migrations.0003_managers_hold_no_centre_permissions")
    migration.managers_hold_no_centre_permissions(apps, None)
    assert not group.permissions.filter(codename__endswith="_servicecentre").exists()
    ContentType.objects.clear_cache()
