"""What apps above booking add to the resident's pages, through Wagtail hooks.

Booking does not know about queues, cases or ratings; the apps that do
register functions under these hook names in their ``wagtail_hooks.py``:

- ``appointment_page_context``: ``fn(appointment, *, public)`` returns context
  for the appointment's own page (``public=False``) or its public ticket page
  (``public=True``, reached by whoever holds the link, so nothing personal);
- ``appointment_list_facts``: ``fn(appointments)`` sets attributes on a list
  of appointments in a few queries;
- ``booking_applicant_initial``: ``fn(user)`` returns what the site knows of
  the account (its phone) to fill in the applicant form when booking for oneself.
"""

from __future__ import annotations

from wagtail import hooks

from appointments.models import Appointment


def page_context(appointment: Appointment, *, public: bool) -> dict:
    context = {}
    for fn in hooks.get_hooks("appointment_page_context"):
        context.update(fn(appointment, public=public))
    return context


def list_facts(appointments: list[Appointment]) -> list[Appointment]:
    for fn in hooks.get_hooks("appointment_list_facts"):
        fn(appointments)
    return appointments


def applicant_initial(user) -> dict:
    initial = {}
    for fn in hooks.get_hooks("booking_applicant_initial"):
        initial.update(fn(user))
    return initial
