"""Production defaults (issue 16): deploy checks, CSP, local API docs, /healthz, database outages."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests
from cryptography.fernet import Fernet
from django.test import override_settings

from tests.support.live import _free_port, copy_env

ROOT = Path(__file__).resolve().parents[1]


def deploy_check(**env: str) -> subprocess.CompletedProcess:
    base = {
        key: value
        for key, value in os.environ.items()
        if key not in ("EMAIL_BACKEND", "SMS_BACKEND", "SITE_URL", "DATABASE_URL")
    }
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env={
            **base,
            "DJANGO_SETTINGS_MODULE": "portal.settings.production",
            "ALLOWED_HOSTS": "zwfw.example.cn",
            "SECRET_KEY": "check-" + Fernet.generate_key().decode() * 2,
            "PERSONAL_DATA_KEYS": Fernet.generate_key().decode(),
            "PERSONAL_DATA_HASH_KEY": "check-only",
            # Production keeps its limits in Redis (accounts.W001 otherwise).
            "REDIS_URL": "redis://127.0.0.1:6379/0",
            **env,
        },
        capture_output=True,
        text=True,
    )


def test_check_deploy_fails_with_console_mail_and_sms_and_no_site_url():
    result = deploy_check()
    assert result.returncode != 0
    assert "EMAIL_BACKEND is django.core.mail.backends.console.EmailBackend" in result.stderr
    assert "SMS_BACKEND is console" in result.stderr  # the default, by its short name
    assert "portal.E002" in result.stderr
    result = deploy_check(EMAIL_BACKEND="django.core.mail.backends.filebased.EmailBackend")
    assert "filebased" in result.stderr and result.returncode != 0


def test_check_deploy_passes_with_real_gateways_and_an_https_site_url():
    result = deploy_check(
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        SMS_BACKEND="gateway.SmsBackend",
        SITE_URL="https://zwfw.example.cn",
    )
    assert result.returncode == 0, result.stderr
    result = deploy_check(
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        SMS_BACKEND="gateway.SmsBackend",
        SITE_URL="http://zwfw.example.cn",
    )
    assert "portal.E003" in result.stderr


@pytest.mark.django_db
def test_pages_carry_a_content_security_policy_without_inline_script_or_other_hosts(client):
    response = client.get("/")
    policy = response["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert directives["script-src"] == "'self'"
    assert directives["default-src"] == "'self'"
    assert "http" not in policy  # no other host anywhere
    assert "<script>" not in response.content.decode()


@pytest.mark.django_db
def test_api_docs_are_served_from_this_site(client):
    html = client.get("/api/v1/docs").content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in html
    assert "cdn" not in html.lower() and "https://" not in html
    assert client.get("/static/ninja/swagger-ui-bundle.js").status_code == 200


# --- /healthz ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_healthz_reports_database_cache_and_queue(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert {"database", "cache", "queue"} <= set(body)
    assert all(body[part]["ok"] for part in ("database", "cache", "queue"))


@pytest.mark.django_db
def test_healthz_is_503_json_when_the_cache_is_down(client):
    closed = f"redis://127.0.0.1:{_free_port()}/3"
    down = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": closed}
    }
    with override_settings(CACHES=down):
        response = client.get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["cache"]["ok"] is False and body["database"]["ok"] is True
    assert response["Retry-After"]


# --- a database that is down --------------------------------------------------------------------


@pytest.fixture(scope="module")
def server_without_database():
    port = _free_port()
    # Nothing listens on this port: every connection is refused.
    env = copy_env(f"postgres://postgres@127.0.0.1:{_free_port()}/nothing")
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "portal.wsgi:application",
            "--workers",
            "1",
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "critical",
        ],
        cwd=ROOT,
        env=env,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                requests.get(f"{url}/healthz", timeout=10)
                break
            except requests.RequestException:
                if time.monotonic() > deadline or process.poll() is not None:
                    raise RuntimeError("the server did not start") from None
                time.sleep(0.3)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=30)


@pytest.mark.parametrize("path", ["/", "/guides/", "/book/"])
def test_an_outage_is_a_chinese_503_page_with_retry_after(server_without_database, path):
    response = requests.get(f"{server_without_database}{path}", timeout=30)
    assert response.status_code == 503
    assert response.headers["Retry-After"]
    assert "服务暂不可用" in response.text


def test_robots_txt_needs_no_database(server_without_database):
    assert requests.get(f"{server_without_database}/robots.txt", timeout=30).status_code == 200


def test_an_outage_under_the_api_is_503_json(server_without_database):
    response = requests.get(f"{server_without_database}/api/v1/centres", timeout=30)
    assert response.status_code == 503
    assert response.json()["detail"].startswith("服务暂不可用")
    assert response.headers["Retry-After"]


def test_healthz_says_the_database_is_down(server_without_database):
    response = requests.get(f"{server_without_database}/healthz", timeout=30)
    assert response.status_code == 503
    body = response.json()
    assert body["database"]["ok"] is False
    assert "postgres" not in response.text  # no connection string in the answer


def test_a_database_that_never_answers_fails_within_the_connect_timeout():
    from django.conf import settings

    if settings.DATABASES["default"]["ENGINE"].endswith("postgresql"):
        assert settings.DATABASES["default"]["OPTIONS"]["connect_timeout"] <= 10
    env = copy_env("postgres://postgres@10.255.255.1:5432/nothing", DATABASE_CONNECT_TIMEOUT="2")
    code = (
        "import time; from django.db import connection\n"
        "t = time.monotonic()\n"
        "try:\n    connection.ensure_connection()\nexcept Exception as e:\n    pass\n"
        "print(round(time.monotonic() - t, 1))"
    )
    out = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    ).stdout
    assert float(out.strip().splitlines()[-1]) < 5
