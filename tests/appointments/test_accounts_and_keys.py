"""Sign-up with a mobile number, staff commands, and rotating the personal-data key."""

import pytest
from cryptography.fernet import Fernet
from django.core.management import CommandError, call_command

from accounts.models import Profile
from appointments.models import Appointment
from core import personal_data

from .factories import AppointmentFactory, applicant, make_centre

pytestmark = pytest.mark.django_db


def signup(client, phone):
    return client.post(
        "/accounts/signup/",
        {
            "email": "new@test.local",
            "password1": "a-long-pass-2026",
            "password2": "a-long-pass-2026",
            "phone": phone,
        },
    )


def test_signup_needs_a_mainland_mobile(client, django_user_model):
    response = signup(client, "025-87770101")
    assert response.status_code == 200
    assert "手机" in response.content.decode()
    assert not django_user_model.objects.filter(email="new@test.local").exists()

    response = signup(client, "139 5123 4567")
    assert response.status_code == 302
    user = django_user_model.objects.get(email="new@test.local")
    assert Profile.objects.get(user=user).phone == "13951234567"


def test_add_staff_binds_to_a_centre_and_rejects_unknown_centres():
    centre = make_centre()
    call_command("add_staff", "clerk9@test.local", centre=centre.pk, role="clerk")
    profile = Profile.objects.get(user__email="clerk9@test.local")
    assert profile.centre == centre and profile.role == "clerk" and profile.user.is_staff
    with pytest.raises(CommandError):
        call_command("add_staff", "clerk9@test.local", centre=999999, role="clerk")


def test_import_staff_is_all_or_nothing(tmp_path):
    centre = make_centre()
    good = tmp_path / "staff.csv"
    good.write_text(
        f"email,centre_code,role\na@test.local,{centre.code},clerk\nb@test.local,{centre.code},manager\n",
        "utf-8",
    )
    call_command("import_staff", str(good))
    assert Profile.objects.filter(centre=centre).count() == 2
    bad = tmp_path / "bad.csv"
    bad.write_text(
        f"email,centre_code,role\nc@test.local,{centre.code},clerk\nd@test.local,NOPE,clerk\n",
        "utf-8",
    )
    with pytest.raises(CommandError, match="第 3 行"):
        call_command("import_staff", str(bad))
    assert not Profile.objects.filter(user__email="c@test.local").exists()


def test_rotating_the_key_keeps_every_id_number_readable(settings):
    person = applicant()
    AppointmentFactory(applicant=person)
    old_token = Appointment.objects.get().applicant_id_encrypted
    new_key = Fernet.generate_key().decode()
    settings.PERSONAL_DATA_KEYS = [new_key, *settings.PERSONAL_DATA_KEYS]
    personal_data._fernet.cache_clear()
    try:
        call_command("rotate_personal_data")
        token = Appointment.objects.get().applicant_id_encrypted
        assert token != old_token
        assert Fernet(new_key.encode()).decrypt(token.encode()).decode() == person.id_number
    finally:
        personal_data._fernet.cache_clear()


def test_add_official_command_binds_a_region_or_refuses():
    county = make_centre().county
    call_command("add_official", "county9@test.local", role="county", region=county.code)
    profile = Profile.objects.get(user__email="county9@test.local")
    assert (profile.role, profile.county_id, profile.centre_id) == ("county", county.pk, None)
    call_command("add_official", "province9@test.local", role="province")
    with pytest.raises(CommandError, match="no city"):
        call_command("add_official", "city9@test.local", role="city", region="000000")
    with pytest.raises(CommandError, match="required"):
        call_command("add_official", "city9@test.local", role="city")
    assert not Profile.objects.filter(user__email="city9@test.local").exists()
