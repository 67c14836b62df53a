"""Demo regions, centres, opening hours and accounts of the whole site (``manage.py seed_demo``)."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import Group
from django.db import transaction

from accounts.models import Profile
from accounts.services import add_official, add_staff, ensure_user
from centres.models import City, County, OpeningSession, ServiceCentre
from guides.services import EDITORS_GROUP, REVIEWERS_GROUP

DEMO_PASSWORD = "demo-pass-2026"

CITIES = [("320100", "南京市"), ("320400", "常州市")]
COUNTIES = [
    ("320105", "320100", "建邺区"),
    ("320102", "320100", "玄武区"),
    ("320411", "320400", "新北区"),
    ("320481", "320400", "溧阳市"),
]
WEEKDAY_HOURS = [(dt.time(9, 0), dt.time(12, 0)), (dt.time(13, 30), dt.time(17, 0))]
LONG_HOURS = [(dt.time(8, 30), dt.time(12, 0)), (dt.time(13, 30), dt.time(17, 30))]
# code, county, name, address, phone, counters, Saturday morning open, weekday hours.
# 兴隆街道 is a large street centre: six counters and longer hours hold an HR
# batch of six new employees (员工录用一件事, 70 minutes each) in one session.
CENTRES = [
    (
        "NJJY01",
        "320105",
        "兴隆街道便民服务中心",
        "南京市建邺区兴隆大街178号",
        "025-87770101",
        6,
        True,
        LONG_HOURS,
    ),
    (
        "NJJY02",
        "320105",
        "沙洲街道便民服务中心",
        "南京市建邺区沙洲东路36号",
        "025-87770202",
        4,
        False,
        WEEKDAY_HOURS,
    ),
    (
        "NJXW01",
        "320102",
        "玄武门街道便民服务中心",
        "南京市玄武区北京东路47号",
        "025-84410303",
        3,
        False,
        WEEKDAY_HOURS,
    ),
    (
        "CZXB01",
        "320411",
        "奔牛镇便民服务中心",
        "常州市新北区奔牛镇人民中路88号",
        "0519-85550404",
        3,
        False,
        WEEKDAY_HOURS,
    ),
    (
        "CZLY01",
        "320481",
        "溧阳经开区便民服务中心",
        "常州市溧阳市经济开发区育才南路12号",
        "0519-87270505",
        2,
        False,
        WEEKDAY_HOURS,
    ),
]


@transaction.atomic
def seed_demo() -> dict[str, str]:
    cities = {
        code: City.objects.update_or_create(code=code, defaults={"name": name})[0]
        for code, name in CITIES
    }
    counties = {
        code: County.objects.update_or_create(
            code=code, defaults={"city": cities[city], "name": name}
        )[0]
        for code, city, name in COUNTIES
    }
    centres = {}
    for code, county, name, address, phone, counters, saturday, hours in CENTRES:
        centre, created = ServiceCentre.objects.update_or_create(
            code=code,
            defaults={
                "county": counties[county],
                "name": name,
                "address": address,
                "phone": phone,
                "counters": counters,
            },
        )
        if created or not centre.sessions.exists():
            sessions = [
                OpeningSession(centre=centre, weekday=day, start=start, end=end)
                for day in range(5)
                for start, end in hours
            ]
            if saturday:
                sessions.append(
                    OpeningSession(centre=centre, weekday=5, start=dt.time(9), end=dt.time(12))
                )
            OpeningSession.objects.bulk_create(sessions)
        centres[code] = centre

    resident = ensure_user(email="resident@demo.local", password=DEMO_PASSWORD, first_name="高秀英")
    Profile.objects.update_or_create(user=resident, defaults={"phone": "13951234567"})
    hr = ensure_user(email="hr@demo.local", password=DEMO_PASSWORD, first_name="王玮")
    Profile.objects.update_or_create(user=hr, defaults={"phone": "13861234567"})
    add_staff(
        email="clerk1@demo.local", centre=centres["NJJY01"], role="clerk", password=DEMO_PASSWORD
    )
    add_staff(
        email="clerk2@demo.local", centre=centres["CZXB01"], role="clerk", password=DEMO_PASSWORD
    )
    add_staff(
        email="manager@demo.local", centre=centres["NJJY01"], role="manager", password=DEMO_PASSWORD
    )
    add_official(
        email="county@demo.local", role="county", county=counties["320105"], password=DEMO_PASSWORD
    )
    add_official(
        email="city@demo.local", role="city", city=cities["320100"], password=DEMO_PASSWORD
    )
    add_official(email="province@demo.local", role="province", password=DEMO_PASSWORD)
    editor = ensure_user(email="editor@demo.local", password=DEMO_PASSWORD, is_staff=True)
    editor.groups.add(Group.objects.get(name=EDITORS_GROUP))
    reviewer = ensure_user(email="reviewer@demo.local", password=DEMO_PASSWORD, is_staff=True)
    reviewer.groups.add(Group.objects.get(name=REVIEWERS_GROUP))
    ensure_user(email="admin@demo.local", password=DEMO_PASSWORD, is_staff=True, is_superuser=True)
    return {
        "resident@demo.local": "居民（网上预约）",
        "hr@demo.local": "企业 HR 经办人",
        "clerk1@demo.local": "兴隆街道便民服务中心 窗口工作人员",
        "clerk2@demo.local": "奔牛镇便民服务中心 窗口工作人员",
        "manager@demo.local": "兴隆街道便民服务中心 负责人",
        "county@demo.local": "南京市建邺区 数据看板",
        "city@demo.local": "南京市 数据看板",
        "province@demo.local": "全省 数据看板",
        "editor@demo.local": "县区编辑",
        "reviewer@demo.local": "省级审核",
        "admin@demo.local": "系统管理员",
    }
