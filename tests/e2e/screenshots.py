"""Regenerate docs/screenshots/: home, guide, bundle and the booking time picker.

Run by ``make screenshots`` (``python -m tests.e2e.screenshots``). It builds a
database of its own (the standard plus one demo centre, apart from pytest's
test database), serves it with gunicorn, and photographs each page in normal
and in elder mode with Debian's headless Chromium: on a phone (390 px) and, for the
home, guide and bundle pages, on a desktop (1280 px), in Chinese.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "docs" / "screenshots"
GUIDE = "/guides/js-mz-01/"
DESKTOP = {"width": 1280, "height": 900}
# Pages photographed whole on a phone and on a desktop: (file name, path).
PAGES = (
    ("home", "/"),
    ("guide-situation", "/guides/js-mz-03/?situation=JS-MZ-03-02#materials"),
    ("bundle-page", "/guides/js-b-02/"),
)


# A few bookings, so that the home page has its most used matters to show.
BOOKINGS = """
import itertools, json
from django.contrib.auth import get_user_model
from django.utils import timezone
from appointments import schedule, services
from centres import calendar
from guides.models import MatterPage
from tests.appointments.factories import applicant

centre = calendar.centre_with_calendar({centre})
now = timezone.now()
day = schedule.bookable_days(centre, now)[0]
starts = itertools.cycle(schedule.bookable_starts(centre, day, now))
user, _ = get_user_model().objects.get_or_create(
    username="screenshots@demo.local", defaults={{"email": "screenshots@demo.local"}})
booked = 0
for code, times in (("JS-MZ-04", 3), ("JS-WJ-01", 2), ("JS-RS-05", 2), ("JS-MZ-01", 1)):
    for _ in range(times):
        services.book_appointment(
            centre=centre, start=next(starts), matters=[MatterPage.objects.get(code=code)],
            applicant=applicant(), booked_by=user)
        booked += 1
print(json.dumps({{"booked": booked}}))
"""


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
            # The end of the guide: the history and the book button at the bottom.
            page.locator("#history").scroll_into_view_if_needed()
            path = OUT / f"guide-page-end{suffix}.png"
            page.screenshot(path=path)
            written.append(path)
            for name, where in PAGES:
                page.goto(url + where)
                path = OUT / f"{name}{suffix}.png"
                page.screenshot(path=path)
                written.append(path)

            page.goto(f"{url}/book/day/?matters=JS-MZ-01&centre={centre}")
            page.locator(".day-list a").first.click()
            page.wait_for_url("**/book/time/**")
            path = OUT / f"booking-time{suffix}.png"
            page.screenshot(path=path, full_page=True)
            written.append(path)
            context.close()
        context = browser.new_context(viewport=DESKTOP, locale="zh-CN")
        page = context.new_page()
        for name, where in (("guide-page", GUIDE), *PAGES):
            page.goto(url + where)
            path = OUT / f"{name}-desktop.png"
            page.screenshot(path=path)
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
            server.run(BOOKINGS.format(centre=scenario["centre"]))
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
