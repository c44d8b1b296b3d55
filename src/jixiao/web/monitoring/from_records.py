"""Indicators linked to 佐证记录 take their value from the records, not from what is typed.

Only while the report or evaluation may be changed: a submitted or approved one keeps the value it
was submitted with, whatever is recorded later. Each linked row gets ``from_records`` (the
``evidence.actuals.Linked``) for the pages, which show the value read-only with the list behind it.
"""

from __future__ import annotations

from datetime import date

from jixiao.web.evidence.actuals import linked_actuals


def take(rows, entries: dict, field: str, new_entry, until: date | None = None, editable: bool = True) -> None:
    """Set ``field`` of each linked row's entry (made with ``new_entry(row)`` when missing); when the
    record is locked, only mark the rows, so that readers still open the records behind the value."""
    linked = linked_actuals(rows, until)
    for row in rows:
        if row.id in linked:
            row.from_records = linked[row.id]
            if not editable:
                continue
            entry = entries.get(row.id) or new_entry(row)
            setattr(entry, field, linked[row.id].actual.text)
            entries[row.id] = entry
