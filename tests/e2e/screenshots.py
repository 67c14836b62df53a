"""Regenerate docs/screenshots/: the guide page and the booking time picker, at 390 px.

Run by ``make screenshots`` (``python -m tests.e2e.screenshots``). It builds a
database of its own (the standard plus one demo centre, apart from pytest's
test database), serves it with gunicorn, and photographs each page in normal
and in elder mode with Debian's headless Chromium.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "docs" / "screenshots"
GUIDE = "/guides/js-mz-01/"


def _own_test_database(connection) -> None:
    """A test database apart from pytest's, which may be in use at the same time."""
    database = connection.settings_dict
    if connection.vendor == "sqlite":
        (ROOT / "var").mkdir(exist_ok=True)
        database["TEST"]["NAME"] = str(ROOT / "var" / "screenshots.sqlite3")
    else:
        database["TEST"]["NAME"] = f"test_{database['NAME']}_screenshots"


def shoot(url: str, centre: int) -> list[Path]:
    from playwright.sync_api import sync_playwright

    from tests.e2e.browser import PHONE, launch

    OUT.mkdir(parents=True, exist_ok=True)
    written = []
    with sync_playwright() as playwright:
        browser = launch(playwright)
        for mode in ("normal", "elder"):
            context = browser.new_context(viewport=PHONE, locale="zh-CN")
            if mode == "elder":
                context.add_cookies([{"name": "elder_mode", "value": "1", "url": url}])
            page = context.new_page()
            suffix = "" if mode == "normal" else "-elder"

            page.goto(url + GUIDE)
            path = OUT / f"guide-page{suffix}.png"
            page.screenshot(path=path)
            written.append(path)

            page.goto(f"{url}/book/day/?matters=JS-MZ-01&centre={centre}")
            page.locator(".day-list a").first.click()
            page.wait_for_url("**/book/time/**")
            path = OUT / f"booking-time{suffix}.png"
            page.screenshot(path=path, full_page=True)
            written.append(path)
            context.close()
        browser.close()
    return written


def main() -> int:
    from tests.e2e.browser import CHROMIUM, NO_CHROMIUM

    if not CHROMIUM.exists():
        print(NO_CHROMIUM, file=sys.stderr)
        return 1
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from tests.e2e.scenario import create_scenario
    from tests.support.live import live_server

    _own_test_database(connection)
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        call_command("load_standard", verbosity=0)
        with live_server(workers=1) as server:
            scenario = create_scenario(server, residents=0)
            written = shoot(server.url, scenario["centre"])
    finally:
        test_name = connection.settings_dict["NAME"]
        connection.creation.destroy_test_db(old_name, verbosity=0)
        if connection.vendor == "sqlite":  # WAL mode leaves these beside the file
            for leftover in (f"{test_name}-wal", f"{test_name}-shm"):
                Path(leftover).unlink(missing_ok=True)
    for path in written:
        print(path.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main())
