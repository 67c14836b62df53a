"""Webhooks (issue 16): secrets encrypted at rest and shown once, https only, signed timestamps."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection
from django.test import override_settings

from core.personal_data import reveal
from flowback import services
from flowback.models import Subscriber
from tests.flowback.scenario import book_many, subscribe
from tests.support.live import copy_env
from tests.support.receiver import receiver

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.django_db

FORM = {
    "name": "水务集团收费系统",
    "url": "https://water.example.com/events",
    "event_types": ["benefit.eligible"],
    "personal_fields": ["name"],
    "active": "on",
    "max_attempts": "8",
    "timeout_seconds": "5",
}


def raw_secret_column(pk: int) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT secret_encrypted FROM flowback_subscriber WHERE id = %s", [pk])
        return cursor.fetchone()[0]


def test_the_secret_is_encrypted_at_rest_with_the_personal_data_keys():
    subscriber = subscribe("x", "https://x.example.com/", ["case.completed"])
    stored = raw_secret_column(subscriber.pk)
    assert subscriber.secret and subscriber.secret not in stored
    assert reveal(stored) == subscriber.secret
    assert Subscriber.objects.get(pk=subscriber.pk).secret == subscriber.secret


def test_the_admin_shows_the_secret_once_on_creation_and_on_rotation(client, admin_user):
    client.force_login(admin_user)
    form = client.get("/admin/subscribers/new/").content.decode()
    assert 'name="secret"' not in form
    created = client.post("/admin/subscribers/new/", FORM, follow=True).content.decode()
    subscriber = Subscriber.objects.get(name=FORM["name"])
    assert subscriber.secret in created  # shown once, in the message after saving
    edit = f"/admin/subscribers/edit/{subscriber.pk}/"
    page = client.get(edit).content.decode()
    assert subscriber.secret not in page  # never again

    old = subscriber.secret
    saved = client.post(edit, FORM, follow=True).content.decode()
    assert Subscriber.objects.get(pk=subscriber.pk).secret == old  # a plain save keeps it
    assert old not in saved
    rotated = client.post(edit, {**FORM, "rotate_secret": "on"}, follow=True).content.decode()
    new = Subscriber.objects.get(pk=subscriber.pk).secret
    assert new != old and new in rotated


@override_settings(FLOWBACK_ALLOW_INSECURE_URLS=False)
@pytest.mark.parametrize(
    "url",
    [
        "http://water.example.com/events",
        "https://127.0.0.1/events",
        "https://localhost:8443/events",
        "https://10.1.2.3/events",
        "https://[::1]/events",
        "https://169.254.169.254/latest/meta-data",
    ],
)
def test_the_admin_refuses_plain_http_and_local_addresses_in_production(client, admin_user, url):
    client.force_login(admin_user)
    response = client.post("/admin/subscribers/new/", {**FORM, "url": url})
    assert response.status_code == 200
    html = response.content.decode()
    assert "https://" in html or "内网" in html
    assert not Subscriber.objects.exists()


@override_settings(FLOWBACK_ALLOW_INSECURE_URLS=False)
def test_nothing_is_sent_to_a_plain_http_subscriber_saved_before_the_rule(
    django_capture_on_commit_callbacks,
):
    with receiver() as inbox:
        subscribe("old", f"{inbox.url}/old", ["appointment.booked"])
        with django_capture_on_commit_callbacks(execute=True):
            book_many(1, code="SEC01")
        assert inbox.all("/old") == []


def test_debug_allows_http_and_loopback():
    with override_settings(DEBUG=True, FLOWBACK_ALLOW_INSECURE_URLS=True):
        subscriber = Subscriber(name="demo", url="http://127.0.0.1:8000/flowback/demo-inbox/x/")
        subscriber.full_clean(exclude=["event_types", "secret_encrypted"])


def test_the_signature_covers_a_timestamp_and_the_body(django_capture_on_commit_callbacks):
    with receiver() as inbox:
        subscriber = subscribe("signed", f"{inbox.url}/in", ["appointment.booked"])
        with django_capture_on_commit_callbacks(execute=True):
            book_many(1, code="SEC02")
        [arrival] = inbox.accepted("/in")
    header = arrival.headers["X-Flowback-Signature"]
    assert header.startswith("t=") and ",v1=" in header
    t = int(header.split(",")[0][2:])
    assert t == int(arrival.headers["X-Flowback-Timestamp"])
    assert services.verify(subscriber.secret, arrival.body, header, now=t + 10)
    # A replay minutes later, a changed body or another timestamp: refused.
    assert not services.verify(subscriber.secret, arrival.body, header, now=t + 301)
    assert not services.verify(subscriber.secret, arrival.body + b" ", header, now=t)
    forged = header.replace(f"t={t}", f"t={t + 60}")
    assert not services.verify(subscriber.secret, arrival.body, forged, now=t + 60)
    assert not services.verify("another secret", arrival.body, header, now=t)
    assert not services.verify(subscriber.secret, arrival.body, "sha256=abc", now=t)


# A database as flowback 0001 left it, with a secret in plain text: flowback's own
# migrations forward (and only the apps they depend on), then the row is read back.
# django_q first: every migrate ends with site/jobs.py's post_migrate, which writes
# the schedules.
MIGRATION_SCRIPT = """
import json
from django.core.management import call_command
from django.db import connection
from flowback.models import Subscriber

call_command("migrate", "django_q", verbosity=0)
call_command("migrate", "flowback", "0001", verbosity=0)
with connection.cursor() as c:
    c.execute(
        "INSERT INTO flowback_subscriber (name, url, secret, event_types, matters,"
        " personal_fields, active, max_attempts, timeout_seconds, created_at) VALUES"
        " ('legacy', 'https://legacy.example.com/', 'plain-one', '[]', '[]', '[]', 1, 8, 5,"
        " '2026-01-01 00:00:00')"
    )
call_command("migrate", "flowback", verbosity=0)
with connection.cursor() as c:
    c.execute("SELECT secret_encrypted FROM flowback_subscriber")
    stored = c.fetchone()[0]
secret = Subscriber.objects.get(name="legacy").secret
print(json.dumps({"secret": secret, "plain_in_column": "plain-one" in stored}))
"""


def test_the_migration_encrypts_existing_plain_secrets(tmp_path):
    # On a database of its own (a fresh SQLite file): migrating inside the shared
    # test database would need a flush afterwards.
    env = copy_env(f"sqlite:///{tmp_path / 'migrate.sqlite3'}")
    out = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", MIGRATION_SCRIPT],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert out.returncode == 0, out.stderr[-3000:]
    result = json.loads(out.stdout.strip().splitlines()[-1])
    assert result == {"secret": "plain-one", "plain_in_column": False}


def test_the_signature_timestamp_is_now():
    header = services.sign("s", b"{}", int(time.time()))
    assert services.verify("s", b"{}", header)
