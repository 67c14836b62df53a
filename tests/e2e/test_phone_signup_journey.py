"""A resident with no e-mail signs up by phone, books for her mother, and both phones are told.

Elder mode all the way, axe-core on every page. The texts are read from the
`file` SMS backend the live server writes to.
"""

from __future__ import annotations

import json
import re

import pytest

from tests.appointments.factories import id_number
from tests.support.live import live_server

from .browser import CHROMIUM, NO_CHROMIUM, PHONE, launch
from .scenario import CENTRE_NAME, create_scenario
from .test_journeys import GUIDE, Journey

pytestmark = [pytest.mark.e2e, pytest.mark.skipif(not CHROMIUM.exists(), reason=NO_CHROMIUM)]

DAUGHTER = "13861230002"
MOTHER = "13951230001"


class Texts:
    def __init__(self, path):
        self.path = path

    def all(self) -> list[dict]:
        if not self.path.exists():
            return []
        return [json.loads(line) for line in self.path.read_text(encoding="utf-8").splitlines()]

    def code_for(self, number: str) -> str:
        codes = [m for m in self.all() if m["to"] == number and m["template"] == "login_code"]
        assert codes, self.all()
        return codes[-1]["params"]["code"]


@pytest.fixture(scope="module")
def sms_site(chromium_present, django_db_setup, django_db_blocker, tmp_path_factory):
    path = tmp_path_factory.mktemp("sms") / "sms.jsonl"
    with (
        django_db_blocker.unblock(),
        live_server(workers=2, SMS_BACKEND="file", SMS_FILE_PATH=str(path)) as server,
    ):
        scenario = create_scenario(server, residents=0)
        server.texts = Texts(path)
        server.centre = scenario["centre"]
        yield server


@pytest.fixture(scope="module")
def chromium(sms_site):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = launch(playwright)
        yield browser
        browser.close()


def test_a_daughter_signs_up_by_phone_and_books_for_her_mother(sms_site, chromium):
    context = chromium.new_context(viewport=PHONE, locale="zh-CN")
    context.set_default_timeout(30_000)
    site = type("Site", (), {"url": sms_site.url})()
    journey = Journey(site, context, language="zh-hans", elder=False, keyboard=False)
    page, t = journey.page, journey.t
    main = page.get_by_role("main")

    page.goto(sms_site.url + "/")
    journey.arrived()
    journey.activate(page.get_by_role("link", name=t("长辈模式（大字）")))
    journey.elder = True
    journey.arrived()

    # Sign up with her mobile number alone: no e-mail, no password.
    journey.activate(page.get_by_role("link", name=t("注册"), exact=True))
    assert "/accounts/signup/" in page.url
    journey.arrived()
    phone_field = page.get_by_label(t("手机号码"))
    assert phone_field.get_attribute("type") == "tel"
    journey.fill(phone_field, "138 6123 0002")
    journey.activate(main.get_by_role("button", name=t("注册并获取验证码")))
    assert "/accounts/phone/verify/" in page.url
    journey.arrived()
    assert "138****0002" in main.inner_text()
    journey.fill(page.get_by_label(t("短信验证码（6 位数字）")), sms_site.texts.code_for(DAUGHTER))
    journey.activate(main.get_by_role("button", name=t("确认")))
    journey.arrived()
    assert page.get_by_role("button", name=t("退出")).is_visible()  # she is logged in

    # Book 最低生活保障申请 for her mother.
    journey.fill(page.get_by_label(t("搜索办事事项")).and_(page.locator("input")), "低保")
    journey.activate(page.get_by_role("button", name=t("搜索"), exact=True))
    journey.arrived()
    journey.activate(main.get_by_role("link", name=GUIDE))
    journey.arrived()
    # The top one of the two book buttons (the other ends the page).
    journey.activate(main.get_by_role("link", name=t("预约办理此事项")).first)
    journey.arrived()
    journey.fill(page.get_by_label(t("按名称或县区查找")), CENTRE_NAME[:4])
    journey.activate(main.get_by_role("button", name=t("查找")))
    journey.arrived()
    journey.activate(main.get_by_role("link", name=re.compile(f"^{CENTRE_NAME} ")))
    journey.arrived()
    journey.activate(page.locator(".day-list a").last)
    journey.arrived()
    journey.activate(page.locator(".slot-list a.button").first)
    assert "/book/confirm/" in page.url  # already logged in: no login step
    journey.arrived()
    # Her own number, from sign-up, is offered; she types her mother's instead.
    applicant_phone = page.get_by_label(t("手机号码"))
    assert applicant_phone.input_value() == DAUGHTER
    page.get_by_label(t("为谁预约")).select_option("parent")
    journey.fill(page.get_by_label(t("申请人姓名")), "高秀英")
    journey.fill(page.get_by_label(t("居民身份证号")), id_number(seq=700))
    journey.fill(applicant_phone, MOTHER)
    materials = page.get_by_role("group", name=t("请逐项确认要带的材料")).get_by_role("checkbox")
    for n in range(materials.count()):
        journey.tick(materials.nth(n))
    journey.activate(main.get_by_role("button", name=t("确认预约")))
    assert re.search(r"/appointments/[A-Z0-9-]+/$", page.url), page.url
    journey.arrived()
    reference = page.locator(".reference").inner_text().strip()

    confirmed = [
        m
        for m in sms_site.texts.all()
        if m["template"] == "booking_confirmed" and m["params"]["reference"] == reference
    ]
    assert {m["to"] for m in confirmed} == {MOTHER, DAUGHTER}
    assert all(reference in m["text"] and CENTRE_NAME in m["text"] for m in confirmed)

    journey.audit.assert_clean()
    assert not journey.small, "too small for elder mode or a finger:\n" + "\n".join(journey.small)
    context.close()
