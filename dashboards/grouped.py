"""Writing grouped figures straight from the live rows into a table: one INSERT … SELECT.

The figures of a year are about a million rows; fetching them into Python and
inserting them again took minutes, while the database can write what it has
just grouped in seconds. The grouped queries are the ORM's own (the same
expressions as the live pages use), so the figures are the same either way.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import connection
from django.db.models import Model, QuerySet


@dataclass(frozen=True)
class Grouped:
    """Rows of ``queryset`` grouped by ``keys``, with ``sums``: both map a column of the target
    table (its attname) to the expression that gives it."""

    queryset: QuerySet
    keys: dict
    sums: dict

    def sql(self) -> tuple[str, tuple]:
        grouped = (
            self.queryset.values(**{_key(name): value for name, value in self.keys.items()})
            .annotate(**{_sum(name): value for name, value in self.sums.items()})
            .order_by()
        )
        return grouped.query.sql_with_params()


def _key(name: str) -> str:
    # Prefixed: an annotation may not take the name of one of the model's fields.
    return f"key_{name}"


def _sum(name: str) -> str:
    return f"sum_{name}"


def insert(model: type[Model], *parts: Grouped) -> int:
    """Insert into ``model``'s table the rows of ``parts`` added up per key (the keys of all
    parts are the same; a sum a part lacks counts 0, a sum of nothing 0); return how many."""
    q = connection.ops.quote_name
    keys = list(parts[0].keys)
    sums = list(dict.fromkeys(name for part in parts for name in part.sums))
    opts = model._meta
    columns = ", ".join(q(opts.get_field(name).column) for name in keys + sums)
    params: list = []
    selects = []
    for n, part in enumerate(parts):
        sql, part_params = part.sql()
        params += part_params
        values = [q(_key(name)) for name in keys] + [
            f"{q(_sum(name))}" if name in part.sums else f"0 AS {q(_sum(name))}" for name in sums
        ]
        selects.append(f"SELECT {', '.join(values)} FROM ({sql}) AS {q(f'part{n}')}")
    grouping = ", ".join(q(_key(name)) for name in keys)
    if len(parts) == 1:
        totals = ", ".join(f"COALESCE({q(_sum(name))}, 0)" for name in sums)
        source = f"SELECT {grouping}, {totals} FROM ({selects[0]}) AS {q('rows')}"
    else:
        totals = ", ".join(f"COALESCE(SUM({q(_sum(name))}), 0)" for name in sums)
        source = (
            f"SELECT {grouping}, {totals} FROM ({' UNION ALL '.join(selects)}) AS {q('rows')}"
            f" GROUP BY {grouping}"
        )
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {q(opts.db_table)} ({columns}) {source}", params)
        return cursor.rowcount
