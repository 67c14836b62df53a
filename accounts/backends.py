"""Authentication backends that load the account together with whether it is staff.

Every signed-in request asks ``accounts.staff.is_staff_account`` (the stricter
session rules of ``accounts.middleware``): the answer comes in the query that
loads the account, so a request knows its caller with one query, not two.
"""

from __future__ import annotations

from allauth.account import auth_backends
from django.contrib.auth import backends, get_user_model

from accounts.staff import with_staff_flag


class _LoadsStaffFlag:
    def get_user(self, user_id):
        users = get_user_model()._default_manager
        try:
            user = with_staff_flag(users.all()).get(pk=user_id)
        except users.model.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None


class ModelBackend(_LoadsStaffFlag, backends.ModelBackend):
    """Django's: username and password."""


class AuthenticationBackend(_LoadsStaffFlag, auth_backends.AuthenticationBackend):
    """allauth's: e-mail, phone or username, and password."""
