"""Backends that send one text message: console and file here, the gateways beside.

A backend's ``send(message)`` returns the provider's message id ("" where
there is none) or raises ``SmsRetryable`` / ``SmsRefused``. A dotted-path
backend with only Django-style ``send_messages(messages)`` still works.
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
    """Development only (``check --deploy`` refuses it): prints the whole message."""

    def __init__(self, stream=None):
        self.stream = stream or sys.stdout
        self._lock = threading.RLock()

    def send(self, message: TextMessage) -> str:
        self.send_messages([message])
        return ""

    def send_messages(self, messages: list[TextMessage]) -> int:
        with self._lock:
            for message in messages:
                self.stream.write(f"[SMS] {message.phone}: {message.text}\n")
            self.stream.flush()
        return len(messages)


class FileBackend:
    """One JSON object a line (``to``, ``template``, ``params``, ``text``) appended to ``SMS_FILE_PATH``."""

    def __init__(self, path: str | None = None):
        self.path = Path(path or settings.SMS_FILE_PATH)
        self._lock = threading.RLock()

    def send(self, message: TextMessage) -> str:
        self.send_messages([message])
        return ""

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
    "tencent": "flowback.sms.tencent.TencentBackend",
    "aliyun": "flowback.sms.aliyun.AliyunBackend",
}


def backend_path(name: str | None = None) -> str:
    """The dotted path of a backend given by short name or by path."""
    name = name or settings.SMS_BACKEND
    return BACKENDS.get(name, name)


def get_backend():
    return import_string(backend_path())()


def send_one(backend, message: TextMessage) -> str:
    """Send through ``backend``; the provider's message id."""
    if hasattr(backend, "send"):
        return backend.send(message) or ""
    backend.send_messages([message])
    return ""
