"""HR officers' batch bookings: files in every format, every bad row, capacity, scope."""

import pytest

from appointments.models import Appointment, Hold, Slot
from enterprises import services
from enterprises.models import Batch, BatchEmployee, Enterprise
from guides.selectors import matters_with_materials
from tests.appointments.factories import local, make_centre, make_user
from tests.enterprises.factories import (
    START,
    EnterpriseFactory,
    a_uscc,
    approved_officer,
    csv_bytes,
    employees,
    upload,
    xlsx_bytes,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]


def counts():
    return (
        Appointment.objects.count(),
        Batch.objects.count(),
        BatchEmployee.objects.count(),
        Hold.objects.count(),
    )


@pytest.mark.parametrize(
    "name, make",
    [
        ("员工.csv", lambda rows: csv_bytes(rows, "gbk")),
        ("员工.csv", lambda rows: csv_bytes(rows, "utf-8-sig")),
        ("员工.csv", lambda rows: csv_bytes(rows, "utf-8")),
        ("员工.xlsx", xlsx_bytes),
    ],
    ids=["gbk", "utf8-bom", "utf8", "xlsx"],
)
def test_every_format_gives_the_same_batch(client, centre, officer, name, make):
    rows = employees(12)
    response = upload(client, centre, name, make(rows))
    assert response.status_code == 201, response.content.decode()
    body = response.json()
    assert body["people"] == 12
    batch = Batch.objects.get(appointment__reference=body["reference"])
    got = [(e.name, e.phone, e.hire_date.isoformat(), e.row) for e in batch.employees.all()]
    assert got == [(r[0], r[2], r[3], i + 2) for i, r in enumerate(rows)]
    from core.personal_data import reveal

    assert [reveal(e.id_encrypted) for e in batch.employees.all()] == [r[1] for r in rows]
    per_person = services.per_person_minutes([am.matter for am in batch.appointment.matters.all()])
    assert batch.appointment.minutes == 12 * per_person
    assert Hold.objects.filter(appointment=batch.appointment, active=True).count() == 12 * 4


def test_three_bad_rows_among_two_hundred_are_all_reported_and_nothing_saved(
    client, centre, officer
):
    rows = employees(200)
    rows[9][1] = rows[9][1][:-1] + (
        "0" if rows[9][1][-1] != "0" else "1"
    )  # wrong check digit, row 11
    rows[99][3] = "下周一"  # not a date, row 101
    rows[149][1] = rows[20][1]  # the same person as row 22, at row 151
    before = counts()
    response = upload(client, centre, "员工.csv", csv_bytes(rows, "gbk"))
    assert response.status_code == 422
    errors = response.json()["errors"]
    assert [(e["row"], e["column"]) for e in errors] == [
        (11, "身份证号"),
        (101, "入职日期"),
        (151, "身份证号"),
    ]
    assert "校验位" in errors[0]["message"] and "第 22 行" in errors[2]["message"]
    assert counts() == before


@pytest.mark.parametrize(
    "name, data, words",
    [
        ("员工.csv", b"", "空的"),
        ("员工.pdf", b"%PDF-1.4 not a roster", "只接受"),
        ("员工.csv", "名字,电话\n张三,139\n".encode(), "表头"),
        ("员工.csv", csv_bytes([]), "只有表头"),
        ("员工.xlsx", b"PK\x03\x04 broken zip", "Excel"),
    ],
)
def test_files_that_cannot_be_used_get_a_clear_message(client, centre, officer, name, data, words):
    response = upload(client, centre, name, data)
    assert response.status_code == 422
    assert words in response.json()["detail"]
    assert not Batch.objects.exists()


def test_the_500_row_limit(client, centre, officer):
    response = upload(client, centre, "员工.csv", csv_bytes(employees(501)))
    assert response.status_code == 422 and "500" in response.json()["detail"]


def test_missing_cells_and_unreasonable_dates_are_named(client, centre, officer):
    rows = employees(3)
    rows[0][2] = ""
    rows[1][3] = "2031-01-01"
    errors = upload(client, centre, "员工.csv", csv_bytes(rows)).json()["errors"]
    assert [(e["row"], e["column"]) for e in errors] == [(2, "手机号"), (3, "入职日期")]
    assert "空" in errors[0]["message"] and "一年前到半年后" in errors[1]["message"]


def test_person_already_booked_for_the_same_matter(client, centre, officer):
    rows = employees(3)
    assert upload(client, centre, "a.csv", csv_bytes(rows[:1])).status_code == 201
    response = upload(client, centre, "b.csv", csv_bytes(rows), start="2026-11-24T10:00:00+08:00")
    assert response.status_code == 422
    assert [e["row"] for e in response.json()["errors"]] == [2] * 4  # one line per held matter


