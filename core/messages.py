"""The seam every app sends a text message through.

The app that owns the queue, the log and the gateways (flowback) registers
its sender under the Wagtail hook ``send_sms``; the apps below it (accounts,
booking) call this function and never import it.
"""

from __future__ import annotations

from django.core.exceptions import ImproperlyConfigured
from wagtail import hooks


def send_sms(phone: str, text: str = "", *, template: str = "", params: dict | None = None) -> int:
    """Queue one text message; how many were queued (0 for an empty number)."""
    senders = hooks.get_hooks("send_sms")
    if not senders:
        raise ImproperlyConfigured("No app registers a 'send_sms' hook (flowback does).")
    return senders[-1](phone, text, template=template, params=params)
