"""What changed in a matter's material list since the applicant confirmed it."""

from __future__ import annotations

from dataclasses import dataclass, field

from appointments.models import AppointmentMatter
from guides.checklist import matter_lines
from guides.models import Material


@dataclass
class ChecklistChange:
    matter: str
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    # Materials still on the list whose approved description changed since the booking.
    updated: list[str] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.added or self.removed or self.updated)


def _lines(page, situation_code: str):
    codes = [situation_code] if situation_code else []
    return matter_lines(page, codes)


def checklist_change(item: AppointmentMatter) -> ChecklistChange:
    """Materials added to, removed from or revised on the list since the booking was confirmed.

    Only approved (published) versions count: a material's draft is not what
    residents see, so it is no change for them.
    """
    live = item.matter
    change = ChecklistChange(matter=live.title)
    current = _lines(live, item.situation_code)
    if item.guide_revision is not None and item.guide_revision_id != live.live_revision_id:
        confirmed = [
            line.name for line in _lines(item.guide_revision.as_object(), item.situation_code)
        ]
        names = [line.name for line in current]
        change.added = [n for n in names if n not in confirmed]
        change.removed = [n for n in confirmed if n not in names]
    revised = set(
        Material.objects.filter(
            pk__in=[line.material_id for line in current],
            last_published_at__gt=item.appointment.created_at,
        ).values_list("pk", flat=True)
    )
    change.updated = [
        line.name
        for line in current
        if line.material_id in revised and line.name not in change.added
    ]
    return change
