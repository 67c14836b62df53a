"""What changed in a matter's material list since the applicant confirmed it."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

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
    # Materials still on the list now asked for differently: "户口簿：现需 2 份（原为 1 份）".
    requirements: list[str] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.added or self.removed or self.updated or self.requirements)


def requirement_change(before, after) -> str:
    """What a guide now asks differently of one material (form, copies, paper or electronic)."""
    parts = []
    if before.form != after.form:
        parts.append(
            _("现需%(now)s（原为%(was)s）") % {"now": after.form_label, "was": before.form_label}
        )
    if before.copies != after.copies:
        parts.append(
            _("现需 %(now)s 份（原为 %(was)s 份）") % {"now": after.copies, "was": before.copies}
        )
    if before.medium != after.medium:
        parts.append(
            _("现为%(now)s（原为%(was)s）")
            % {"now": after.medium_label, "was": before.medium_label}
        )
    return f"{after.name}：{'，'.join(parts)}" if parts else ""


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
        before = {
            line.name: line for line in _lines(item.guide_revision.as_object(), item.situation_code)
        }
        confirmed = list(before)
        names = [line.name for line in current]
        change.added = [n for n in names if n not in confirmed]
        change.removed = [n for n in confirmed if n not in names]
        change.requirements = [
            text
            for line in current
            if line.name in before and (text := requirement_change(before[line.name], line))
        ]
    revised = set(
        Material.objects.filter(
            pk__in=[line.material_id for line in current],
            last_published_at__gt=item.appointment.created_at,
        ).values_list("pk", flat=True)
    )
    requirement_names = {text.split("：", 1)[0] for text in change.requirements}
    change.updated = [
        line.name
        for line in current
        if line.material_id in revised
        and line.name not in change.added
        and line.name not in requirement_names
    ]
    return change


def has_checklist_change(appointment) -> bool:
    """Whether any matter's list changed since the booking (for the marker in 我的预约)."""
    return any(
        checklist_change(item) for item in appointment.matters.select_related("guide_revision")
    )
