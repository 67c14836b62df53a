"""Text messages to residents through a pluggable backend (settings.SMS_BACKEND).

The default console backend prints each message, as Django's console e-mail
backend does; a deployment names a class with the same ``send_messages``
method that talks to the operator's SMS gateway.
"""

from __future__ import annotations

import sys
import threading
from dataclasses import dataclass

from django.conf import settings
from django.utils.module_loading import import_string


@dataclass(frozen=True)
class TextMessage:
    phone: str
    text: str


class ConsoleBackend:
    def __init__(self, stream=None):
        self.stream = stream or sys.stdout
        self._lock = threading.RLock()

    def send_messages(self, messages: list[TextMessage]) -> int:
        with self._lock:
            for message in messages:
                self.stream.write(f"[SMS] {message.phone}: {message.text}\n")
            self.stream.flush()
        return len(messages)


def get_backend():
    return import_string(settings.SMS_BACKEND)()


def send_sms(phone: str, text: str) -> int:
    """Send one text message; nothing is sent to an empty number."""
    if not phone:
        return 0
    return get_backend().send_messages([TextMessage(phone=phone, text=text)])
