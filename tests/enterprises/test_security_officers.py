"""Issue 15, finding 1: knowing an enterprise's USCC and name must not make anyone its officer.

Written as the attack: a second signed-up user types the USCC and the registered
name (both printed on the business licence) and tries to see, change and cancel
the enterprise's batches, on the pages and through the API.
"""

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile

from appointments.constants import AppointmentStatus
from enterprises import officers
from enterprises.models import (
    Batch,
    Enterprise,
    EnterpriseAction,
    EnterpriseLog,
    Officer,
    OfficerStatus,
)
from tests.appointments.factories import make_user
from tests.enterprises.factories import (
    a_uscc,
    approved_officer,
    csv_bytes,
    employees,
    licence_admin,
    upload,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]

NAME = "江苏新金牛线缆有限公司"


@pytest.fixture
def officer():
    """The approved HR officer, not logged in (the conftest's one is)."""
    user = make_user("hr@test.local")
    approved_officer(user)
    return user


@pytest.fixture
def batch(client, centre, officer):
    client.force_login(officer)
    response = upload(client, centre, "员工.csv", csv_bytes(employees(3)))
    assert response.status_code == 201, response.content.decode()
    client.logout()
    return Batch.objects.get(appointment__reference=response.json()["reference"])


def api_upload(client, centre, **extra):
    form = {
        "centre_id": centre.pk,
        "start": "2026-11-24T10:00:00+08:00",
        "bundle": "JS-B-01",
        "file": SimpleUploadedFile("员工.csv", csv_bytes(employees(10)[6:8])),  # not in `batch`
        **extra,
    }
    return client.post("/api/v1/batches", form)


def join_as_attacker(client, django_capture_on_commit_callbacks):
    attacker = make_user("stranger@test.local")
    client.force_login(attacker)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/enterprise/", {"name": NAME, "uscc": a_uscc()})
    assert response.status_code == 302
    return attacker


def test_typing_the_licence_details_gives_nothing_and_the_officers_are_told(
    client, centre, officer, batch, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    attacker = join_as_attacker(client, django_capture_on_commit_callbacks)
    reference = batch.appointment.reference
    employee = batch.employees.first()

    assert Officer.objects.get(user=attacker).status == OfficerStatus.PENDING
    home = client.get("/enterprise/", follow=True).content.decode()
    assert "需该企业的经办人同意" in home
    assert reference not in home and employee.name not in home
    # The batch page, removing an employee and cancelling: all as if the batch did not exist.
    assert client.get(f"/enterprise/batches/{reference}/").status_code == 404
    assert (
        client.post(
            f"/enterprise/batches/{reference}/", {"action": "remove", "employee": employee.pk}
        ).status_code
        == 404
    )
    assert client.post(f"/enterprise/batches/{reference}/", {"action": "cancel"}).status_code == 404
    employee.refresh_from_db()
    batch.appointment.refresh_from_db()
    assert employee.active and batch.appointment.status == AppointmentStatus.BOOKED
    # The API books nothing for the enterprise, whichever enterprise id is sent.
    enterprise = Enterprise.objects.get()
    before = Batch.objects.count()
    for extra in ({}, {"enterprise_id": enterprise.pk}):
        response = api_upload(client, centre, **extra)
        assert response.status_code == 403 and response.json()["detail"]
    assert Batch.objects.count() == before
    # The new-batch and confirm pages do not offer or accept the enterprise either.
    assert client.get("/enterprise/batches/new/").status_code == 302
    # The attacker cannot approve their own request.
    own = Officer.objects.get(user=attacker)
    assert client.post(f"/enterprise/officers/{own.pk}/", {"action": "approve"}).status_code == 404
    with pytest.raises(officers.NotAllowed):
        officers.approve(officer=own, by=attacker)
    assert Officer.objects.get(user=attacker).status == OfficerStatus.PENDING

    # The approved officer is told by e-mail, and on the enterprise page.
    assert [m.to for m in mail.outbox] == [["hr@test.local"]]
    assert "stranger@test.local" in mail.outbox[0].body and NAME in mail.outbox[0].subject
    client.force_login(officer)
    page = client.get("/enterprise/").content.decode()
    assert "有 1 个经办人申请等您处理" in page and "stranger@test.local" in page


def test_approval_lets_the_colleague_in_and_removal_takes_it_away(
    client, centre, officer, batch, django_capture_on_commit_callbacks
):
    colleague = join_as_attacker(client, django_capture_on_commit_callbacks)
    reference = batch.appointment.reference
    request = Officer.objects.get(user=colleague)

    client.force_login(officer)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/enterprise/officers/{request.pk}/", {"action": "approve"})
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.status == OfficerStatus.APPROVED and request.decided_by == officer
    assert [m.to for m in mail.outbox] == [["stranger@test.local"]]  # the one who acted is not told

    client.force_login(colleague)
    assert client.get(f"/enterprise/batches/{reference}/").status_code == 200
    employee = batch.employees.first()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/enterprise/batches/{reference}/", {"action": "remove", "employee": employee.pk}
        )
    assert response.status_code == 302
    assert api_upload(client, centre).status_code == 201

    # The first officer removes the colleague: access ends at once, and both are told.
    client.force_login(officer)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/enterprise/officers/{request.pk}/", {"action": "remove"})
    request.refresh_from_db()
    assert request.status == OfficerStatus.REMOVED and request.decided_by == officer
    assert [m.to for m in mail.outbox] == [["stranger@test.local"]]
    client.force_login(colleague)
    assert client.get(f"/enterprise/batches/{reference}/").status_code == 404
    assert client.post(f"/enterprise/batches/{reference}/", {"action": "cancel"}).status_code == 404
    assert api_upload(client, centre, start="2026-11-24T11:00:00+08:00").status_code == 403
    batch.appointment.refresh_from_db()
    assert batch.appointment.status == AppointmentStatus.BOOKED

    # Every step is in the enterprise's log, which its officers (only) read.
    actions = list(EnterpriseLog.objects.order_by("at", "pk").values_list("action", "actor__email"))
    assert actions[-5:] == [
        (EnterpriseAction.REQUESTED, "stranger@test.local"),
        (EnterpriseAction.APPROVED, "hr@test.local"),
        (EnterpriseAction.EMPLOYEE_REMOVED, "stranger@test.local"),
        (EnterpriseAction.BATCH_BOOKED, "stranger@test.local"),
        (EnterpriseAction.REMOVED, "hr@test.local"),
    ]
    assert EnterpriseLog.objects.filter(action=EnterpriseAction.EMPLOYEE_REMOVED).get().detail == (
        employee.name
    )
    client.force_login(officer)
    page = client.get("/enterprise/").content.decode()
    assert "操作记录" in page and "移出员工" in page and employee.name in page
    client.force_login(colleague)
    assert "操作记录" not in client.get("/enterprise/").content.decode()


