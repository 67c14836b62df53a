"""Text messages to residents through a pluggable backend (settings.SMS_BACKEND).

``SMS_BACKEND`` takes a short name or a dotted path: ``console`` (development
default) prints each message, as Django's console e-mail backend does;
``file`` appends one JSON object per message to ``SMS_FILE_PATH`` (for tests
and acceptance checks); ``tencent`` and ``aliyun`` send approved templates
through the cloud providers' SDKs (``flowback.sms.gateway`` for settings).

``send_sms`` queues a message for the worker (``flowback.sms.outbox``); every
kind the site sends is listed in ``flowback.sms.kinds``.
"""

from flowback.sms.backends import (
    BACKENDS,
    ConsoleBackend,
    FileBackend,
    TextMessage,
    backend_path,
    get_backend,
)
from flowback.sms.errors import SmsError, SmsRefused, SmsRetryable
from flowback.sms.outbox import send_sms

__all__ = [
    "BACKENDS",
    "ConsoleBackend",
    "FileBackend",
    "SmsError",
    "SmsRefused",
    "SmsRetryable",
    "TextMessage",
    "backend_path",
    "get_backend",
    "send_sms",
]
