"""Policy finds people: a completed 低保 case tells the utilities and the resident."""

import pytest
from django.test import override_settings

from accounts.services import add_staff
from flowback.constants import EventType, PersonalField
from flowback.demo import UTILITIES, seed_flowback
from flowback.models import Event, Rule, Subscriber
from tests.flowback.scenario import book_many, signature_ok, subscribe, visit
from tests.support.receiver import receiver

pytestmark = pytest.mark.django_db


@pytest.fixture
def utilities():
    """The demo's subscribers and rule, pointed at a real local receiver."""
    seed_flowback()
    with receiver() as state:
        for slug, name in UTILITIES:
            Subscriber.objects.filter(name=name).update(url=f"{state.url}/{slug}")
        Subscriber.objects.exclude(name__in=[n for _, n in UTILITIES]).update(active=False)
        yield state


@override_settings(SMS_BACKEND="flowback.sms.ConsoleBackend")
def test_completed_dibao_case_reaches_the_utilities_and_the_resident(
    utilities, capsys, django_capture_on_commit_callbacks
):
    [appointment] = book_many(1, code="RULE01", matters=("JS-MZ-01",))
    clerk = add_staff(email="rule-clerk@test.local", centre=appointment.centre, role="clerk")
    with django_capture_on_commit_callbacks(execute=True):
        case = visit(appointment, clerk)

    [derived] = Event.objects.filter(case=case, type=EventType.BENEFIT_ELIGIBLE)
    source = Event.objects.get(case=case, type=EventType.CASE_COMPLETED)
    assert derived.data["source_event"] == str(source.key)
    assert derived.data["benefits"] == "水费、电费、燃气费减免"
    for slug, name in UTILITIES:
        [arrival] = utilities.accepted(f"/{slug}")
        assert signature_ok(Subscriber.objects.get(name=name).secret, arrival)
        body = arrival.event
        assert body["type"] == "benefit.eligible"
        assert body["data"]["matters"] == ["JS-MZ-01"]
        # Exactly what a fee reduction needs: who, by name and ID number; no phone.
        assert set(body["applicant"]) == {"name", "id_number"}
        assert body["applicant"]["name"] == appointment.applicant_name
        assert len(body["applicant"]["id_number"]) == 18

    printed = capsys.readouterr().out
    sms = [line for line in printed.splitlines() if line.startswith("[SMS]")]
    assert any(
        appointment.applicant_phone in line and "最低生活保障" in line and "燃气费" in line
        for line in sms
    ), printed
    # On a real gateway the text is the approved template, with the matter and benefits.
    from flowback.sms.models import SmsMessage

    notice = SmsMessage.objects.get(template="benefit_notice")
    assert notice.params["benefits"] == "水费、电费、燃气费减免"
    assert "最低生活保障" in notice.params["matter"]


def test_other_matters_and_inactive_rules_derive_nothing(utilities):
    [other] = book_many(1, code="RULE02", matters=("JS-MZ-03",))
    clerk = add_staff(email="rule-clerk2@test.local", centre=other.centre, role="clerk")
    visit(other, clerk)
    assert not Event.objects.filter(appointment=other, type=EventType.BENEFIT_ELIGIBLE).exists()

    Rule.objects.update(active=False)
    [dibao] = book_many(1, code="RULE03", matters=("JS-MZ-01",))
    clerk = add_staff(email="rule-clerk3@test.local", centre=dibao.centre, role="clerk")
    visit(dibao, clerk)
    assert Event.objects.filter(appointment=dibao, type=EventType.CASE_COMPLETED).exists()
    assert not Event.objects.filter(appointment=dibao, type=EventType.BENEFIT_ELIGIBLE).exists()


def test_seeding_twice_changes_nothing():
    seed_flowback()
    seed_flowback()
    assert Subscriber.objects.filter(name__in=[n for _, n in UTILITIES]).count() == 3
    assert Rule.objects.filter(matter__code="JS-MZ-01").count() == 1


def test_admin_configures_a_subscriber_with_checkboxes(client, admin_user):
    client.force_login(admin_user)
    form = client.get("/admin/subscribers/new/")
    assert form.status_code == 200
    html = form.content.decode()
    assert 'value="benefit.eligible"' in html and 'value="id_number_masked"' in html
    response = client.post(
        "/admin/subscribers/new/",
        {
            "name": "人社局业务系统",
            "url": "https://hrss.example.gov.cn/events",
            "event_types": ["case.completed", "case.rejected"],
            "matters": ["JS-YB-01"],
            "personal_fields": [PersonalField.NAME],
            "active": "on",
            "max_attempts": "8",
            "timeout_seconds": "5",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    saved = Subscriber.objects.get(name="人社局业务系统")
    assert saved.event_types == ["case.completed", "case.rejected"]
    assert saved.personal_fields == ["name"]
    assert saved.wants("case.completed", ["JS-YB-01", "JS-MZ-03"])
    assert not saved.wants("case.completed", ["JS-MZ-01"])


def test_admin_refuses_both_kinds_of_id_number(client, admin_user):
    client.force_login(admin_user)
    response = client.post(
        "/admin/subscribers/new/",
        {
            "name": "x",
            "url": "https://x.example/",
            "event_types": ["case.completed"],
            "personal_fields": ["id_number", "id_number_masked"],
            "max_attempts": "8",
            "timeout_seconds": "5",
        },
    )
    assert response.status_code == 200
    assert "只能选一个" in response.content.decode()
    assert not Subscriber.objects.filter(name="x").exists()


def test_a_rule_message_fills_in_matter_and_benefits():
    rule = Rule(benefits="水费减免", sms_text="您的{matter}已办结，可享受{benefits}。")
    assert rule.message("最低生活保障申请") == "您的最低生活保障申请已办结，可享受水费减免。"


def test_subscribe_helper_defaults_are_minimal():
    subscriber = subscribe("min", "https://min.example/", ["case.completed"])
    assert subscriber.personal_fields == [] and subscriber.matters == []
