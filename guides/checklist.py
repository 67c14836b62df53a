"""Merging the material lists of several matters into one checklist."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from django.utils.translation import gettext as _

from guides.constants import BroughtBy, MaterialForm, Medium


@dataclass
class ChecklistLine:
    """One material the applicant brings, with every matter that needs it."""

    material_id: int
    name: str
    form: str
    copies: int
    medium: str
    required: bool
    condition: str
    source: str
    note: str
    matters: list[str] = field(default_factory=list)
    situations: list[str] = field(default_factory=list)
    blank_form_url: str = ""
    sample_url: str = ""
    # Who brings it when an enterprise books a batch (the material library says).
    brought_by: str = BroughtBy.EACH_PERSON

    @classmethod
    def of(cls, item, *, matter_code: str, situation_code: str) -> ChecklistLine:
        """The line of one SituationMaterial (material, blank form and sample prefetched)."""
        material = item.material
        return cls(
            material_id=item.material_id,
            name=material.name,
            form=item.form,
            copies=item.copies,
            medium=item.medium,
            required=item.required,
            condition=item.condition,
            source=material.source,
            note=item.note,
            matters=[matter_code],
            situations=[situation_code],
            blank_form_url=material.blank_form.url if material.blank_form_id else "",
            sample_url=material.sample.url if material.sample_id else "",
            brought_by=material.brought_by,
        )

    @property
    def form_label(self) -> str:
        return str(MaterialForm(self.form).label)

    @property
    def medium_label(self) -> str:
        return str(Medium(self.medium).label)

    @property
    def brought_by_label(self) -> str:
        return str(BroughtBy(self.brought_by).label)

    def absorb(self, other: ChecklistLine) -> None:
        """Fold another matter's requirement for the same material into this line."""
        if self.form != other.form:
            self.form = MaterialForm.ORIGINAL_AND_COPY
        if self.medium != other.medium:
            self.medium = Medium.PAPER
        self.copies = max(self.copies, other.copies)
        if self.required or other.required:
            self.required, self.condition = True, ""
        else:
            self.condition = _join(self.condition, other.condition)
        self.note = _join(self.note, other.note)
        self.matters += [code for code in other.matters if code not in self.matters]
        self.situations += [code for code in other.situations if code not in self.situations]


def _sentences(text: str) -> list[str]:
    return [part.strip() for part in re.split(r"[。；;]", text or "") if part.strip()]


def _same_sentence(a: str, b: str) -> bool:
    # Two guides often say the same thing in slightly different words
    # ("申请人当场签字" / "申请人在窗口当场签字"): one of them is enough.
    return a in b or b in a or SequenceMatcher(None, a, b).ratio() >= 0.75


def _join(first: str, second: str) -> str:
    """Two notes as one, each thing said once (the fuller wording kept)."""
    kept: list[str] = []
    for sentence in _sentences(first) + _sentences(second):
        for i, known in enumerate(kept):
            if _same_sentence(sentence, known):
                if len(sentence) > len(known):
                    kept[i] = sentence
                break
        else:
            kept.append(sentence)
    ends = "。" if any(p.rstrip().endswith("。") for p in (first, second) if p) else ""
    return "；".join(kept) + (ends if kept else "")


def situation_lines(situation, *, matter_code: str) -> list[ChecklistLine]:
    """One situation's material list, in the standard's order."""
    return [
        ChecklistLine.of(item, matter_code=matter_code, situation_code=situation.code)
        for item in situation.materials.all()
    ]


def chosen_situations(matter, situation_codes: Iterable[str]) -> list:
    """The situations of a matter that apply: the chosen ones, else all of them."""
    situations = list(matter.situations.all())
    wanted = set(situation_codes)
    chosen = [s for s in situations if s.code in wanted]
    return chosen or situations


def matter_lines(matter, situation_codes: Iterable[str] = ()) -> list[ChecklistLine]:
    """The lines of one matter; with several situations and none chosen, a
    material that only some situations need becomes conditional on them."""
    situations = chosen_situations(matter, situation_codes)
    lines: dict[int, ChecklistLine] = {}
    needed_by: dict[int, list[str]] = {}
    for situation in situations:
        for line in situation_lines(situation, matter_code=matter.code):
            needed_by.setdefault(line.material_id, []).append(situation.name)
            if line.material_id in lines:
                lines[line.material_id].absorb(line)
            else:
                lines[line.material_id] = line
    if len(situations) > 1:
        for material_id, names in needed_by.items():
            line = lines[material_id]
            if len(names) < len(situations):
                line.required = False
                line.condition = _join(
                    _("仅“%(situations)s”情形需要") % {"situations": "、".join(names)},
                    line.condition,
                )
    return list(lines.values())


def build_checklist(
    matters: Sequence, *, situation_codes: Iterable[str] = ()
) -> list[ChecklistLine]:
    """The merged, de-duplicated checklist of several matters, in first-seen order.

    The matters must come with their situations and materials prefetched
    (``MatterPage.situations_prefetch()``), so the merge costs no queries.
    """
    situation_codes = list(situation_codes)
    merged: dict[int, ChecklistLine] = {}
    for matter in matters:
        for line in matter_lines(matter, situation_codes):
            if line.material_id in merged:
                merged[line.material_id].absorb(line)
            else:
                merged[line.material_id] = line
    return list(merged.values())
