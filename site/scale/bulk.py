"""Inserting many rows at once: COPY on PostgreSQL, batched bulk_create elsewhere."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from itertools import islice

from django.db import connection
from django.db.models import Model

BATCH = 5000


def insert(model: type[Model], fields: Sequence[str], rows: Iterable[Sequence]) -> int:
    """Insert ``rows`` (tuples in the order of ``fields``, FKs by attname); return how many.

    ``rows`` may be a generator, and may query the database (opening hours
    read the holiday calendar): on PostgreSQL each batch is drawn from it
    before its COPY starts, since the connection is busy while a COPY runs.
    """
    count = 0
    if connection.vendor == "postgresql":
        columns = ", ".join(
            connection.ops.quote_name(model._meta.get_field(name).column) for name in fields
        )
        table = connection.ops.quote_name(model._meta.db_table)
        rows = iter(rows)
        while batch := list(islice(rows, BATCH * 4)):
            with (
                connection.cursor() as cursor,
                cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy,
            ):
                for row in batch:
                    copy.write_row(row)
            count += len(batch)
        return count
    batch = []
    for row in rows:
        batch.append(model(**dict(zip(fields, row, strict=True))))
        if len(batch) >= BATCH:
            model.objects.bulk_create(batch)
            count += len(batch)
            batch = []
    model.objects.bulk_create(batch)
    return count + len(batch)
