"""A centre's public page: this week's hours with holidays and 调休, the next open day,
the phone as a tel: link, map links without scripts, directions, 12345 (issue 18)."""

import datetime as dt
import re

import pytest
import time_machine

from centres.constants import OverrideKind
from tests.appointments.factories import CalendarOverrideFactory, local, make_centre

pytestmark = pytest.mark.django_db


def page(client, centre):
    response = client.get(f"/centres/{centre.code}/")
    assert response.status_code == 200
    html = response.content.decode()
    return html.split("<main", 1)[1].split("</main>", 1)[0]


@time_machine.travel(local(2026, 10, 5, 10), tick=False)
def test_hours_this_week_apply_holidays_and_the_adjusted_working_day(client):
    centre = make_centre()
    centre.phone = "025-8777 0101"
    centre.directions = "地铁2号线元通站3号口出，步行200米。\n中心门口有停车位。"
    centre.save()
    html = page(client, centre)
    rows = re.findall(r"<tr[^>]*>\s*<th scope=\"row\">(.*?)</th>\s*<td>(.*?)</td>", html, re.S)
    assert len(rows) == 7
    by_day = {re.match(r"(\d+月\d+日)", day).group(1): hours for day, hours in rows}
    # 5-7 October: National Day; 10 October, a Saturday, is worked in exchange (调休).
    for day in ("10月5日", "10月6日", "10月7日"):
        assert "不开放" in by_day[day] and "法定节假日休息" in by_day[day]
    assert "09:00–12:00，13:30–17:00" in by_day["10月8日"]
    assert "09:00–12:00" in by_day["10月10日"] and "调休上班" in by_day["10月10日"]
    assert "不开放" in by_day["10月11日"]
    assert 'aria-current="date"' in html and "（今天）" in html
    assert "现在不开放" in html and "下次开放：10月8日" in html and "09:00" in html
    assert 'href="tel:02587770101"' in html and "拨打 025-8777 0101" in html
    assert 'href="tel:12345"' in html
    assert "地铁2号线元通站3号口出，步行200米。<br>中心门口有停车位。" in html
    # Plain links to the map apps, and no script of any kind on the page.
    for host in ("uri.amap.com", "api.map.baidu.com", "apis.map.qq.com"):
        assert f'href="https://{host}/' in html
    assert "%E6%B5%8B%E8%AF%95%E8%B7%AF1%E5%8F%B7" in html  # 测试路1号 in the map links
    full = client.get(f"/centres/{centre.code}/").content.decode()
    assert "amap.com/" not in re.sub(r'href="[^"]*"', "", full)
    assert not re.search(r"<script[^>]+src=\"https?://", full)


@time_machine.travel(local(2026, 11, 25, 10), tick=False)
def test_an_override_closure_moves_the_next_open_day(client):
    centre = make_centre()
    html = page(client, centre)
    assert "现在开放" in html and "下次开放" not in html
    CalendarOverrideFactory(
        centre=centre, date=dt.date(2026, 11, 25), kind=OverrideKind.CLOSED, reason="停电"
    )
    CalendarOverrideFactory(centre=centre, date=dt.date(2026, 11, 26), kind=OverrideKind.CLOSED)
    html = page(client, centre)
    assert "现在不开放" in html and "下次开放：11月27日" in html
    assert "暂停开放" in html
    assert "暂无咨询电话" in html and "tel:" in html  # the hotline still


def test_unknown_centre_is_404(client):
    assert client.get("/centres/NOPE/").status_code == 404


def test_centre_page_is_linked_from_the_api_and_the_booking_step(client):
    centre = make_centre()
    centre.phone = "025-87770101"
    centre.save()
    data = client.get("/api/v1/centres").json()
    mine = next(c for c in data if c["id"] == centre.pk)
    assert mine["phone"] == "025-87770101" and mine["url"] == f"/centres/{centre.code}/"
    html = client.get(f"/book/centre/?matters=JS-MZ-04&q={centre.name}").content.decode()
    assert f'href="/centres/{centre.code}/"' in html
