"""The counter's queue in headless Chromium, with axe-core (issue #13).

Journey 4: reception scans a booked resident's ticket and prints a number; a
clerk presses 叫下一位, lands on the pre-filled intake, ticks everything with
全部已收 and accepts: three actions. Journey 5: a resident whose case was
returned for completion (补正) comes back; the clerk finds the case by ID
number, records the material and completes the case. Both in standard and
elder mode.
"""

from __future__ import annotations

import pytest

from .browser import CHROMIUM, NO_CHROMIUM, AxeAudit
from .scenario import PASSWORD
from .test_counter_and_batch import checked, set_mode

pytestmark = [pytest.mark.e2e, pytest.mark.skipif(not CHROMIUM.exists(), reason=NO_CHROMIUM)]

MODES = ["standard", "elder"]

# One centre per mode, so each journey's "call next" finds its own resident.
QUEUE_SCENARIO = """
import datetime as dt, json
from django.utils import timezone
from accounts.services import add_staff
from appointments import schedule, services
from appointments.selectors import checklist_of
from core.personal_data import reveal
from appointments.tickets import ticket_token
from casework import services as counter
from guides.selectors import matters_with_materials
from tests.appointments.factories import applicant, make_open_centre, make_user

midnight = timezone.make_aware(dt.datetime.combine(timezone.localdate(), dt.time(0, 1)))
out = {}
for mode in ("standard", "elder"):
    centre = make_open_centre(f"E2EQ{mode[0].upper()}", counters=10, name="锁金村街道便民服务中心")
    start = schedule.bookable_starts(centre, timezone.localdate(), midnight)[0]
    def book(n, name):
        return services.book_appointment(
            centre=centre, start=start, matters=matters_with_materials(["JS-MZ-03"]),
            situation_codes=["JS-MZ-03-02"], applicant=applicant(name=name),
            booked_by=make_user(f"q{mode}{n}@e2e.local"), now=midnight)
    queued, returned = book(1, "王大爷"), book(2, "李秀兰")
    clerk = add_staff(email=f"clerk-{mode}@e2e.local", centre=centre, role="clerk", password=PASSWORD)
    counter.scan_ticket(code=returned.reference, clerk=clerk, counter=1)
    lines = checklist_of(returned)
    case = counter.accept_intake(appointment=returned, clerk=clerk,
        received=[x.material_id for x in lines if x.name != "银行卡"])
    out[mode] = {"centre": centre.code, "token": ticket_token(queued.reference),
                 "reference": queued.reference, "case": case.case_number,
                 "id_number": reveal(returned.applicant_id_encrypted)}
print(json.dumps(out))
"""


@pytest.fixture(scope="module")
def queue_site(site):
    return site.server.run(QUEUE_SCENARIO.replace("PASSWORD", repr(PASSWORD)))


def log_in(page, url: str, email: str) -> None:
    page.goto(f"{url}/counter/")
    page.locator("#id_login").fill(email)
    page.locator("#id_password").fill(PASSWORD)
    with page.expect_navigation():
        page.locator("#id_password").press("Enter")
    assert page.url.endswith("/counter/")


