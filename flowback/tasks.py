"""Worker entry points: they take ids and call the services."""

from flowback import services


def deliver(subscriber_id: int) -> int:
    return services.deliver(subscriber_id)


def deliver_due() -> int:
    return services.deliver_due()


def tell_applicant(event_id: int, rule_id: int) -> None:
    services.tell_applicant(event_id, rule_id)


def prune() -> int:
    return services.prune()


def kick(subscriber_ids: list[int]) -> int:
    return services.kick(subscriber_ids)
