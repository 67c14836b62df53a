"""The search box's suggestions in headless Chromium: keyboard, screen readers, no JavaScript.

A real server (gunicorn on a copy of the test database) and Debian's
Chromium driven by Playwright; axe-core checks the page with the list open.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.live import live_server

pytestmark = pytest.mark.e2e

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"]


@pytest.fixture(scope="module")
def server(django_db_setup, django_db_blocker):
    if not CHROMIUM.exists():
        pytest.skip(f"headless Chromium is not installed at {CHROMIUM}")
    with django_db_blocker.unblock(), live_server(workers=1) as server:
        yield server


@pytest.fixture(scope="module")
def browser(server):
    # Started after the server: Playwright's sync API runs an event loop, and
    # Django refuses database work while one is running.
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    # Chinese, as most residents read it; Chromium would otherwise ask for English.
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN")
    context.set_default_timeout(20_000)
    yield context.new_page()
    context.close()


def open_suggestions(page, server, words: str):
    from playwright.sync_api import expect

    page.goto(f"{server.url}/")
    box = page.locator("#site-search")
    box.focus()
    page.keyboard.type(words)
    expect(page.locator("#site-search-suggestions")).to_be_visible()
    return box


def test_keyboard_and_screen_reader_semantics(page, server):
    from axe_playwright_python.sync_playwright import Axe
    from playwright.sync_api import expect

    box = open_suggestions(page, server, "dibao")
    listbox = page.locator("#site-search-suggestions")
    assert box.get_attribute("role") == "combobox"
    assert box.get_attribute("aria-controls") == "site-search-suggestions"
    assert box.get_attribute("aria-expanded") == "true"
    assert listbox.get_attribute("role") == "listbox"
    assert listbox.get_attribute("aria-labelledby")
    first = listbox.locator("[role=option]").first
    expect(first).to_contain_text("最低生活保障申请")
    expect(first).to_contain_text("也叫“低保”")
    expect(page.locator(".search-box [role=status]")).to_contain_text("条建议")

    # Down moves through the options while the focus stays in the box.
    page.keyboard.press("ArrowDown")
    active = box.get_attribute("aria-activedescendant")
    assert active and page.locator(f"#{active}").get_attribute("aria-selected") == "true"
    assert page.evaluate("document.activeElement.id") == "site-search"
    page.keyboard.press("ArrowUp")
    assert box.get_attribute("aria-activedescendant") != active

    violations = Axe().run(page, options={"resultTypes": ["violations"]}).response["violations"]
    blocking = [v["id"] for v in violations if v["impact"] in ("serious", "critical")]
    assert not blocking, blocking

    # Escape closes the list, a second Escape empties the box.
    page.keyboard.press("Escape")
    expect(listbox).to_be_hidden()
    assert box.get_attribute("aria-expanded") == "false"
    assert box.input_value() == "dibao"
    page.keyboard.press("Escape")
    assert box.input_value() == ""


def test_enter_on_a_suggestion_opens_its_guide(page, server):
    open_suggestions(page, server, "社保卡丢了")
    page.keyboard.press("ArrowDown")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith("/guides/js-rs-05/")


def test_enter_without_a_choice_searches_as_before(page, server):
    open_suggestions(page, server, "低保")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "/search/?q=" in page.url
    assert page.locator(".results li").count() >= 2


def test_without_javascript_the_box_is_a_plain_form(browser, server):
    context = browser.new_context(java_script_enabled=False, locale="zh-CN")
    page = context.new_page()
    page.goto(f"{server.url}/")
    box = page.locator("#site-search")
    assert box.get_attribute("role") is None
    box.fill("社保卡丢了")
    with page.expect_navigation():
        box.press("Enter")
    assert "/search/?q=" in page.url
    assert "社会保障卡申领" in page.locator(".results").inner_text()
    context.close()
