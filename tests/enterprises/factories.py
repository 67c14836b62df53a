"""Enterprises, their HR officers, employee lists and batch bookings for tests.

Officers are approved and batches booked through the enterprises services,
as the pages do; the roster helpers make the files an HR officer uploads.
"""

from __future__ import annotations

import csv
import datetime as dt
import io

import factory
import time_machine
from django.contrib.auth import get_user_model
from factory.django import DjangoModelFactory
from openpyxl import Workbook
from stdnum.cn import uscc

from enterprises import officers, services
from enterprises.models import Batch, Enterprise, Officer, OfficerStatus
from enterprises.roster import Roster
from guides.selectors import matters_with_materials
from tests.appointments.factories import (
    BOOKED_AT,
    TUESDAY_9,
    ServiceCentreFactory,
    UserFactory,
    id_number,
)

# The onboarding bundle (员工录用一件事, JS-B-01): the matters a batch books.
ONBOARDING = ("JS-RS-03", "JS-RS-07", "JS-YB-02", "JS-GJ-02")


def a_uscc(seed: str = "MA1ABCDE0") -> str:
    body = f"91320105{seed}"[:17]
    return body + uscc.calc_check_digit(body)


def licence_admin():
    """The administrator who checks licences and approves first officers."""
    User = get_user_model()
    admin, _created = User.objects.get_or_create(
        username="licence-admin@test.local",
        defaults={"email": "licence-admin@test.local", "is_superuser": True, "is_staff": True},
    )
    return admin


class EnterpriseFactory(DjangoModelFactory):
    """An enterprise with a valid USCC, and no officer yet."""

    class Meta:
        model = Enterprise

    name = factory.Sequence(lambda n: f"测试企业{n + 1}有限公司")
    uscc = factory.Sequence(lambda n: a_uscc(f"MA{n:07d}"))


class OfficerFactory(DjangoModelFactory):
    """A user's request to act for an enterprise, pending (``officers.approve`` decides it)."""

    class Meta:
        model = Officer

    enterprise = factory.SubFactory(EnterpriseFactory)
    user = factory.SubFactory(UserFactory, email="hr@test.local")
    status = OfficerStatus.PENDING


def approved_officer(user, name: str = "江苏新金牛线缆有限公司", code: str | None = None):
    """Register (or join) the enterprise and have an administrator approve the user."""
    enterprise = services.register_or_join(user=user, name=name, uscc=code or a_uscc())
    officer = Officer.objects.get(user=user, enterprise=enterprise)
    if officer.status != OfficerStatus.APPROVED:
        officers.approve(officer=officer, by=licence_admin())
    return enterprise


# Employee lists and their upload --------------------------------------------

START = "2026-11-24T09:00:00+08:00"  # TUESDAY_9 as the batch API takes it

HEADER = ["姓名", "身份证号", "手机号", "入职日期"]
NAMES = ["王伟", "李娜", "张敏", "刘洋", "陈静", "杨帆", "赵磊", "黄丽", "周杰", "吴芳"]


def employees(n: int) -> list[list[str]]:
    """``n`` rows of an employee list: name, ID number, phone, hire date."""
    return [
        [
            NAMES[i % len(NAMES)],
            id_number(dt.date(1990, 1, 1) + dt.timedelta(days=i), seq=i % 900),
            f"139{i:08d}",
            "2026-12-01",
        ]
        for i in range(n)
    ]


def csv_bytes(rows, encoding="utf-8-sig") -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADER)
    writer.writerows(rows)
    return out.getvalue().encode(encoding)


def xlsx_bytes(rows) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append(HEADER)
    for row in rows:
        sheet.append([row[0], row[1], row[2], dt.date.fromisoformat(row[3])])  # a real date cell
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def upload(client, centre, name, data, **extra):
    """The HR officer's batch booking of the onboarding bundle: the file posted to the API."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    form = {
        "centre_id": centre.pk,
        "start": START,
        "bundle": "JS-B-01",
        "file": SimpleUploadedFile(name, data),
    }
    form.update(extra)
    return client.post("/api/v1/batches", form)


def roster_of(rows) -> Roster:
    """An employee list as read from a file (its rows numbered from 2, under the header)."""
    return Roster(rows=[(n + 2, dict(zip(HEADER, row, strict=True))) for n, row in enumerate(rows)])


class BatchFactory(factory.Factory):
    """An enterprise's batch booking of the onboarding bundle, checked and booked by the services.

    ``people`` employees (or ``rows=employees(n)``) on Tuesday 24 November 2026
    at 9:00 at a centre with room for batches; booked on the Monday morning.
    """

    class Meta:
        model = Batch

    class Params:
        people = 3
        rows = factory.LazyAttribute(lambda o: employees(o.people))
        codes = ONBOARDING

    centre = factory.SubFactory(ServiceCentreFactory, counters=40, walk_in_share=0)
    officer = factory.SubFactory(UserFactory, email="hr@test.local")
    enterprise = factory.LazyAttribute(lambda o: approved_officer(o.officer))
    start = TUESDAY_9
    matters = factory.LazyAttribute(lambda o: matters_with_materials(o.codes))
    roster = factory.LazyAttribute(lambda o: roster_of(o.rows))
    bundle_code = "JS-B-01"
    now = BOOKED_AT

    @classmethod
    def _create(cls, model_class, *, roster, matters, now, **kwargs):
        # The roster check reads "today" (hire dates, ages) from the clock.
        with time_machine.travel(now, tick=False):
            check = services.check_roster(roster, matters=matters)
            assert not check.errors, check.errors
            return services.book_batch(
                matters=matters, employees=check.employees, now=now, **kwargs
            )
