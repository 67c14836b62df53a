"""Moving centres out of appointments (issue 19) keeps every row, key and content type.

On a copy of the test database (SQLite or PostgreSQL, tests/support/live.py):
back to the schema before the move, rows written through the historical models,
then ``manage.py migrate`` as an upgrade runs it, and the rows read through
today's models (tests/centres/migration_scenario.py). The test database itself
is never migrated back, so it stays at the latest schema with the standard data.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.centres.migration_scenario import MOVED, TOUCHED
from tests.support.live import ROOT, _database_copy, copy_env

# django_db: so that the test database is set up even when this module runs alone.
pytestmark = pytest.mark.django_db

BEFORE_THE_MOVE = {
    "appointments": "0008_dashboard_day_indexes",
    "accounts": "0004_profile_login_phone",
    "casework": "0005_dashboard_day_indexes",
    "dashboards": "0001_daily_figures",
    "flowback": "0003_sms_log_and_reminder_opt_out",
    "ratings": "0003_dashboard_day_indexes",
    "centres": None,
}


def manage(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


def shell(env: dict[str, str], code: str) -> dict:
    out = manage(env, "shell", "-c", f"from tests.centres.migration_scenario import *; {code}")
    return json.loads(out.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def upgrade(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), _database_copy() as database_url:
        env = copy_env(database_url)
        latest = shell(env, "print(json.dumps(applied()))")
        before = shell(env, "before()")
        manage(env, "migrate", "--noinput")
        after = shell(env, f"after({before!r})")
    return {"latest": latest, "before": before, "after": after}


def test_the_copy_went_back_to_the_schema_before_the_move(upgrade):
    before = upgrade["before"]
    assert before["applied"] == BEFORE_THE_MOVE
    assert not before["state_has_centres"]
    assert set(before["types"]) == set(MOVED)


def test_migrate_brings_the_copy_to_the_latest_migrations(upgrade):
    assert upgrade["after"]["applied"] == upgrade["latest"]
    assert set(upgrade["latest"]) == set(TOUCHED) and None not in upgrade["latest"].values()


def test_every_row_and_foreign_key_is_kept(upgrade):
    ids, after = upgrade["before"]["ids"], upgrade["after"]
    centre = ids["centre"]
    assert after["centre"] == ["MIG019", "迁移街道便民服务中心", "地铁2号线", ids["county"]]
    assert after["county"] == [ids["city"], ids["city"]]
    assert after["city"] == "迁移市"
    assert after["session"] == [centre, 0, "09:00:00"]
    assert after["sessions"] == [ids["session"]]
    assert after["override"] == [centre, "closed", "2097-05-06"]
    assert after["overrides"] == [ids["override"]]
    assert after["calendar"] == [2097, True]
    assert after["days"] == [ids["holiday"]]
    assert after["holiday"] == ids["calendar"]
    assert after["slot"] == centre
    assert after["appointment"] == [centre, ids["slot"]]
    assert after["centre_appointments"] == [ids["appointment"]]
    assert after["draws"] == 1
    assert after["profile"] == [centre, ids["county"], ids["city"]]
    assert after["staff"] == [after["staff"][0]] and len(after["staff"]) == 1
    assert after["figures"] == centre


def test_the_tables_keep_their_names(upgrade):
    tables = upgrade["after"]["tables"]
    assert {f"appointments_{model}" for model in MOVED} <= set(tables)
    assert not [t for t in tables if t.startswith("centres_")]


def test_content_types_are_relabelled_so_permissions_and_history_follow(upgrade):
    types, after = upgrade["before"]["types"], upgrade["after"]
    assert after["types"] == {model: ["centres", model] for model in MOVED}
    assert after["left_in_appointments"] == 0
    assert after["centre_type"] == types["servicecentre"]
    # The permission a group was granted before the move is the centres app's now.
    assert after["permission_type"] == types["servicecentre"]
    assert after["has_perm"] is True
    assert after["centre_permissions"] == [
        "add_servicecentre",
        "change_servicecentre",
        "delete_servicecentre",
        "view_servicecentre",
    ]
    # Wagtail's history of the centre is still the centre's.
    assert after["history"] == [upgrade["before"]["ids"]["entry"]]


def test_a_content_type_created_between_the_two_migrations_gives_way_to_the_old_one():
    # `migrate centres 0001` alone would let Django create centres' content types
    # afresh; 0002 then keeps the old row, which carries the granted permissions.
    from importlib import import_module
    from types import SimpleNamespace

    from django.apps import apps
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection

    migration = import_module("centres.migrations.0002_content_types")
    old = ContentType.objects.get(app_label="centres", model="county")
    ContentType.objects.filter(pk=old.pk).update(app_label="appointments")
    fresh = ContentType.objects.create(app_label="centres", model="county")
    migration.relabel("appointments", "centres")(apps, SimpleNamespace(connection=connection))
    assert ContentType.objects.get(app_label="centres", model="county").pk == old.pk
    assert not ContentType.objects.filter(pk=fresh.pk).exists()
    ContentType.objects.clear_cache()