def test_a_refused_request_gives_nothing(client, officer, django_capture_on_commit_callbacks):
    stranger = join_as_attacker(client, django_capture_on_commit_callbacks)
    request = Officer.objects.get(user=stranger)
    client.force_login(officer)
    client.post(f"/enterprise/officers/{request.pk}/", {"action": "refuse"})
    request.refresh_from_db()
    assert request.status == OfficerStatus.REFUSED
    assert not officers.is_approved(stranger, request.enterprise)
    # Deciding again is refused: the request is no longer pending.
    with pytest.raises(officers.AlreadyDecided):
        officers.approve(officer=request, by=officer)


def test_the_last_officer_cannot_be_removed(officer):
    only = Officer.objects.get(user=officer)
    with pytest.raises(officers.LastOfficer):
        officers.remove(officer=only, by=officer)
    only.refresh_from_db()
    assert only.status == OfficerStatus.APPROVED


def test_an_officer_of_another_enterprise_cannot_decide(client, officer):
    other = make_user("other-hr@test.local")
    approved_officer(other, name="常州奔牛电器有限公司", code=a_uscc("MA2FGHJK0"))
    stranger = make_user("stranger@test.local")
    from enterprises.services import register_or_join

    register_or_join(user=stranger, name=NAME, uscc=a_uscc())
    request = Officer.objects.get(user=stranger)
    client.force_login(other)
    assert client.post(
        f"/enterprise/officers/{request.pk}/", {"action": "approve"}
    ).status_code == (404)
    with pytest.raises(officers.NotAllowed):
        officers.approve(officer=request, by=other)


def test_a_new_enterprise_waits_for_an_administrator(client, centre):
    founder = make_user("founder@test.local")
    client.force_login(founder)
    response = client.post(
        "/enterprise/", {"name": "常州奔牛电器有限公司", "uscc": a_uscc("MA2FGHJK0")}
    )
    assert response.status_code == 302
    officer = Officer.objects.get(user=founder)
    assert officer.status == OfficerStatus.PENDING
    assert "管理员核对营业执照" in client.get("/enterprise/", follow=True).content.decode()
    assert api_upload(client, centre).status_code == 403
    # Nobody but an administrator decides: not the founder, not another signed-up user.
    with pytest.raises(officers.NotAllowed):
        officers.approve(officer=officer, by=founder)
    # The admin list shows the licence details to check; an administrator approves there.
    client.force_login(founder)
    assert client.get("/admin/enterprises/officers/").status_code in (302, 403)
    admin = licence_admin()
    client.force_login(admin)
    page = client.get("/admin/enterprises/officers/").content.decode()
    assert "常州奔牛电器有限公司" in page and a_uscc("MA2FGHJK0") in page
    assert "founder@test.local" in page
    response = client.post(
        "/admin/enterprises/officers/", {"officer": officer.pk, "action": "approve"}
    )
    assert response.status_code == 302
    officer.refresh_from_db()
    assert officer.status == OfficerStatus.APPROVED and officer.decided_by == admin
    client.force_login(founder)
    assert api_upload(client, centre).status_code == 201


def test_officers_from_before_approvals_stay_approved(django_user_model):
    from importlib import import_module

    from django.apps import apps

    migration = import_module("enterprises.migrations.0002_officer_approval_and_audit_trail")
    enterprise = Enterprise.objects.create(name=NAME, uscc=a_uscc())
    user = make_user("old-hr@test.local")
    old = Officer.objects.create(enterprise=enterprise, user=user)  # as the old rows: no status
    migration.existing_officers_stay_approved(apps, None)
    old.refresh_from_db()
    assert old.status == OfficerStatus.APPROVED and old.decided_by == user
    assert officers.is_approved(user, enterprise)


def test_seed_demo_gives_hr_an_approved_enterprise():
    from enterprises.demo import seed_enterprise
    from enterprises.services import enterprises_of
    from portal.demo import seed_demo

    seed_demo()
    seed_enterprise()
    seed_enterprise()  # idempotent
    hr = make_user("hr@demo.local")
    assert [e.name for e in enterprises_of(hr)] == [NAME]
    assert Officer.objects.filter(user=hr).count() == 1
