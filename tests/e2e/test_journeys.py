"""A resident's journeys in headless Chromium, with axe-core on every page (issue #8).

Journey 1: search "低保", open the guide, book it (logging in when asked), and
see the appointment with its reference and QR code; done with the keyboard
only. Journey 4: the same with elder mode on, and in English. Journey 5:
axe-core on every page visited. The HR officer's and the clerk's journeys are in
test_counter_and_batch.py.
"""

from __future__ import annotations

import re

import pytest

from tests.appointments.factories import id_number

from .browser import (
    CHROMIUM,
    NO_CHROMIUM,
    PHONE,
    AxeAudit,
    controls,
    gettext_in,
    small_targets,
    small_text,
    tab_to,
)
from .scenario import CENTRE_NAME, PASSWORD

pytestmark = [pytest.mark.e2e, pytest.mark.skipif(not CHROMIUM.exists(), reason=NO_CHROMIUM)]

GUIDE = "最低生活保障申请"

# Each journey books for another resident: one booking per person and matter.
JOURNEYS = {
    "keyboard": {"language": "zh-hans", "elder": False, "resident": 0},
    "elder": {"language": "zh-hans", "elder": True, "resident": 1},
    "english": {"language": "en", "elder": False, "resident": 2},
}


class Journey:
    """One resident in one browser context; every page reached is checked with axe-core."""

    def __init__(self, site, context, *, language: str, elder: bool, keyboard: bool) -> None:
        self.site = site
        self.page = context.new_page()
        self.t = gettext_in(language)
        self.elder = elder
        self.keyboard = keyboard
        self.audit = AxeAudit()
        self.small: list[str] = []

    def arrived(self) -> None:
        """Checks for every page: axe-core, and elder mode's sizes."""
        self.page.wait_for_load_state("load")
        self.audit.check(self.page, enhanced_contrast=self.elder)
        if self.elder:
            assert self.page.evaluate("document.documentElement.classList.contains('elder')")
            self.small += small_text(self.page, 20) + small_targets(self.page, 60)
        else:
            self.small += small_targets(self.page, 44)

    def hides_nothing(self) -> None:
        """Elder mode offers every link, button and field that standard mode does."""
        standard = self.page.context.browser.new_context(viewport=PHONE, locale="zh-CN")
        try:
            other = standard.new_page()
            other.goto(self.page.url)
            assert controls(self.page) == controls(other)
        finally:
            standard.close()

    def activate(self, locator) -> None:
        """Follow a link or press a button: by Tab and Enter, or by a click."""
        if self.keyboard:
            tab_to(self.page, locator)
            with self.page.expect_navigation():
                self.page.keyboard.press("Enter")
        else:
            with self.page.expect_navigation():
                locator.click()

    def fill(self, locator, text: str) -> None:
        if self.keyboard:
            tab_to(self.page, locator)
            self.page.keyboard.press("Control+A")
            self.page.keyboard.type(text)
        else:
            locator.fill(text)

    def tick(self, locator) -> None:
        if self.keyboard:
            tab_to(self.page, locator)
            self.page.keyboard.press("Space")
        else:
            locator.check()
        assert locator.is_checked()


