"""Inserting many rows fast: COPY on PostgreSQL, batched INSERT elsewhere (SQLite).

On PostgreSQL rows are turned into COPY text directly (no per-row adapter objects) and sent in
large blocks; ids for rows that others refer to are reserved from the table's sequence first.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from datetime import date, datetime
from decimal import Decimal

from django.db import connection, models
from django.utils import timezone

NULL = "\\N"
_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})
BLOCK = 1 << 20  # bytes per write to the COPY stream


_SPECIAL = re.compile(r"[\\\t\n\r]")
needs_escape = _SPECIAL.search  # one scan; most text has nothing to escape


def text(s: str) -> str:
    """A string as a COPY text field."""
    return s.translate(_ESCAPES) if needs_escape(s) else s


def json_text(v) -> str:
    # json.dumps writes control characters as escapes, so only its backslashes need doubling.
    return NULL if v is None else json.dumps(v, ensure_ascii=False, separators=(",", ":")).replace("\\", "\\\\")


def value_text(v) -> str:
    """Any Python value as a COPY text field (the slow, general path)."""
    if v is None:
        return NULL
    if v is True:
        return "t"
    if v is False:
        return "f"
    if isinstance(v, str):
        return text(v)
    if isinstance(v, (int, Decimal)):
        return str(v)
    if isinstance(v, (datetime, date)):
        return v.isoformat()
    return json_text(v)


def _formatter(field: models.Field) -> Callable[[object], str]:
    if isinstance(field, models.JSONField):
        return json_text
    return value_text


def _fields(model: type[models.Model]) -> list[models.Field]:
    return [f for f in model._meta.concrete_fields if not f.primary_key]


def _default(field: models.Field):
    if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
        return timezone.now()
    return field.get_default()


def _quote(name: str) -> str:
    return connection.ops.quote_name(name)


class CopyWriter:
    """Lines of COPY text for ``columns`` of ``model``; other columns get their model default."""

    def __init__(self, model: type[models.Model], columns: list[str], *, with_id: bool = False):
        fields = {f.attname: f for f in _fields(model)}
        rest = [f for name, f in fields.items() if name not in columns]
        names = (["id"] if with_id else []) + columns + [f.attname for f in rest]
        self.sql = (f"COPY {_quote(model._meta.db_table)} "
                    f"({', '.join(_quote(model._meta.get_field(n).column) for n in names)}) FROM STDIN")
        self.suffix = "".join("\t" + _formatter(f)(_default(f)) for f in rest) + "\n"

    def write(self, lines: Iterable[str]) -> None:
        """Each line: the tab-joined fields of ``columns`` (already COPY text), without a newline."""
        suffix, chunk, size = self.suffix, [], 0
        with connection.cursor() as cursor:
            with cursor.cursor.copy(self.sql) as copy:
                for line in lines:
                    chunk.append(line)
                    size += len(line)
                    if size >= BLOCK // 3:  # characters of CJK text take 3 bytes
                        copy.write((suffix.join(chunk) + suffix).encode())
                        chunk, size = [], 0
                if chunk:
                    copy.write((suffix.join(chunk) + suffix).encode())


def reserve_ids(model: type[models.Model], count: int) -> list[int]:
    """``count`` fresh primary keys from the table's sequence (PostgreSQL)."""
    if not count:
        return []
    table = model._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)", [table, count]
        )
        return [r[0] for r in cursor.fetchall()]


def insert(model: type[models.Model], rows: Iterable[dict], batch_size: int = 2000) -> None:
    """Insert rows given as {attname: value} (primary key left to the database)."""
    rows = iter(rows)
    first = next(rows, None)
    if first is None:
        return
    if connection.vendor != "postgresql":
        model.objects.bulk_create((model(**r) for r in _chain(first, rows)), batch_size=batch_size)
        return
    columns = list(first)
    formats = [(n, _formatter(model._meta.get_field(n))) for n in columns]
    CopyWriter(model, columns).write(
        "\t".join([fmt(row[n]) for n, fmt in formats]) for row in _chain(first, rows)
    )


def insert_returning_ids(model: type[models.Model], rows: list[dict]) -> list[int]:
    """Insert rows given as {attname: value}, all with the same keys; their new ids in order."""
    if not rows:
        return []
    if connection.vendor != "postgresql":
        objs = model.objects.bulk_create([model(**r) for r in rows])
        return [o.pk for o in objs]
    ids = reserve_ids(model, len(rows))
    columns = list(rows[0])
    formats = [(n, _formatter(model._meta.get_field(n))) for n in columns]
    CopyWriter(model, columns, with_id=True).write(
        f"{pk}\t" + "\t".join([fmt(row[n]) for n, fmt in formats]) for pk, row in zip(ids, rows)
    )
    return ids


def _chain(first, rest):
    yield first
    yield from rest


def values_of(obj: models.Model) -> dict:
    """An unsaved instance as {attname: value}, with auto_now(_add) fields filled as save() would."""
    return {f.attname: f.pre_save(obj, True) for f in obj._meta.concrete_fields if not f.primary_key}