def test_a_batch_too_large_for_any_session_is_told_the_largest_that_fits(client, officer):
    # 120 online counter-minutes a slot, half of them open to batches; the
    # afternoon (13:30-17:00, seven slots) is the longest session.
    small = make_centre(counters=4, walk_in_share=0)
    per_person = services.per_person_minutes(
        matters_with_materials(["JS-RS-03", "JS-RS-07", "JS-YB-02", "JS-GJ-02"])
    )
    largest = 7 * 60 // per_person
    response = upload(client, small, "员工.csv", csv_bytes(employees(10)))
    assert response.status_code == 409
    body = response.json()
    assert body["largest_batch"] == largest
    assert f"最多还能办 {largest} 人" in body["detail"]
    assert "拆成几批" in body["detail"]
    assert (
        not Batch.objects.exists()
        and Slot.objects.get(start=local(2026, 11, 24, 9)).booked_minutes == 0
    )


def test_removing_an_employee_frees_its_capacity(client, centre, officer):
    reference = upload(client, centre, "a.csv", csv_bytes(employees(5))).json()["reference"]
    batch = Batch.objects.get(appointment__reference=reference)
    slot = Slot.objects.get(pk=batch.appointment.slot_id)
    before = slot.booked_minutes
    employee = batch.employees.first()
    response = client.post(
        f"/enterprise/batches/{reference}/", {"action": "remove", "employee": employee.pk}
    )
    assert response.status_code == 302
    slot.refresh_from_db()
    batch.appointment.refresh_from_db()
    assert slot.booked_minutes == before - before // 5
    assert batch.appointment.people == 4
    assert not Hold.objects.filter(person=employee.person, active=True).exists()


def test_an_officer_cannot_see_another_enterprises_batches(client, centre, officer):
    reference = upload(client, centre, "a.csv", csv_bytes(employees(2))).json()["reference"]
    other = make_user("hr2@test.local")
    approved_officer(other, name="常州奔牛电器有限公司", code=a_uscc("MA2FGHJK0"))
    client.force_login(other)
    assert client.get(f"/enterprise/batches/{reference}/").status_code == 404
    assert reference not in client.get("/enterprise/").content.decode()
    # A second, approved officer of the same enterprise does see it.
    colleague = make_user("hr3@test.local")
    approved_officer(colleague)
    client.force_login(colleague)
    assert client.get(f"/enterprise/batches/{reference}/").status_code == 200


def test_uscc_is_checked_and_names_must_match(client):
    user = make_user("hr9@test.local")
    client.force_login(user)
    bad = a_uscc()[:-1] + ("0" if a_uscc()[-1] != "0" else "1")
    response = client.post("/enterprise/", {"name": "某公司", "uscc": bad})
    assert response.status_code == 422 and "校验码" in response.content.decode()
    EnterpriseFactory(name="甲公司", uscc=a_uscc())
    response = client.post("/enterprise/", {"name": "乙公司", "uscc": a_uscc()})
    assert response.status_code == 422 and "不一致" in response.content.decode()
    assert client.post("/enterprise/", {"name": "甲公司", "uscc": a_uscc()}).status_code == 302


def test_templates_download(client):
    assert client.get("/enterprise/roster-template.csv").content.startswith("\ufeff姓名".encode())
    assert client.get("/enterprise/roster-template.xlsx").content[:2] == b"PK"


def test_page_flow_upload_preview_confirm(client, centre, officer):
    from django.core.files.uploadedfile import SimpleUploadedFile

    enterprise = Enterprise.objects.get()
    params = f"?bundle=JS-B-01&enterprise={enterprise.pk}&centre={centre.pk}&date=2026-11-24"
    html = client.get("/enterprise/batches/new/" + params).content.decode()
    assert "最多" in html and 'name="start"' in html
    rows = employees(3)
    form = {
        "bundle": "JS-B-01",
        "enterprise": enterprise.pk,
        "centre": centre.pk,
        "date": "2026-11-24",
        "start": START,
        "file": SimpleUploadedFile("员工.xlsx", xlsx_bytes(rows)),
    }
    preview = client.post("/enterprise/batches/new/", form)
    html = preview.content.decode()
    assert preview.status_code == 200 and "共 3 人" in html
    assert rows[0][1] not in html and rows[0][1][:4] + "**********" + rows[0][1][-4:] in html
    assert not Batch.objects.exists()  # nothing saved before the officer confirms
    sealed = html.split('name="sealed" value="')[1].split('"')[0]
    response = client.post(
        "/enterprise/batches/confirm/",
        {
            "sealed": sealed,
            "enterprise": enterprise.pk,
            "bundle": "JS-B-01",
            "centre": centre.pk,
            "start": START,
        },
    )
    assert response.status_code == 302
    batch = Batch.objects.get()
    assert batch.appointment.people == 3
    detail = client.get(response["Location"]).content.decode()
    assert "企业带一份" in detail and "营业执照" in detail and "劳动合同" in detail


def test_tampered_preview_is_refused(client, centre, officer):
    enterprise = Enterprise.objects.get()
    response = client.post(
        "/enterprise/batches/confirm/",
        {
            "sealed": "not-a-token",
            "enterprise": enterprise.pk,
            "bundle": "JS-B-01",
            "centre": centre.pk,
            "start": START,
        },
    )
    assert response.status_code == 302 and not Batch.objects.exists()
