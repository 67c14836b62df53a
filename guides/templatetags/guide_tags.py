"""Template tags of the guide pages."""

from html import escape

from django import template
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from guides.constants import MaterialForm, Medium

register = template.Library()


@register.simple_tag
def material_items(lines) -> SafeString:
    """The ``<li>`` of each line of a material list.

    Written in Python rather than as a template loop, and with the standard
    library's ``escape`` (what Django's calls) rather than ``format_html``:
    with a dozen or more materials a guide, this list was the largest part of
    the page's render time. Every value from the database is escaped.
    """
    # Labels resolved once per list, not once per line.
    when_needed = escape(_("视情况"))
    unit = escape(_("份"))
    when_label = escape(_("何时需要："))
    where_label = escape(_("在哪开具："))
    blank_form = escape(_("下载空白表格"))
    sample = escape(_("查看填写样例"))
    form_labels = {value: escape(str(label)) for value, label in MaterialForm.choices}
    medium_labels = {value: escape(str(label)) for value, label in Medium.choices}
    items = []
    for line in lines:
        parts = [f"<li><strong>{escape(line.name)}</strong>"]
        if not line.required:
            parts.append(f' <span class="tag">{when_needed}</span>')
        parts.append(
            f' <span class="req">{form_labels[line.form]} {line.copies:d} {unit}'
            f" · {medium_labels[line.medium]}</span>"
        )
        if line.condition:
            parts.append(f' <div class="condition">{when_label}{escape(line.condition)}</div>')
        if line.note:
            parts.append(f' <div class="note">{escape(line.note)}</div>')
        parts.append(f' <div class="source">{where_label}{escape(line.source)}</div>')
        if line.blank_form_url:
            parts.append(f' <a href="{escape(line.blank_form_url)}">{blank_form}</a>')
        if line.sample_url:
            parts.append(f' <a href="{escape(line.sample_url)}">{sample}</a>')
        parts.append("</li>")
        items.append("".join(parts))
    return mark_safe("\n".join(items))
