"""The clerk's and the HR officer's journeys in headless Chromium, with axe-core (issues #5, #8).

Journey 2: an HR officer uploads an employee list with one bad row, sees the
row's error, uploads the corrected list, confirms, and sees the batch ticket.
Journey 3: a clerk logs in, types a resident's ticket as a USB scanner does
(the characters, then Enter, into the field that has the focus), lands on the
pre-filled intake, accepts with one material missing, and the case is
returned for completion.
"""

from __future__ import annotations

import csv
import io

import pytest

from .browser import CHROMIUM, NO_CHROMIUM, AxeAudit, gettext_in, small_targets, small_text
from .scenario import PASSWORD

# The same journeys in Chinese, in elder mode, and in English.
MODES = {"standard": ("zh-hans", False), "elder": ("zh-hans", True), "english": ("en", False)}


def set_mode(context, url: str, mode: str):
    language, elder = MODES[mode]
    cookies = [{"name": "django_language", "value": language, "url": url}]
    if elder:
        cookies.append({"name": "elder_mode", "value": "1", "url": url})
    context.add_cookies(cookies)
    return gettext_in(language), elder


def checked(audit: AxeAudit, page, elder: bool) -> None:
    """axe-core on the page, and the sizes elder mode promises."""
    audit.check(page, enhanced_contrast=elder)
    if elder:
        assert page.evaluate("document.documentElement.classList.contains('elder')")
        assert not small_text(page, 20), small_text(page, 20)
        assert not small_targets(page, 60), small_targets(page, 60)
    else:
        assert not small_targets(page, 44), small_targets(page, 44)


pytestmark = [pytest.mark.e2e, pytest.mark.skipif(not CHROMIUM.exists(), reason=NO_CHROMIUM)]

# A centre open every day and all day, so the journeys run whatever the date.
COUNTER_SCENARIO = """
import datetime as dt, json
from django.utils import timezone
from accounts.services import add_staff
from appointments import schedule, services
from appointments.tickets import ticket_token
from guides.selectors import matters_with_materials
from tests.appointments.factories import applicant, make_open_centre, make_user
from tests.enterprises.factories import approved_officer

centre = make_open_centre("E2ECTR", counters=40, name="锁金村街道便民服务中心")
midnight = timezone.make_aware(dt.datetime.combine(timezone.localdate(), dt.time(0, 1)))
start = schedule.bookable_starts(centre, timezone.localdate(), midnight)[0]
appointments = [
    services.book_appointment(
        centre=centre, start=start, matters=matters_with_materials(["JS-MZ-03"]), situation_codes=["JS-MZ-03-02"],
        applicant=applicant(name="张桂梅"), booked_by=make_user(f"zhang{n}@e2e.local"), now=midnight)
    for n in range(3)
]
add_staff(email="clerk@e2e.local", centre=centre, role="clerk", password=PASSWORD)
officer = make_user("hr@e2e.local")
officer.set_password(PASSWORD)
officer.save()
approved_officer(officer)
print(json.dumps({"tokens": [ticket_token(a.reference) for a in appointments],
                  "references": [a.reference for a in appointments], "centre": centre.pk}))
"""


@pytest.fixture(scope="module")
def counter_site(site):
    return site.server.run(COUNTER_SCENARIO.replace("PASSWORD", repr(PASSWORD)))