@pytest.mark.parametrize("mode", MODES)
def test_reception_then_call_then_intake_in_three_actions(site, phone, queue_site, mode):
    _t, elder = set_mode(phone, site.url, mode)
    scenario = queue_site[mode]
    audit = AxeAudit()
    page = phone.new_page()
    log_in(page, site.url, f"clerk-{mode}@e2e.local")

    # Reception: the ticket scanned, a number printed.
    page.goto(f"{site.url}/counter/reception/")
    checked(audit, page, elder)
    assert page.evaluate("document.activeElement.id") == "scan-code"
    with page.expect_navigation():
        page.keyboard.type(f"{site.url}/t/{scenario['token']}\n", delay=5)
    number = page.locator("#slip-number").inner_text().strip()
    assert number.startswith("A") and page.url.endswith(f"/counter/slip/{number}/")
    checked(audit, page, elder)

    # A counter calls the next person and lands on their intake.
    page.goto(f"{site.url}/counter/")
    page.locator("#counter-no").fill("3")
    with page.expect_navigation():
        page.get_by_role("button", name="叫下一位").click()
    assert page.url.endswith(f"/counter/intake/{scenario['reference']}/")
    checked(audit, page, elder)
    main = page.get_by_role("main").inner_text()
    assert "王大爷" in main and number in main and "预计用时" in main

    # The hall shows the call, in Chinese.
    hall = phone.new_page()
    hall.goto(f"{site.url}/hall/{scenario['centre']}/")
    assert f"请 {number} 号到 3 号窗口" in hall.locator("#hall-now").inner_text()
    assert hall.evaluate("document.documentElement.lang") == "zh-Hans"
    checked(audit, hall, False)  # the hall has its own large type, in every mode
    hall.close()

    # 全部已收, then 受理: the button is in view on a counter's screen.
    page.set_viewport_size({"width": 1280, "height": 900})
    page.get_by_role("button", name="全部已收").click()
    assert page.locator("input[value=missing]:checked").count() == 0
    accept = page.get_by_role("button", name="受理", exact=True)
    assert accept.evaluate("b => b.getBoundingClientRect().bottom <= window.innerHeight")
    with page.expect_navigation():
        accept.click()
    assert "/counter/cases/" in page.url
    assert "已受理" in page.get_by_role("main").inner_text()
    checked(audit, page, elder)
    audit.assert_clean()


@pytest.mark.parametrize("mode", MODES)
def test_a_returned_applicant_comes_back_and_the_case_is_completed(site, phone, queue_site, mode):
    _t, elder = set_mode(phone, site.url, mode)
    scenario = queue_site[mode]
    audit = AxeAudit()
    page = phone.new_page()
    log_in(page, site.url, f"clerk-{mode}@e2e.local")
    assert scenario["case"] in page.get_by_role("main").inner_text()  # 待补正的办件

    # Found by the ID number the applicant hands over.
    page.locator("#find-q").fill(scenario["id_number"])
    with page.expect_navigation():
        page.locator("#find-q").press("Enter")
    assert page.url.endswith(f"/counter/cases/{scenario['case']}/")
    checked(audit, page, elder)
    assert "银行卡" in page.get_by_role("status").last.inner_text()

    # Completing with the card still missing needs a reason.
    with page.expect_navigation():
        page.get_by_role("button", name="办结").click()
    assert "银行卡" in page.get_by_role("alert").inner_text()
    checked(audit, page, elder)

    page.get_by_label("银行卡").check()
    with page.expect_navigation():
        page.get_by_role("button", name="登记补交材料").click()
    assert "已受理" in page.locator(".summary").inner_text()
    with page.expect_navigation():
        page.get_by_role("button", name="办结").click()
    text = page.get_by_role("main").inner_text()
    assert "已办结" in text and "收到补正材料" in text
    checked(audit, page, elder)
    audit.assert_clean()


@pytest.mark.parametrize("mode", MODES)
def test_a_walk_in_is_registered_with_a_card_reader_and_taken_in(site, phone, queue_site, mode):
    from tests.appointments.factories import id_number

    _t, elder = set_mode(phone, site.url, mode)
    audit = AxeAudit()
    page = phone.new_page()
    log_in(page, site.url, f"clerk-{mode}@e2e.local")
    with page.expect_navigation():
        page.get_by_role("link", name="现场登记（未预约）").click()
    checked(audit, page, elder)
    page.get_by_label("申请人姓名").fill("赵阿姨")
    # The card reader types the number and Enter: the form is not sent half-filled.
    page.get_by_label("居民身份证号（可用读卡器）").press_sequentially(id_number() + "\n")
    assert page.evaluate("document.activeElement.id") == "id_phone"
    page.get_by_label("最低生活保障", exact=False).first.check()
    with page.expect_navigation():
        page.get_by_role("button", name="登记并受理").click()
    assert "/counter/intake/" in page.url, page.get_by_role("main").inner_text()[:500]
    main = page.get_by_role("main").inner_text()
    assert "赵阿姨" in main and "现场办理" in main and "W" in main
    checked(audit, page, elder)
    audit.assert_clean()
