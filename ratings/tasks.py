"""Background jobs of ratings (django-q2)."""

from ratings import notifications


def invite_to_rate(case_id: int) -> None:
    notifications.invite_to_rate(case_id)


def tell_answer(follow_up_id: int) -> None:
    notifications.tell_answer(follow_up_id)
