"""Text messages to residents through a pluggable backend (settings.SMS_BACKEND).

``SMS_BACKEND`` takes a short name or a dotted path: ``console`` (development
default) prints each message, as Django's console e-mail backend does;
``file`` appends one JSON object per message to ``SMS_FILE_PATH`` (for tests
and acceptance checks); a deployment names a class with the same
``send_messages`` method that talks to the operator's SMS gateway.
"""

from __future__ import annotations

import json
import sys
import threading
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.utils.module_loading import import_string


@dataclass(frozen=True)
class TextMessage:
    """One text; ``template`` and ``params`` for gateways that send approved templates."""

    phone: str
    text: str
    template: str = ""
    params: dict = field(default_factory=dict)


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


class FileBackend:
    """One JSON object a line (``to``, ``text``) appended to ``settings.SMS_FILE_PATH``."""

    def __init__(self, path: str | None = None):
        self.path = Path(path or settings.SMS_FILE_PATH)
        self._lock = threading.RLock()

    def send_messages(self, messages: list[TextMessage]) -> int:
        lines = "".join(
            json.dumps(
                {"to": m.phone, "template": m.template, "params": m.params, "text": m.text},
                ensure_ascii=False,
            )
            + "\n"
            for m in messages
        )
        with self._lock:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            # One write per batch in append mode: lines of several workers never interleave.
            with self.path.open("a", encoding="utf-8") as out:
                out.write(lines)
        return len(messages)


BACKENDS = {
    "console": "flowback.sms.ConsoleBackend",
    "file": "flowback.sms.FileBackend",
}


def backend_path(name: str | None = None) -> str:
    """The dotted path of a backend given by short name or by path."""
    name = name or settings.SMS_BACKEND
    return BACKENDS.get(name, name)


def get_backend():
    return import_string(backend_path())()


def send_sms(phone: str, text: str, *, template: str = "", params: dict | None = None) -> int:
    """Send one text message; nothing is sent to an empty number."""
    if not phone:
        return 0
    message = TextMessage(phone=phone, text=text, template=template, params=params or {})
    return get_backend().send_messages([message])
