"""Staff accounts of the province: a manager per centre, clerks by counters, officials."""

from __future__ import annotations

from collections.abc import Callable

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.utils import timezone

from accounts.models import Profile, StaffRole
from accounts.services import ensure_staff_groups
from centres.models import City, County
from portal.scale import bulk
from portal.scale.places import sim_centres

DOMAIN = "scale.example"
PASSWORD = "scale-only-password"
RESIDENTS = 2000


def staff_email(role: str, n: int) -> str:
    return f"{role}.{n:05d}@{DOMAIN}"


def resident_email(n: int) -> str:
    return f"resident.{n:05d}@{DOMAIN}"


def plan(staff: int) -> list[tuple[str, str, int | None, int | None, int | None]]:
    """(email, role, centre, county, city) of ``staff`` accounts: managers, officials, clerks."""
    centres = list(sim_centres().order_by("code").values_list("pk", "counters"))
    rows = [
        (staff_email("manager", n), StaffRole.MANAGER, pk, None, None)
        for n, (pk, _counters) in enumerate(centres, start=1)
    ]
    counties = County.objects.filter(code__startswith="39").order_by("code")
    rows += [
        (staff_email("county", n), StaffRole.COUNTY, None, pk, None)
        for n, pk in enumerate(counties.values_list("pk", flat=True), start=1)
    ]
    cities = City.objects.filter(code__startswith="39").order_by("code")
    rows += [
        (staff_email("city", n), StaffRole.CITY, None, None, pk)
        for n, pk in enumerate(cities.values_list("pk", flat=True), start=1)
    ]
    rows += [(staff_email("province", n), StaffRole.PROVINCE, None, None, None) for n in (1, 2, 3)]
    rows = rows[:staff]
    # Clerks in proportion to a centre's counters, dealt out round the province.
    seats = [pk for pk, counters in centres for _seat in range(counters)]
    rows += [
        (staff_email("clerk", n), StaffRole.CLERK, seats[(n - 1) % len(seats)], None, None)
        for n in range(1, staff - len(rows) + 1)
        if seats
    ]
    return rows


def _add_users(emails: list[str], *, is_staff: bool, password: str) -> dict:
    User = get_user_model()
    existing = set(User.objects.filter(username__in=emails).values_list("username", flat=True))
    now = timezone.now()
    bulk.insert(
        User,
        (
            "username",
            "email",
            "password",
            "first_name",
            "last_name",
            "is_staff",
            "is_superuser",
            "is_active",
            "date_joined",
        ),
        (
            (email, email, password, "", "", is_staff, False, True, now)
            for email in emails
            if email not in existing
        ),
    )
    ids = dict(User.objects.filter(username__in=emails).values_list("username", "pk"))
    new = [ids[email] for email in emails if email not in existing]
    bulk.insert(
        EmailAddress,
        ("user_id", "email", "verified", "primary"),
        ((pk, email, True, True) for email, pk in ids.items() if email not in existing),
    )
    return {"ids": ids, "new": set(new)}


def seed_staff(staff: int, say: Callable[[str], None], password: str = PASSWORD) -> int:
    """Staff accounts and the residents who booked the history; one password hash for all."""
    hashed = make_password(password)
    residents = _add_users(
        [resident_email(n) for n in range(1, RESIDENTS + 1)], is_staff=False, password=hashed
    )
    if staff <= 0:
        return 0
    rows = plan(staff)
    made = _add_users([row[0] for row in rows], is_staff=True, password=hashed)
    ids, new = made["ids"], made["new"]
    bulk.insert(
        Profile,
        # COPY fills no defaults: every non-null column is named.
        (
            "user_id",
            "phone",
            "login_phone",
            "login_phone_verified",
            "role",
            "centre_id",
            "county_id",
            "city_id",
        ),
        (
            (ids[email], "", "", False, role, centre, county, city)
            for email, role, centre, county, city in rows
            if ids[email] in new
        ),
    )
    groups = ensure_staff_groups()
    Membership = get_user_model().groups.through
    bulk.insert(
        Membership,
        ("user_id", "group_id"),
        (
            (ids[email], groups[role].pk)
            for email, role, *_place in rows
            if ids[email] in new and role in groups
        ),
    )
    say(
        f"staff: {len(new)} added, {len(rows)} in all; {len(residents['new'])} residents added"
        f" (password {password!r})"
    )
    return len(new)