def book_the_guide(journey: Journey, *, email: str, applicant_id: str) -> str:
    page, t = journey.page, journey.t
    main = page.get_by_role("main")

    # Search in everyday words from the header's search box.
    # The box is a searchbox, or a combobox once the suggestions script has run.
    journey.fill(page.get_by_label(t("搜索办事事项")).and_(page.locator("input")), "低保")
    journey.activate(page.get_by_role("button", name=t("搜索"), exact=True))
    assert "/search/" in page.url
    journey.arrived()

    journey.activate(main.get_by_role("link", name=GUIDE))
    assert page.get_by_role("heading", level=1).inner_text() == GUIDE
    assert "JS-MZ-01" in main.inner_text()
    journey.arrived()
    if journey.elder:
        journey.hides_nothing()

    # 最低生活保障申请 has one situation, so the booking starts at the centre.
    # The top one of the two book buttons (the other ends the page).
    journey.activate(main.get_by_role("link", name=t("预约办理此事项")).first)
    assert "/book/centre/" in page.url
    journey.arrived()
    journey.fill(page.get_by_label(t("按名称或县区查找")), CENTRE_NAME[:4])
    journey.activate(main.get_by_role("button", name=t("查找")))
    journey.arrived()
    journey.activate(main.get_by_role("link", name=re.compile(f"^{CENTRE_NAME} ")))

    assert "/book/day/" in page.url
    journey.arrived()
    # The last day offered: far enough from now that its times cannot run out mid-test.
    journey.activate(page.locator(".day-list a").last)

    assert "/book/time/" in page.url
    journey.arrived()
    if journey.elder:
        journey.hides_nothing()
    journey.activate(page.locator(".slot-list a.button").first)

    # Booking needs an account: allauth's login page, then back to the same step.
    assert "/accounts/login/" in page.url
    journey.arrived()
    journey.fill(page.get_by_role("textbox", name=re.compile("mail|邮", re.I)), email)
    journey.fill(page.get_by_label(re.compile("Password|密码")), PASSWORD)
    journey.activate(main.get_by_role("button", name=re.compile("Sign In|登录")))

    assert "/book/confirm/" in page.url
    journey.arrived()
    journey.fill(page.get_by_label(t("申请人姓名")), "高秀英")
    journey.fill(page.get_by_label(t("居民身份证号")), applicant_id[:-1])
    journey.fill(page.get_by_label(t("手机号码")), "13951234567")
    # Missing materials and a short ID number: the page says so, beside the field.
    journey.activate(main.get_by_role("button", name=t("确认预约")))
    journey.arrived()
    id_field = page.get_by_label(t("居民身份证号"))
    assert id_field.get_attribute("aria-invalid") == "true"
    described = id_field.get_attribute("aria-describedby")
    assert described and page.locator(f"#{described}").inner_text().strip()
    assert page.get_by_role("alert").count() >= 1

    journey.fill(id_field, applicant_id)
    materials = page.get_by_role("group", name=t("请逐项确认要带的材料")).get_by_role("checkbox")
    assert materials.count() > 3
    # The right ID number but one material left out: that box is named as the error.
    for n in range(1, materials.count()):
        journey.tick(materials.nth(n))
    journey.activate(main.get_by_role("button", name=t("确认预约")))
    journey.arrived()
    first = materials.first
    assert first.get_attribute("aria-invalid") == "true"
    assert page.locator("#" + first.get_attribute("aria-describedby")).is_visible()
    journey.tick(first)
    journey.activate(main.get_by_role("button", name=t("确认预约")))

    # The appointment: its reference and the QR image of the ticket.
    assert re.search(r"/appointments/[A-Z0-9-]+/$", page.url), page.url
    journey.arrived()
    # The confirmation panel right after booking (issue 18), with the reference in it.
    assert page.locator(".panel-confirmation").is_visible()
    reference = page.locator(".reference").inner_text().strip()
    assert reference and reference in page.url
    qr = page.get_by_role("img", name=t("预约二维码，到窗口出示扫码"))
    assert qr.evaluate("img => img.complete && img.naturalWidth > 0")
    ticket = qr.get_attribute("src").removesuffix("/qr.svg")

    journey.activate(page.get_by_role("link", name=t("我的全部预约")))
    assert reference in page.get_by_role("main").inner_text()
    journey.arrived()

    # The public page behind the QR code, as the counter's scanner opens it.
    page.goto(journey.site.url + ticket)
    assert reference in page.get_by_role("main").inner_text()
    journey.arrived()
    return reference


@pytest.mark.parametrize("name", list(JOURNEYS))
def test_resident_books_a_guide(site, phone, name):
    setting = JOURNEYS[name]
    journey = Journey(
        site, phone, language=setting["language"], elder=False, keyboard=name == "keyboard"
    )
    page, t = journey.page, journey.t
    page.goto(site.url + "/")
    journey.arrived()
    if setting["elder"]:
        journey.activate(page.get_by_role("link", name=t("长辈模式（大字）")))
        journey.elder = True  # from here on every page is checked for elder mode's sizes
        journey.arrived()
    if setting["language"] == "en":
        journey.activate(page.get_by_role("link", name="English"))
        assert page.evaluate("document.documentElement.lang") == "en"
        journey.arrived()

    book_the_guide(
        journey,
        email=site.residents[setting["resident"]],
        applicant_id=id_number(seq=100 + setting["resident"]),
    )
    if setting["elder"]:
        # Elder mode survived the whole journey, and the switch back is on every page.
        assert page.get_by_role("link", name=t("标准模式")).is_visible()
        body = page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
        assert body >= 20, body
    journey.audit.assert_clean()
    assert not journey.small, "too small for elder mode or a finger:\n" + "\n".join(journey.small)


def test_browsing_guides_and_printing_a_checklist(site, phone):
    """Home, the guide index, a bundle and the printable checklist, with axe-core on each."""
    journey = Journey(site, phone, language="zh-hans", elder=False, keyboard=False)
    page = journey.page
    page.goto(site.url + "/")
    journey.arrived()
    # The first Tab shows the skip link; Enter moves the focus past the header.
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="跳到正文")
    assert skip.evaluate("a => a === document.activeElement")
    box = skip.bounding_box()
    assert box and box["x"] >= 0 and box["y"] >= 0
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    page.goto(site.url + "/guides/")
    journey.arrived()
    journey.activate(page.get_by_role("main").get_by_role("link", name="新生儿出生一件事"))
    assert "JS-B-02" in page.get_by_role("main").inner_text()
    journey.arrived()
    journey.activate(page.get_by_role("link", name="打印材料清单"))
    assert "/checklist/" in page.url
    journey.arrived()
    page.emulate_media(media="print")
    assert page.locator(".site-header").is_hidden()
    assert page.locator("table.checklist").is_visible()
    journey.audit.assert_clean()
    assert not journey.small, "\n".join(journey.small)
