"""The API documentation renders from this site alone (issue 16: Swagger UI came from a CDN)."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import sync_playwright

from .browser import CHROMIUM, NO_CHROMIUM, launch

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db,
    pytest.mark.skipif(not CHROMIUM.exists(), reason=NO_CHROMIUM),
]


def test_api_docs_render_with_no_outside_request_and_no_csp_violation(site):
    host = urlsplit(site.url).netloc
    requested: list[str] = []
    violations: list[str] = []
    with sync_playwright() as playwright:
        browser = launch(playwright)
        try:
            page = browser.new_page()
            page.on("request", lambda request: requested.append(request.url))
            page.on(
                "console",
                lambda message: (
                    violations.append(message.text)
                    if "Content Security Policy" in message.text
                    else None
                ),
            )
            page.goto(f"{site.url}/api/v1/docs")
            # Swagger UI has read the schema and drawn the operations.
            page.wait_for_selector(".opblock-summary-path", timeout=30_000)
            paths = page.locator(".opblock-summary-path").all_inner_texts()
        finally:
            browser.close()
    assert any("/api/v1/centres" in p for p in paths)
    outside = [
        url
        for url in requested
        if urlsplit(url).scheme in ("http", "https") and urlsplit(url).netloc != host
    ]
    assert outside == []
    assert violations == []
