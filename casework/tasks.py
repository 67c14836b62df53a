"""Background jobs of the counter (django-q2)."""

from casework import notifications


def tell_what_is_missing(case_id: int) -> None:
    notifications.tell_what_is_missing(case_id)


def tell_rejection(case_id: int) -> None:
    notifications.tell_rejection(case_id)
