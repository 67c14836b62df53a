"""Headless Chromium for the browser tests: launch, axe-core, keyboard and size checks.

Debian's ``chromium`` package is driven by Playwright; Playwright's own browser
downloads are never used. axe-core comes inside the axe-playwright-python
package, so the checks run offline.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from axe_playwright_python.sync_playwright import Axe
from django.utils import translation

logger = logging.getLogger(__name__)

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
NO_CHROMIUM = f"headless Chromium is not installed at {CHROMIUM} (apt-get install chromium)"
PHONE = {"width": 390, "height": 844}

# What a test fails on; "moderate" and "minor" findings are printed only.
BLOCKING_IMPACTS = {"serious", "critical"}

# Everything a finger or a pointer is meant to hit. Checkboxes and radios are
# hit through their whole row (.choice, the label included); links inside
# running text are exempt, as in WCAG 2.5.8.
TARGETS = ", ".join(
    [
        "a.button",
        "button",
        "input:not([type=hidden]):not([type=checkbox]):not([type=radio])",
        "select",
        "summary",
        ".switch",
        ".cards a",
        ".choice",
        ".links a",
        ".results a",
        ".toc a",
    ]
)


def launch(playwright):
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)


def gettext_in(language: str) -> Callable[[str], str]:
    """The interface's own translation, so a test names controls as the reader sees them."""

    def translate(message: str) -> str:
        with translation.override(language):
            return translation.gettext(message)

    return translate


class AxeAudit:
    """Runs axe-core on every page it is shown and collects what blocks a reader."""

    def __init__(self) -> None:
        self.axe = Axe()
        self.pages: list[str] = []
        self.failures: list[str] = []
        self.notes: list[str] = []

    def check(self, page, *, enhanced_contrast: bool = False) -> None:
        """axe-core's WCAG checks; ``enhanced_contrast`` adds AAA's 7:1 (elder mode)."""
        where = page.url
        self.pages.append(where)
        options: dict = {"resultTypes": ["violations"]}
        if enhanced_contrast:
            options["rules"] = {"color-contrast-enhanced": {"enabled": True}}
        results = self.axe.run(page, options=options)
        for violation in results.response["violations"]:
            nodes = "; ".join(" ".join(node["target"]) for node in violation["nodes"][:5])
            line = (
                f"{where}: {violation['id']} ({violation['impact']}) {violation['help']}: {nodes}"
            )
            if violation["impact"] in BLOCKING_IMPACTS:
                self.failures.append(line)
            else:
                self.notes.append(line)

    def assert_clean(self) -> None:
        # Minor findings go to the log, which pytest shows with a failing test.
        for note in self.notes:
            logger.info("axe (not blocking): %s", note)
        assert not self.failures, "axe-core found serious or critical violations:\n" + "\n".join(
            self.failures
        )


FOCUS_IS_VISIBLE = """el => {
  const style = getComputedStyle(el);
  const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2;
  return outline || style.boxShadow !== "none";
}"""


def tab_to(page, locator, *, limit: int = 250) -> None:
    """Press Tab until ``locator`` has the focus, as a keyboard user would.

    Every element passed on the way must show where the focus is.
    """
    target = locator.element_handle()
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate_handle("document.activeElement")
        assert page.evaluate(FOCUS_IS_VISIBLE, focused), "no visible focus on " + page.evaluate(
            "el => el.outerHTML.slice(0, 200)", focused
        )
        if page.evaluate("([a, b]) => a === b", [focused, target]):
            return
    raise AssertionError(f"Tab never reached {locator} on {page.url}")


SMALL_TARGETS = """([selector, minimum]) => {
  const small = [];
  for (const el of document.querySelectorAll(selector)) {
    const box = el.getBoundingClientRect();
    if (!el.getClientRects().length || getComputedStyle(el).visibility === "hidden") continue;
    if (el.closest(".visually-hidden")) continue;
    if (box.width + 0.5 < minimum || box.height + 0.5 < minimum) {
      const name = (el.innerText || el.value || el.name || "").trim().slice(0, 30);
      small.push(`${el.tagName.toLowerCase()}.${el.className} "${name}" ${Math.round(box.width)}x${Math.round(box.height)}`);
    }
  }
  return small;
}"""

SMALL_TEXT = """minimum => {
  const small = new Set();
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const text = walker.currentNode.textContent.trim();
    const el = walker.currentNode.parentElement;
    if (!text || !el || !el.getClientRects().length || el.closest(".visually-hidden, [aria-hidden=true]")) continue;
    const size = parseFloat(getComputedStyle(el).fontSize);
    if (size + 0.01 < minimum) small.add(`${el.tagName.toLowerCase()}.${el.className} "${text.slice(0, 20)}" ${size}px`);
  }
  return [...small];
}"""


def small_targets(page, minimum: float) -> list[str]:
    """Targets narrower or lower than ``minimum`` CSS pixels."""
    return [f"{page.url}: {t}" for t in page.evaluate(SMALL_TARGETS, [TARGETS, minimum])]


def small_text(page, minimum: float) -> list[str]:
    """Visible text set smaller than ``minimum`` CSS pixels."""
    return [f"{page.url}: {t}" for t in page.evaluate(SMALL_TEXT, minimum)]


CONTROLS = """() => [...document.querySelectorAll(
    "a[href], button, input:not([type=hidden]), select, textarea, summary")]
  .filter(el => el.getClientRects().length && !el.closest(".switches"))
  .map(el => `${el.tagName.toLowerCase()} ${(el.innerText || el.value || el.name || "").trim()}`)"""


def controls(page) -> list[str]:
    """What a reader can use on the page (the display switches aside), in order."""
    return page.evaluate(CONTROLS)
