"""What a gateway's answer means to the worker: try again later, or give up."""

from __future__ import annotations


class SmsError(Exception):
    """A message the gateway did not take; ``code`` is the provider's own code."""

    retryable = False

    def __init__(self, message: str, *, code: str = ""):
        super().__init__(message)
        self.code = code

    def __str__(self) -> str:
        text = super().__str__()
        return f"{self.code}: {text}" if self.code else text


class SmsRetryable(SmsError):
    """Throttled, timed out or a fault at the provider: the same message may go through later."""

    retryable = True


class SmsRefused(SmsError):
    """Refused for good (bad number, unapproved template, account problem): retrying cannot help."""
