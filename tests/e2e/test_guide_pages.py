"""Issue 18 in Chromium, in standard, elder and English mode, with axe-core: the home
page (search first, most used, life events, all matters), a bundle reached from a
life event, and a guide page (breadcrumbs, 我的情形 without JavaScript, history, the
book button at the end that stays at the bottom of a phone's screen)."""

from __future__ import annotations

import pytest

from .browser import CHROMIUM, NO_CHROMIUM, PHONE, AxeAudit, gettext_in, small_targets, small_text

pytestmark = [pytest.mark.e2e, pytest.mark.skipif(not CHROMIUM.exists(), reason=NO_CHROMIUM)]

MODES = {
    "standard": {"language": "zh-hans", "elder": False},
    "elder": {"language": "zh-hans", "elder": True},
    "english": {"language": "en", "elder": False},
}
DESKTOP = {"width": 1280, "height": 900}
GUIDE = "/guides/js-mz-03/"  # two situations: 急难型, 支出型

BOOK_BAR = """() => {
  const el = document.querySelector(".book-bar");
  const box = el.getBoundingClientRect();
  return {position: getComputedStyle(el).position, top: box.top, bottom: box.bottom,
          viewport: window.innerHeight};
}"""


def _context(browser, site, setting, *, viewport=PHONE, javascript=True):
    context = browser.new_context(viewport=viewport, locale="zh-CN", java_script_enabled=javascript)
    context.set_default_timeout(30_000)
    cookies = []
    if setting["elder"]:
        cookies.append({"name": "elder_mode", "value": "1"})
    if setting["language"] == "en":
        cookies.append({"name": "django_language", "value": "en"})
    context.add_cookies([{**c, "url": site.url} for c in cookies])
    return context


def _checked(page, audit, small, elder):
    page.wait_for_load_state("load")
    audit.check(page, enhanced_contrast=elder)
    small += small_text(page, 24) + small_targets(page, 60) if elder else small_targets(page, 44)


@pytest.mark.parametrize("mode", list(MODES))
def test_home_and_guide_pages(site, browser, mode):
    setting = MODES[mode]
    t = gettext_in(setting["language"])
    elder = setting["elder"]
    audit, small = AxeAudit(), []
    context = _context(browser, site, setting)
    try:
        page = context.new_page()
        main = page.get_by_role("main")

        # Home: the search box comes before everything else a resident can use in main.
        page.goto(site.url + "/")
        _checked(page, audit, small, elder)
        search = page.locator("#site-search")
        first_in_main = main.get_by_role("link").first
        assert search.bounding_box()["y"] < first_in_main.bounding_box()["y"]
        events = page.locator("section[aria-labelledby=by-event]")
        for event in ("生孩子", "退休", "家人去世", "失业", "搬家"):
            assert events.get_by_role("heading", name=t(event)).is_visible()
        assert events.get_by_text("员工录用一件事").count() == 0

        # A life event leads to its bundle, which has breadcrumbs and a book button at its end.
        with page.expect_navigation():
            events.get_by_role("link", name="新生儿出生一件事").click()
        _checked(page, audit, small, elder)
        crumbs = page.get_by_role("navigation", name=t("当前位置"))
        assert crumbs.get_by_role("link", name=t("首页")).get_attribute("href") == "/"
        assert page.locator(".book-bar a.button.primary").count() == 1

        # The guide: breadcrumbs to the department, last updated, history.
        page.goto(site.url + GUIDE)
        _checked(page, audit, small, elder)
        crumbs = page.get_by_role("navigation", name=t("当前位置"))
        assert crumbs.get_by_role("link", name=t("民政")).get_attribute("href") == (
            "/guides/?department=民政"
        )
        assert t("最后更新：") in page.locator(".updated").inner_text()
        assert page.locator("#history li").count() >= 1

        # The book button at the end stays at the bottom of the phone's screen.
        bar = page.evaluate(BOOK_BAR)
        assert bar["position"] == "sticky", bar
        assert bar["viewport"] - 200 < bar["top"] and bar["bottom"] <= bar["viewport"] + 1, bar
        page.locator("#h-faq").scroll_into_view_if_needed()
        bar = page.evaluate(BOOK_BAR)
        assert bar["bottom"] <= bar["viewport"] + 1, bar

        # 我的情形: one situation's materials only.
        situation = page.locator(".my-situation")
        with page.expect_navigation():
            situation.get_by_role("link").nth(1).click()
        _checked(page, audit, small, elder)
        assert "situation=JS-MZ-03-02" in page.url
        assert page.locator("section.situation").count() == 1
        with page.expect_navigation():
            situation.get_by_role("link", name=t("显示全部情形")).click()
        assert page.locator("section.situation").count() == 2

        audit.assert_clean()
        assert not small, "too small for elder mode or a finger:\n" + "\n".join(small)
    finally:
        context.close()


def test_the_situation_filter_works_without_javascript_and_desktop_has_no_sticky_bar(site, browser):
    setting = MODES["standard"]
    context = _context(browser, site, setting, javascript=False)
    try:
        page = context.new_page()
        page.goto(site.url + GUIDE)
        with page.expect_navigation():
            page.locator(".my-situation").get_by_role("link").first.click()
        assert "situation=JS-MZ-03-01" in page.url
        assert page.locator("section.situation").count() == 1
    finally:
        context.close()
    context = _context(browser, site, setting, viewport=DESKTOP)
    try:
        page = context.new_page()
        page.goto(site.url + GUIDE)
        assert page.evaluate(BOOK_BAR)["position"] == "static"
    finally:
        context.close()
