"""The counter's pages: the workbench and reception (``desk``), intake, cases, the hall."""

from __future__ import annotations

from functools import wraps

from django.contrib.auth.decorators import login_required

from casework import services


def staff_view(centre_of):
    """Views for staff of a centre, who log in through the staff (Wagtail) login.

    ``centre_of(user)`` gives the centre the user may act for (``request.centre``)
    or raises PermissionDenied.
    """

    def decorator(view):
        @login_required(login_url="/admin/login/")
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            request.centre = centre_of(request.user)
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


clerk_view = staff_view(services.clerk_centre)


def counter_of(request) -> int:
    """The clerk's counter number, kept in the session once typed."""
    return request.session.get("counter_number", 1)


def set_counter(request, raw: str) -> int:
    raw = (raw or "").strip()
    counter = int(raw) if raw.isdigit() and 0 < int(raw) < 100 else counter_of(request)
    request.session["counter_number"] = counter
    return counter
