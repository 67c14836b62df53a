"""Dashboard pages and CSV downloads: what each official sees, and no personal data."""

import re

import pytest

from tests.dashboards.fixtures import M1, M2, SECRET_NAME, SECRET_PHONE
from tests.dashboards.world.support import QUERY, read_csv, title

pytestmark = pytest.mark.django_db


def test_county_page_shows_its_figures_and_charts(client, world, people):
    client.force_login(people["county"])
    response = client.get(f"/dashboard/?{QUERY}")
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    page = response.content.decode()
    assert "东区" in page and "东区甲街道便民服务中心" in page and "东区乙镇便民服务中心" in page
    assert page.count("<svg") >= 5 and 'role="img"' in page
    assert "<dd>25.0</dd>" in page  # the no-show rate tile
    assert "<dd>32.0</dd>" in page  # average handling minutes
    assert 'href="/dashboard/centre/DA01/?from=2026-11-23&amp;to=2026-11-25"' in page
    assert "西区" not in page


def test_csv_downloads_are_excel_friendly_and_hand_counted(client, world, people):
    client.force_login(people["county"])
    rows = read_csv(client.get(f"/dashboard/?{QUERY}&format=csv&table=daily"))
    assert rows == [
        ["日期", "预约数", "签到", "爽约", "取消", "爽约率（%）"],
        ["2026-11-23", "3", "2", "1", "0", "33.3"],
        ["2026-11-24", "3", "1", "1", "1", "50"],
        ["2026-11-25", "4", "3", "0", "0", "0"],
    ]
    rows = read_csv(client.get(f"/dashboard/?{QUERY}&format=csv&table=handling"))
    assert rows[0] == [
        "事项编码",
        "事项",
        "已办结办件",
        "平均等候（分钟）",
        "窗口用时（分钟）",
        "受理至办结（分钟）",
        "标准用时（分钟）",
        "实际 ÷ 标准（%）",
    ]
    assert rows[1:] == [
        [M1, title(M1), "3", "0", "0", "33.3", "20", "166.7"],
        [M2, title(M2), "2", "0", "0", "14", "10", "140"],
    ]
    rows = read_csv(client.get(f"/dashboard/?{QUERY}&format=csv&table=breakdown"))
    assert rows[0][:3] == ["编码", "便民服务中心", "预约数"]
    assert [row[:7] for row in rows[1:]] == [
        ["DA01", "东区甲街道便民服务中心", "6", "4", "1", "1", "20"],
        ["DB01", "东区乙镇便民服务中心", "4", "2", "1", "0", "33.3"],
    ]
    rows = read_csv(client.get(f"/dashboard/?{QUERY}&format=csv&table=summary"))
    assert ["爽约率（%）", "25"] in rows and ["差评（1–2 分）占比（%）", "50"] in rows
    rows = read_csv(client.get(f"/dashboard/?{QUERY}&format=csv&table=cases"))
    assert rows[0] == [
        "事项编码",
        "事项",
        "已受理",
        "补正（材料不全）",
        "已办结",
        "不予受理",
        "合计",
    ]
    assert rows[1] == [M1, title(M1), "0", "1", "3", "1", "5"]
    rows = read_csv(client.get(f"/dashboard/?{QUERY}&format=csv&table=load"))
    assert rows[0][:4] == ["便民服务中心", "窗口数", "办公日", "8时"]
    assert client.get(f"/dashboard/?{QUERY}&format=csv&table=nope").status_code == 404


def test_no_personal_data_in_any_page_or_table(client, world, people):
    client.force_login(people["province"])
    pages = [client.get(f"/dashboard/?{QUERY}")]
    pages += [
        client.get(f"/dashboard/centre/DA01/?{QUERY}&format=csv&table={table}")
        for table in ("summary", "daily", "cases", "handling", "load", "hours")
    ]
    pages += [client.get(f"/dashboard/?{QUERY}&format=csv&table=breakdown")]
    for response in pages:
        assert response.status_code == 200
        text = response.content.decode("utf-8-sig")
        assert SECRET_NAME not in text and SECRET_PHONE not in text and "DASH0" not in text


