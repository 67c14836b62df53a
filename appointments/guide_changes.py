"""What changed in a matter's material list since the applicant confirmed it."""

from __future__ import annotations

from dataclasses import dataclass, field

from appointments.models import AppointmentMatter
from guides.checklist import matter_lines


@dataclass
class ChecklistChange:
    matter: str
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.added or self.removed)


def _names(page, situation_code: str) -> list[str]:
    codes = [situation_code] if situation_code else []
    return [line.name for line in matter_lines(page, codes)]


def checklist_change(item: AppointmentMatter) -> ChecklistChange:
    """Materials added to or removed from the list since the booking was confirmed."""
    live = item.matter
    change = ChecklistChange(matter=live.title)
    if item.guide_revision is None or item.guide_revision_id == live.live_revision_id:
        return change
    confirmed = _names(item.guide_revision.as_object(), item.situation_code)
    current = _names(live, item.situation_code)
    change.added = [n for n in current if n not in confirmed]
    change.removed = [n for n in confirmed if n not in current]
    return change