@pytest.mark.parametrize("mode", list(MODES))
def test_clerk_scans_with_a_usb_scanner_and_returns_a_case_for_completion(
    site, phone, counter_site, mode
):
    t, elder = set_mode(phone, site.url, mode)
    token = counter_site["tokens"][list(MODES).index(mode)]
    reference = counter_site["references"][list(MODES).index(mode)]
    audit = AxeAudit()
    page = phone.new_page()
    page.goto(f"{site.url}/counter/")
    assert "/admin/login/" in page.url
    page.locator("#id_login").fill("clerk@e2e.local")
    page.locator("#id_password").fill(PASSWORD)
    with page.expect_navigation():
        page.locator("#id_password").press("Enter")
    assert page.url.endswith("/counter/")
    checked(audit, page, elder)

    # The scan field has the focus; the scanner types the ticket URL and Enter.
    assert page.evaluate("document.activeElement.id") == "scan-code"
    with page.expect_navigation():
        page.keyboard.type(f"{site.url}/t/{token}\n", delay=5)
    assert page.url.endswith(f"/counter/intake/{reference}/")
    checked(audit, page, elder)
    main = page.get_by_role("main")
    assert "张桂梅" in main.inner_text()
    assert "江苏省居民家庭经济状况核对授权书" in main.inner_text()

    # Everything handed over but the bank card.
    for fieldset in page.locator("fieldset.material-check").all():
        legend = fieldset.locator("legend").inner_text()
        choice = t("缺") if legend.startswith("银行卡") else t("已收")
        fieldset.get_by_label(choice, exact=True).check()
    # 受理 does not return a case by itself; 退回补正 is its own, confirmed action.
    with page.expect_navigation():
        page.get_by_role("button", name=t("受理"), exact=True).click()
    assert "银行卡" in page.get_by_role("alert").inner_text()
    with page.expect_navigation():
        page.get_by_role("button", name=t("退回补正…"), exact=True).click()
    checked(audit, page, elder)
    with page.expect_navigation():
        page.get_by_role("button", name=t("确认退回补正"), exact=True).click()
    checked(audit, page, elder)
    case_url = page.url
    text = page.get_by_role("main").inner_text()
    assert t("补正（材料不全）") in text and "银行卡" in text

    # The same ticket again reopens the case instead of a dead end.
    page.goto(f"{site.url}/counter/")
    # A scanner types into whatever has the focus: wait until the scan field has it.
    page.wait_for_function("document.activeElement && document.activeElement.id === 'scan-code'")
    with page.expect_navigation():
        page.keyboard.type(token + "\n", delay=5)
    assert page.url == case_url
    audit.assert_clean()


def _roster(rows) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["姓名", "身份证号", "手机号", "入职日期"])
    writer.writerows(rows)
    return out.getvalue().encode("gbk")


@pytest.mark.parametrize("mode", list(MODES))
def test_hr_officer_fixes_a_bad_row_and_books_the_batch(site, phone, counter_site, mode):
    from tests.appointments.factories import id_number

    t, elder = set_mode(phone, site.url, mode)
    first = 300 + 10 * list(MODES).index(mode)
    audit = AxeAudit()
    page = phone.new_page()
    page.goto(f"{site.url}/accounts/login/?next=/enterprise/")
    page.locator("#id_login").fill("hr@e2e.local")
    page.locator("#id_password").fill(PASSWORD)
    with page.expect_navigation():
        page.locator("#id_password").press("Enter")
    assert page.url.endswith("/enterprise/")
    checked(audit, page, elder)
    with page.expect_navigation():
        page.get_by_role("link", name=t("为新员工批量预约")).click()
    page.locator("#b-centre").select_option(str(counter_site["centre"]))
    with page.expect_navigation():
        page.get_by_role("button", name=t("查看可约时段")).click()
    with page.expect_navigation():
        page.get_by_role("button", name=t("查看可约时段")).click()  # the day list is now there
    checked(audit, page, elder)
    page.locator("input[name=start]:not([disabled])").first.check()

    good = [["王伟", id_number(seq=first + n), "13951234567", "2026-12-01"] for n in range(3)]
    bad = [row[:] for row in good]
    bad[1][1] = bad[1][1][:-1] + ("0" if bad[1][1][-1] != "0" else "1")
    page.locator("#b-file").set_input_files(
        {"name": "员工名单.csv", "mimeType": "text/csv", "buffer": _roster(bad)}
    )
    with page.expect_navigation():
        page.get_by_role("button", name=t("检查名单")).click()
    alert = page.get_by_role("alert").inner_text()
    assert "3" in alert and "身份证号" in alert
    checked(audit, page, elder)

    page.locator("input[name=start]:not([disabled])").first.check()
    page.locator("#b-file").set_input_files(
        {"name": "员工名单.csv", "mimeType": "text/csv", "buffer": _roster(good)}
    )
    with page.expect_navigation():
        page.get_by_role("button", name=t("检查名单")).click()
    assert page.locator("table.checklist tbody tr").count() == 3
    checked(audit, page, elder)
    with page.expect_navigation():
        page.get_by_role("button", name=t("确认预约")).click()
    assert "/enterprise/batches/" in page.url
    text = page.get_by_role("main").inner_text()
    assert t("企业带一份") in text and "营业执照" in text and "王伟" in text
    assert page.locator("img.qr").evaluate("img => img.complete && img.naturalWidth > 0")
    checked(audit, page, elder)
    audit.assert_clean()
