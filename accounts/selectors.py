"""Reads about accounts."""

from __future__ import annotations

from accounts.models import Profile


def user_by_login_phone(phone: str):
    """The active account that proved ``phone`` (E.164), or None."""
    profile = (
        Profile.objects.filter(login_phone=phone, login_phone_verified=True, user__is_active=True)
        .select_related("user")
        .first()
    )
    return profile.user if profile else None


def login_phone_of(user) -> tuple[str, bool] | None:
    """(E.164 number, proved) of an account, None when it has no login phone."""
    row = (
        Profile.objects.filter(user_id=user.pk)
        .exclude(login_phone="")
        .values_list("login_phone", "login_phone_verified")
        .first()
    )
    return (row[0], row[1]) if row else None
