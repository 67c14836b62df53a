"""Who counts as staff for the stricter login rules, and what their session records."""

from __future__ import annotations

import time

from allauth.mfa.signals import authenticator_added
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.contrib.auth.signals import user_logged_in
from django.db.models import BooleanField, Exists, ExpressionWrapper, OuterRef, Q
from django.dispatch import receiver

from accounts.models import Profile

SESSION_STARTED_KEY = "staff_session_started"
SESSION_SEEN_KEY = "staff_last_seen"
# Set when the authenticator was enrolled in this very session: the code was typed then.
SESSION_MFA_KEY = "staff_second_factor"


def _staff_condition():
    """ModelBackend's rule for the admin permission (the account's own or a
    group's) and a staff role, about the account of the outer query."""
    access = Q(content_type__app_label="wagtailadmin", codename="access_admin")
    return (
        Exists(Permission.objects.filter(access, user=OuterRef("pk")))
        | Exists(Permission.objects.filter(access, group__user=OuterRef("pk")))
        | Exists(Profile.objects.filter(user=OuterRef("pk")).exclude(role=""))
    )


def with_staff_flag(users):
    """The accounts with ``staff_account``, what ``is_staff_account`` asks, in the same query."""
    return users.annotate(
        staff_account=ExpressionWrapper(_staff_condition(), output_field=BooleanField())
    )


def is_staff_account(user) -> bool:
    """Counter, dashboard and editorial accounts: anyone who reaches personal data or the CMS."""
    if not (user.is_authenticated and user.is_active):
        return False
    if user.is_staff or user.is_superuser:
        return True
    # Loaded with the account by accounts.backends (every signed-in request asks).
    flag = getattr(user, "staff_account", None)
    if flag is not None:
        return bool(flag)
    return get_user_model().objects.filter(pk=user.pk).filter(_staff_condition()).exists()


@receiver(user_logged_in)
def start_the_clock(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session") and is_staff_account(user):
        request.session.set_expiry(settings.STAFF_SESSION_IDLE_SECONDS)
        now = time.time()
        request.session[SESSION_STARTED_KEY] = now
        request.session[SESSION_SEEN_KEY] = now


@receiver(authenticator_added)
def enrolled_in_this_session(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        request.session[SESSION_MFA_KEY] = True
