"""Worker entry points for text messages: they take ids and call the outbox."""

from flowback.sms import outbox


def deliver(message_id: int) -> str:
    return outbox.deliver(message_id)


def send_due() -> int:
    return outbox.send_due()
