"""A dashboard table, and the names its rows and charts give places."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.safestring import SafeString
from django.utils.translation import gettext as _


@dataclass
class Table:
    slug: str
    title: str
    headers: list[str]
    rows: list[list]
    chart: SafeString | None = None
    note: str = ""


def level_name(level: str) -> str:
    return {
        "centre": _("便民服务中心"),
        "county": _("县（市、区）"),
        "city": _("设区市"),
    }[level]


def short_name(name: str) -> str:
    # Every centre's name ends in the same words; the chart has room only for what differs.
    return name.removesuffix("便民服务中心") or name