def test_a_county_user_cannot_see_another_county(client, world, people):
    client.force_login(people["county"])
    for url in (
        "/dashboard/county/329802/",
        "/dashboard/centre/XC01/",
        "/dashboard/centre/YD01/",
        "/dashboard/city/329800/",
        "/dashboard/province/",
        f"/dashboard/county/329802/?{QUERY}&format=csv&table=daily",
        f"/dashboard/centre/XC01/?{QUERY}&format=csv&table=summary",
        "/dashboard/region/329802/",
    ):
        response = client.get(url)
        assert response.status_code == 404, url
        assert "西区丙镇" not in response.content.decode()
    own = client.get(f"/dashboard/centre/DA01/?{QUERY}")
    assert own.status_code == 200
    # The west county's figures never reach the east county's page: not its
    # centre, and not its 3 appointments in the east's total of 10.
    page = client.get(f"/dashboard/?{QUERY}").content.decode()
    assert "西区" not in page and "XC01" not in page
    assert "<dd>10</dd>" in page and "<dd>13</dd>" not in page
    rows = read_csv(client.get(f"/dashboard/?{QUERY}&format=csv&table=breakdown"))
    assert [row[0] for row in rows[1:]] == ["DA01", "DB01"]


def test_a_city_user_drills_down_within_the_city_only(client, world, people):
    client.force_login(people["city"])
    page = client.get(f"/dashboard/?{QUERY}").content.decode()
    assert 'href="/dashboard/county/329801/?' in page and 'href="/dashboard/county/329802/?' in page
    assert "远区" not in page
    west = client.get(f"/dashboard/county/329802/?{QUERY}")
    assert west.status_code == 200
    assert "<dd>66.7</dd>" in west.content.decode()
    assert client.get(f"/dashboard/centre/XC01/?{QUERY}").status_code == 200
    assert client.get("/dashboard/county/329701/").status_code == 404
    assert client.get("/dashboard/centre/YD01/").status_code == 404
    assert client.get("/dashboard/city/329700/").status_code == 404


def test_the_province_sees_every_city(client, world, people):
    client.force_login(people["province"])
    rows = read_csv(client.get(f"/dashboard/province/?{QUERY}&format=csv&table=breakdown"))
    found = {row[0]: row for row in rows[1:]}
    assert found["329800"][2:5] == ["13", "7", "4"]
    assert found["329700"][2:5] == ["1", "0", "1"]
    assert client.get("/dashboard/centre/YD01/").status_code == 200


def test_a_centre_manager_sees_only_their_centre(client, world, people):
    client.force_login(people["manager"])
    response = client.get(f"/dashboard/?{QUERY}")
    assert response.status_code == 200
    page = response.content.decode()
    assert "东区甲街道便民服务中心" in page and "东区乙镇" not in page
    assert "查看下级" not in page and 'class="scope-path"' not in page
    assert "<dd>6</dd>" in page  # booked at A
    for url in ("/dashboard/centre/DB01/", "/dashboard/county/329801/", "/dashboard/province/"):
        assert client.get(url).status_code == 404
    assert client.get(f"/dashboard/?{QUERY}&format=csv&table=breakdown").status_code == 404


def test_clerks_and_residents_get_403_and_anonymous_must_log_in(client, world, people):
    for who in ("clerk", "resident"):
        client.force_login(people[who])
        assert client.get("/dashboard/").status_code == 403
        assert client.get("/dashboard/centre/DA01/").status_code == 403
    client.logout()
    response = client.get("/dashboard/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/?next=/dashboard/")


@pytest.mark.parametrize(
    "query, words",
    [
        ("from=2026-13-01", "年-月-日"),
        ("from=yesterday", "年-月-日"),
        ("from=2026-11-25&to=2026-11-23", "开始日期不能晚于结束日期"),
        ("from=2024-01-01&to=2026-11-25", "最多查看 366 天"),
    ],
)
def test_bad_dates_get_a_chinese_message(client, world, people, query, words):
    client.force_login(people["county"])
    response = client.get(f"/dashboard/?{query}")
    assert response.status_code == 400
    page = response.content.decode()
    assert words in page and "最近 30 天和今后 14 天" in page
    csv_response = client.get(f"/dashboard/?{query}&format=csv&table=daily")
    assert csv_response.status_code == 400 and words in csv_response.content.decode()


def test_the_default_period_is_the_last_30_days_and_the_next_14(client, world, people):
    client.force_login(people["manager"])
    rows = read_csv(client.get("/dashboard/?format=csv&table=daily"))
    assert rows[1][0] == "2026-10-28" and rows[-1][0] == "2026-12-10" and len(rows) == 45
    assert ["2026-11-20", "1", "1", "0", "0", "0"] in rows
    # The search box of the page's header stays empty (issue 18).
    page = client.get("/dashboard/").content.decode()
    search = re.search(r'<input id="site-search"[^>]*>', page).group()
    assert 'value=""' in search and "from=" not in search
    assert "统计期间：2026-10-28 至 2026-12-10" in page


def test_staff_navigation_links_to_the_dashboard(client, world, people):
    client.force_login(people["county"])
    page = client.get("/dashboard/").content.decode()
    assert 'href="/dashboard/"' in page and "数据看板" in page
    assert 'href="/counter/"' not in page  # officials have no counter
