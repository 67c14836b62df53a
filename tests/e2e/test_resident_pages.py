"""Issue 18 in Chromium on a phone, in standard, elder and English mode, with axe-core:
the centre page, the footer's pages, the appointment page's material table, and the
confirmation steps before cancelling and moving a booking."""

from __future__ import annotations

import re

import pytest

from .browser import CHROMIUM, NO_CHROMIUM, PHONE, AxeAudit, gettext_in, small_targets, small_text
from .scenario import PASSWORD

pytestmark = [pytest.mark.e2e, pytest.mark.skipif(not CHROMIUM.exists(), reason=NO_CHROMIUM)]

MODES = {
    "standard": {"language": "zh-hans", "elder": False, "resident": 0, "seq": 300},
    "elder": {"language": "zh-hans", "elder": True, "resident": 1, "seq": 301},
    "english": {"language": "en", "elder": False, "resident": 2, "seq": 302},
}

# Books 最低生活保障申请 (long material names) at the first start of the last bookable day.
BOOK = """
import json
from django.utils import timezone
from appointments import schedule, services
from centres import calendar
from centres.models import ServiceCentre
from django.contrib.auth import get_user_model
from guides.models import MatterPage
from tests.appointments.factories import applicant, id_number

centre = calendar.centre_with_calendar({centre})
now = timezone.now()
day = schedule.bookable_days(centre, now)[-1]
user = get_user_model().objects.get(email={email!r})
ServiceCentre.objects.filter(pk=centre.pk).update(
    phone="025-8777 0101", directions="地铁2号线元通站3号口出，步行200米。")
appointment = services.book_appointment(
    centre=centre, start=schedule.bookable_starts(centre, day, now)[0],
    matters=list(MatterPage.objects.filter(code="JS-MZ-01")),
    applicant=applicant(id_number=id_number(seq={seq})), booked_by=user)
print(json.dumps({{"reference": appointment.reference, "code": centre.code}}))
"""

# Lines an inline element is broken into, and its characters.
NAME_LINES = """() => [...document.querySelectorAll("table.checklist .name")].map(
  el => [el.textContent.trim(), el.getClientRects().length])"""


class Visit:
    def __init__(self, site, context, *, elder: bool) -> None:
        self.site, self.elder = site, elder
        self.page = context.new_page()
        self.audit = AxeAudit()
        self.small: list[str] = []

    def go(self, path: str) -> None:
        response = self.page.goto(self.site.url + path)
        assert response.status == 200, path
        self.arrived()

    def arrived(self) -> None:
        self.page.wait_for_load_state("load")
        self.audit.check(self.page, enhanced_contrast=self.elder)
        if self.elder:
            self.small += small_text(self.page, 24) + small_targets(self.page, 60)
        else:
            self.small += small_targets(self.page, 44)


@pytest.mark.parametrize("mode", list(MODES))
def test_resident_pages(site, browser, mode):
    setting = MODES[mode]
    t = gettext_in(setting["language"])
    email = site.residents[setting["resident"]]
    booked = site.server.run(BOOK.format(centre=site.centre, email=email, seq=setting["seq"]))
    reference, code = booked["reference"], booked["code"]
    session = site.server.login(email, PASSWORD)

    # The browser asks for English: the site stays Chinese unless English is chosen.
    context = browser.new_context(viewport=PHONE, locale="en-US")
    context.set_default_timeout(30_000)
    try:
        cookies = [{"name": "sessionid", "value": session.cookies["sessionid"]}]
        if setting["elder"]:
            cookies.append({"name": "elder_mode", "value": "1"})
        if setting["language"] == "en":
            cookies.append({"name": "django_language", "value": "en"})
        context.add_cookies([{**c, "url": site.url} for c in cookies])
        visit = Visit(site, context, elder=setting["elder"])
        page = visit.page
        main = page.get_by_role("main")

        visit.go("/")
        expected = "en" if setting["language"] == "en" else "zh-hans"
        assert page.evaluate("document.documentElement.lang") == expected
        body = page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
        assert body == (24 if setting["elder"] else 17), body

        # The appointment page: material names keep at least four characters a line.
        visit.go(f"/appointments/{reference}/")
        names = page.evaluate(NAME_LINES)
        assert len(names) > 3
        squeezed = [(n, lines) for n, lines in names if lines > max(1, -(-len(n) // 4))]
        assert not squeezed, squeezed
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

        # The centre page, from the appointment page.
        with page.expect_navigation():
            main.get_by_role("link", name=t("中心的开放时间、电话和路线")).click()
        assert page.url.endswith(f"/centres/{code}/")
        visit.arrived()
        assert (
            main.get_by_role("link", name=re.compile("025-8777 0101")).get_attribute("href")
            == "tel:02587770101"
        )
        assert main.get_by_role("link", name="12345").get_attribute("href") == "tel:12345"
        assert (
            main.get_by_role("link", name=t("高德地图"))
            .get_attribute("href")
            .startswith("https://uri.amap.com/")
        )
        assert page.locator("script[src^='http']").count() == 0
        assert page.get_by_role("table").get_by_role("row").count() == 8

        # The footer's pages.
        for name in ("网站地图", "无障碍声明", "联系我们"):
            page.goto(site.url + "/")
            footer = page.get_by_role("contentinfo")
            with page.expect_navigation():
                footer.get_by_role("link", name=t(name)).click()
            visit.arrived()
            assert page.get_by_role("heading", level=1).inner_text() == t(name)

        # Moving the booking: day, start–end times, then a confirmation before anything moves.
        visit.go(f"/appointments/{reference}/")
        with page.expect_navigation():
            main.get_by_role("link", name=t("改约到其他时间")).click()
        visit.arrived()
        with page.expect_navigation():
            page.locator(".day-list a").last.click()
        visit.arrived()
        assert page.locator(".day-list a[aria-current=date]").count() == 1
        first_time = page.locator(".slot-list a.button").last
        assert re.match(r"\d\d:\d\d–\d\d:\d\d", first_time.inner_text())
        with page.expect_navigation():
            first_time.click()
        visit.arrived()
        assert page.get_by_role("heading", level=1).inner_text() == t("确认改到这个时间？")
        assert page.locator(".button.primary").count() == 1
        with page.expect_navigation():
            main.get_by_role("button", name=t("确认改约")).click()
        assert page.url.endswith(f"/appointments/{reference}/")
        visit.arrived()

        # Cancelling: a page that says what will happen, then the one primary button.
        with page.expect_navigation():
            main.get_by_role("link", name=t("取消预约")).click()
        visit.arrived()
        assert page.get_by_role("heading", level=1).inner_text() == t("确定要取消这次预约吗？")
        assert main.get_by_role("link", name=t("不取消，返回预约详情")).is_visible()
        with page.expect_navigation():
            main.get_by_role("button", name=t("确认取消预约")).click()
        visit.arrived()
        assert t("预约已取消，时段已释放。") in main.inner_text()

        visit.audit.assert_clean()
        assert not visit.small, "too small for elder mode or a finger:\n" + "\n".join(visit.small)
    finally:
        context.close()
