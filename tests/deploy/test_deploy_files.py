"""deploy/ keeps up with the code: every setting is in the environment template."""

import re

from tests.support.live import ROOT

from .topology import DEPLOY, unit_command

# Read only by the test settings (portal.settings.test), never in production.
TEST_ONLY = {"Q_SYNC", "TEST_DB_NAME", "TEST_SHARED_REDIS"}
READ = re.compile(
    r"""(?:os\.environ\.get|os\.environ\[|env_bool|env_list)\(?\s*["']([A-Z0-9_]+)["']"""
)


def _listed() -> set[str]:
    lines = (DEPLOY / "env.example").read_text().splitlines()
    return {line.split("=", 1)[0] for line in lines if re.match(r"^[A-Z0-9_]+=", line)}


def test_the_environment_template_lists_every_setting_the_code_reads():
    sources = [*(ROOT / "site" / "settings").glob("*.py"), DEPLOY / "gunicorn.conf.py"]
    read = {name for path in sources for name in READ.findall(path.read_text())} - TEST_ONLY
    assert "DATABASE_URL" in read and "WEB_CONCURRENCY" in read  # the pattern finds them
    assert sorted(read - _listed()) == []


def test_the_units_run_the_project_from_its_checkout_with_the_environment_file():
    for unit in ("portal-web@.service", "portal-worker.service"):
        text = (DEPLOY / "systemd" / unit).read_text()
        assert "EnvironmentFile=/etc/portal/env" in text
        assert "WorkingDirectory=/srv/portal" in text
    web = unit_command("portal-web@.service", **{"${GUNICORN_HOST}": "127.0.0.1", "%i": "8001"})
    assert web[web.index("-c") + 1] == str(DEPLOY / "gunicorn.conf.py")
    assert "GUNICORN_HOST" in _listed()
