"""A real server (gunicorn on a copy of the test database) and headless Chromium."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from tests.support.live import LiveServer, live_server

from .browser import CHROMIUM, NO_CHROMIUM, PHONE, launch
from .scenario import create_scenario


@dataclass
class Site:
    server: LiveServer
    url: str
    centre: int
    residents: list[str]


@pytest.fixture(scope="module")
def chromium_present():
    if not CHROMIUM.exists():
        pytest.skip(NO_CHROMIUM)


@pytest.fixture(scope="module")
def site(chromium_present, django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), live_server(workers=2) as server:
        scenario = create_scenario(server, residents=4)
        yield Site(server, server.url, scenario["centre"], scenario["residents"])


@pytest.fixture(scope="module")
def browser(site):
    # Started after the server (and stopped before it): Playwright's sync API
    # runs an event loop, and Django refuses database work while one is running.
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = launch(playwright)
        yield chromium
        chromium.close()


@pytest.fixture
def phone(browser):
    """A fresh phone-sized browser context (no cookies) for one test, set to Chinese."""
    context = browser.new_context(viewport=PHONE, locale="zh-CN")
    context.set_default_timeout(30_000)
    yield context
    context.close()
