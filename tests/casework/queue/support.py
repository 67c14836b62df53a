"""Helpers of the queue tests."""

from appointments.selectors import checklist_of

JSON = {"content_type": "application/json"}


def all_ids(appointment):
    """Every material of the appointment's checklist: all brought."""
    return [line.material_id for line in checklist_of(appointment)]
