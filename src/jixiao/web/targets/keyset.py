"""Keyset pagination of the project list: the next page is the rows after the last row shown (the
previous page, the rows before the first), found through the indexes instead of skipping OFFSET rows.

A cursor holds the sort values of that row (the sort column, then unit name, project name and id,
as ``queries.ordering`` sorts). The leading column is bounded on its own (``>=`` / ``<=``) so that
PostgreSQL walks the unit-name index for the default sort and stops after one page at any depth.
"""

from __future__ import annotations

import base64
import json
from decimal import Decimal

from django.db.models import F, Q

TIES = ("project__unit__name", "project__name", "id")


def _value(table, path: str):
    value = table
    for part in path.split("__"):
        value = getattr(value, part)
    return value


def cursor(table, field: str) -> str:
    """The cursor of ``table``'s row in a list sorted by ``field`` (then TIES)."""
    values = [_value(table, f) for f in (field, *TIES)]
    plain = [v if v is None or isinstance(v, (int, str)) else (str(v) if isinstance(v, Decimal) else v.isoformat())
             for v in values]
    return base64.urlsafe_b64encode(json.dumps(plain, ensure_ascii=False).encode()).decode().rstrip("=")


def parse(text: str | None) -> list | None:
    """The values of a cursor from a URL, or None when it is missing or not one of ours."""
    if not text or len(text) > 2000:
        return None
    try:
        values = json.loads(base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)))
    except ValueError:
        return None
    if (not isinstance(values, list) or len(values) != 1 + len(TIES) or not isinstance(values[-1], int)
            or not all(isinstance(v, str) for v in values[1:-1])):
        return None
    return values


def _beyond(fields: list[str], values: list, later: bool) -> Q:
    """Rows after (``later``) or before the tie-breaking values, all ascending: (a, b, c) > (x, y, z)."""
    q = Q()
    for n, field in enumerate(fields):
        step = Q(**{f"{field}__{'gt' if later else 'lt'}": values[n]})
        q |= Q(**dict(zip(fields[:n], values[:n]))) & step
    return q


def page_rows(tables, field: str, descending: bool, values: list, forward: bool):
    """``tables`` ordered beyond the row of ``values``: after it (``forward``) in list order, or before
    it in reverse list order (the caller reverses that page). The sort column sorts nulls last."""
    first, ties = values[0], values[1:]
    later = forward != descending  # moving to larger values of the sort column
    rest = Q(**{field: first}) & _beyond(list(TIES), ties, forward) if first is not None else Q()
    if first is None:  # in the trailing nulls: forward stays among them, backward also takes every value
        near = Q(**{f"{field}__isnull": True}) & _beyond(list(TIES), ties, forward)
        where = near if forward else near | Q(**{f"{field}__isnull": False})
    else:
        bound = Q(**{f"{field}__{'gte' if later else 'lte'}": first})
        step = Q(**{f"{field}__{'gt' if later else 'lt'}": first})
        where = bound & (step | rest)
        if forward:  # the nulls come after every value
            where |= Q(**{f"{field}__isnull": True})
    column = F(field)
    if forward:
        lead = column.desc(nulls_last=True) if descending else column.asc(nulls_last=True)
        order = [lead, *TIES]
    else:
        lead = column.asc(nulls_first=True) if descending else column.desc(nulls_first=True)
        order = [lead, *(F(t).desc() for t in TIES)]
    return tables.filter(where).order_by(*order)
