"""The reviewer's compare view: a situation's material list as comparable lines.

Wagtail compares a situation's own fields but shows a nested inline list (the
materials of a situation) as an empty section. Through Wagtail's comparison
API the list is compared here as one line per material, so a reviewer sees
"户口簿 原件 1 份" become "户口簿 原件 2 份".
"""

from __future__ import annotations

import difflib
import functools

from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from wagtail.admin.compare import FieldComparison, TextDiff
from wagtail.admin.panels import InlinePanel

from guides.constants import MaterialForm, Medium


def material_line(item, names: dict[int, str]) -> str:
    """One line of a material list as a reviewer reads it."""
    text = _("%(name)s %(form)s %(copies)s 份 · %(medium)s") % {
        "name": names.get(item.material_id, "?"),
        "form": MaterialForm(item.form).label,
        "copies": item.copies,
        "medium": Medium(item.medium).label,
    }
    if not item.required:
        text += " · " + _("视情况：%(condition)s") % {"condition": item.condition}
    if item.note:
        text += " · " + item.note.replace("\r\n", "\n").strip()
    return text


class MaterialListComparison(FieldComparison):
    """A situation's materials compared line by line."""

    def __init__(self, relation, label, obj_a, obj_b):
        from guides.models import Material

        self.field = relation
        self.label = label
        items_a = list(getattr(obj_a, relation.related_name).all())
        items_b = list(getattr(obj_b, relation.related_name).all())
        names = dict(
            Material.objects.filter(pk__in={i.material_id for i in items_a + items_b}).values_list(
                "pk", "name"
            )
        )
        self.val_a = [material_line(item, names) for item in items_a]
        self.val_b = [material_line(item, names) for item in items_b]

    def field_label(self):
        return self.label

    def htmldiff(self):
        changes = []
        matcher = difflib.SequenceMatcher(a=self.val_a, b=self.val_b, autojunk=False)
        for op, a1, a2, b1, b2 in matcher.get_opcodes():
            if op == "equal":
                changes += [("equal", line) for line in self.val_a[a1:a2]]
            else:
                changes += [("deletion", line) for line in self.val_a[a1:a2]]
                changes += [("addition", line) for line in self.val_b[b1:b2]]
        if not changes:
            return mark_safe(escape(_("（无材料）")))  # noqa: S308 - escaped just above
        return TextDiff(changes, separator="<br>").to_html()


class MaterialListPanel(InlinePanel):
    """The materials of a situation, edited inline, compared as a list of lines."""

    class BoundPanel(InlinePanel.BoundPanel):
        def get_comparison(self):
            return [functools.partial(MaterialListComparison, self.panel.db_field, self.heading)]
