"""The public change history of a guide: what each publication changed, and when.

Built from the page's published revisions, which hold the whole page as it
was; two consecutive ones are compared field by field. Residents see the
names of the parts that changed and the date, never who made the change.
"""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass

from django.utils.translation import gettext as _
from wagtail.models import PageLogEntry

# The parts of a guide a resident reads, in the order of the standard; the
# rest of a revision (tree position, workflow state, digests) is bookkeeping.
SHOWN_FIELDS = (
    "title",
    "summary",
    "common_names",
    "legal_basis",
    "acceptance_criteria",
    "situation_question",
    "situations",
    "process_steps",
    "legal_time_limit_days",
    "promised_time_limit_days",
    "fee",
    "result_name",
    "result_description",
    "where_and_when",
    "enquiry",
    "complaint",
    "faq",
    "online_channel",
    "bookable",
    "handling_minutes",
)
# Row ids and links to the parent change when a list is saved again unchanged.
BOOKKEEPING_KEYS = frozenset({"pk", "id", "page", "situation", "sort_order"})


@dataclass(frozen=True)
class Change:
    published_at: datetime.datetime
    fields: tuple[str, ...]  # what changed; empty for the first publication
    model: type

    @property
    def parts(self) -> list[str]:
        """The changed parts as residents name them, in the reader's language."""
        return [_label(self.model, name) for name in self.fields]


def _comparable(value):
    if isinstance(value, dict):
        return {k: _comparable(v) for k, v in value.items() if k not in BOOKKEEPING_KEYS}
    if isinstance(value, list):
        return [_comparable(v) for v in value]
    if isinstance(value, str):
        if value[:1] in ("[", "{"):
            # A StreamField's revision content is its JSON as text, and PostgreSQL's
            # jsonb gives the keys back in its own order: compare what it says.
            try:
                return _comparable(json.loads(value))
            except ValueError:
                pass
        # Text typed in a browser's textarea comes with \r\n; it is the same text.
        return value.replace("\r\n", "\n").strip()
    return value


def _label(model, name: str) -> str:
    if name == "situations":
        return _("办理情形和材料清单")
    return str(model._meta.get_field(name).verbose_name)


def changed_fields(before: dict, after: dict) -> tuple[str, ...]:
    """The shown fields that differ between two revisions' content."""
    return tuple(
        name
        for name in SHOWN_FIELDS
        if _comparable(before.get(name)) != _comparable(after.get(name))
    )


def publication_history(page) -> list[Change]:
    """Each publication of ``page`` that changed what residents read, newest first."""
    entries = (
        PageLogEntry.objects.filter(page=page, action="wagtail.publish", revision__isnull=False)
        .select_related("revision")
        .order_by("timestamp", "pk")
    )
    model = type(page)
    changes: list[Change] = []
    previous = None
    for entry in entries:
        content = entry.revision.content
        if previous is None:
            changes.append(Change(entry.timestamp, (), model))
        else:
            fields = changed_fields(previous, content)
            if fields:
                changes.append(Change(entry.timestamp, fields, model))
        previous = content
    return changes[::-1]
