"""Flow-back pages in headless Chromium with axe-core (issue #7).

An applicant whose case was completed opens the ticket on a phone, follows
"rate this service", and gives a low score with a comment; the centre
manager finds the follow-up and answers it; a county official reads the
dashboard, whose charts carry text alternatives, and downloads a table.
"""

from __future__ import annotations

import pytest

from .browser import CHROMIUM, NO_CHROMIUM, AxeAudit
from .scenario import PASSWORD
from .test_counter_and_batch import MODES, checked, set_mode

pytestmark = [pytest.mark.e2e, pytest.mark.skipif(not CHROMIUM.exists(), reason=NO_CHROMIUM)]

SCENARIO = """
import datetime as dt, json
from django.utils import timezone
from accounts.services import add_official, add_staff
from appointments import schedule, services
from appointments.selectors import checklist_of
from appointments.tickets import ticket_token
from casework import services as counter
from guides.selectors import matters_with_materials
from tests.appointments.factories import applicant, make_open_centre, make_user

centre = make_open_centre("E2ERATE")
midnight = timezone.make_aware(dt.datetime.combine(timezone.localdate(), dt.time(0, 1)))
start = schedule.bookable_starts(centre, timezone.localdate(), midnight)[0]
clerk = add_staff(email="rate-clerk@e2e.local", centre=centre, role="clerk", password=PASSWORD)
add_staff(email="rate-manager@e2e.local", centre=centre, role="manager", password=PASSWORD)
add_official(email="county@e2e.local", role="county", county=centre.county, password=PASSWORD)
tokens = []
for n in range(4):
    a = services.book_appointment(
        centre=centre, start=start, matters=matters_with_materials(["JS-MZ-01"]),
        applicant=applicant(name="高秀英"), booked_by=make_user(f"gao{n}@e2e.local"), now=midnight)
    counter.scan_ticket(code=a.reference, clerk=clerk)
    case = counter.accept_intake(appointment=a, clerk=clerk, received=[x.material_id for x in checklist_of(a)])
    counter.complete_case(case=case, clerk=clerk)
    tokens.append(ticket_token(a.reference))
print(json.dumps({"tokens": tokens}))
"""


@pytest.fixture(scope="module")
def rated_site(site):
    return site.server.run(SCENARIO.replace("PASSWORD", repr(PASSWORD)))


def staff_login(page, url: str, email: str, next_path: str) -> None:
    page.goto(f"{url}/admin/login/?next={next_path}")
    page.locator("#id_login").fill(email)
    page.locator("#id_password").fill(PASSWORD)
    with page.expect_navigation():
        page.locator("#id_password").press("Enter")
    assert page.url.endswith(next_path), page.url


@pytest.mark.parametrize("mode", list(MODES))
def test_applicant_rates_a_completed_case_from_the_ticket(site, phone, rated_site, mode):
    t, elder = set_mode(phone, site.url, mode)
    token = rated_site["tokens"][list(MODES).index(mode)]
    audit = AxeAudit()
    page = phone.new_page()
    page.goto(f"{site.url}/t/{token}")
    checked(audit, page, elder)
    with page.expect_navigation():
        page.locator("a[href^='/rate/']").first.click()
    assert "/rate/" in page.url
    checked(audit, page, elder)

    # Submitting without a score is refused with a message, and nothing is saved.
    with page.expect_navigation():
        page.get_by_role("button", name=t("提交评价")).click()
    assert page.get_by_role("alert").inner_text().strip()
    checked(audit, page, elder)

    page.locator("label.score-option", has=page.locator("input[value='2']")).click()
    page.locator("textarea[name=comment]").fill("等候时间太长，叫号屏看不清。")
    with page.expect_navigation():
        page.get_by_role("button", name=t("提交评价")).click()
    checked(audit, page, elder)
    text = page.get_by_role("main").inner_text()
    assert "2" in text and "等候时间太长" in text
    assert page.get_by_role("button", name=t("提交评价")).count() == 0
    audit.assert_clean()


def test_manager_answers_the_follow_up_and_official_reads_the_dashboard(site, browser, rated_site):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    context.set_default_timeout(30_000)
    audit = AxeAudit()
    page = context.new_page()
    page.goto(f"{site.url}/t/{rated_site['tokens'][3]}")
    with page.expect_navigation():
        page.locator("a[href^='/rate/']").first.click()
    page.locator("label.score-option", has=page.locator("input[value='1']")).click()
    with page.expect_navigation():
        page.get_by_role("button", name="提交评价").click()

    staff_login(page, site.url, "rate-manager@e2e.local", "/counter/follow-ups/")
    audit.check(page)
    with page.expect_navigation():
        page.locator("tbody a").first.click()
    audit.check(page)
    page.get_by_role("textbox").first.fill("已调整叫号屏亮度并增派一名导办员。")
    with page.expect_navigation():
        page.get_by_role("button", name="提交回复").click()
    assert "已调整叫号屏亮度" in page.get_by_role("main").inner_text()
    context.clear_cookies()

    staff_login(page, site.url, "county@e2e.local", "/dashboard/")
    audit.check(page)
    charts = page.locator("svg[role=img]")
    assert charts.count() >= 3
    for n in range(charts.count()):
        assert (
            charts.nth(n).get_attribute("aria-labelledby") or charts.nth(n).locator("title").count()
        )
    main = page.get_by_role("main").inner_text()
    assert "高秀英" not in main
    with page.expect_download() as download:
        page.get_by_role("link", name="CSV").first.click()
    assert download.value.path().read_bytes().startswith(b"\xef\xbb\xbf")
    audit.assert_clean()
    context.close()
