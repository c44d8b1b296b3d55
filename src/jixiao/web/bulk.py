"""Inserting many rows fast: COPY on PostgreSQL, batched INSERT elsewhere (SQLite)."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import connection, models


def insert(model: type[models.Model], rows: Iterable[dict], batch_size: int = 2000) -> None:
    """Insert rows given as {attname: value} (primary key left to the database)."""
    if connection.vendor != "postgresql":
        model.objects.bulk_create((model(**r) for r in rows), batch_size=batch_size)
        return
    from psycopg.types.json import Jsonb

    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    json_fields = {f.attname for f in fields if isinstance(f, models.JSONField)}
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    names = [f.attname for f in fields]
    defaults = {f.attname: f.get_default() for f in fields}
    with connection.cursor() as cursor:
        with cursor.cursor.copy(f"COPY {connection.ops.quote_name(model._meta.db_table)} ({columns}) FROM STDIN") as copy:
            for row in rows:
                values = [row[n] if n in row else defaults[n] for n in names]
                copy.write_row([
                    Jsonb(v) if n in json_fields and v is not None else v for n, v in zip(names, values)
                ])


def values_of(obj: models.Model) -> dict:
    """An unsaved instance as {attname: value}, with auto_now(_add) fields filled as save() would."""
    return {f.attname: f.pre_save(obj, True) for f in obj._meta.concrete_fields if not f.primary_key}
