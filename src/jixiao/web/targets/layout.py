"""The indicator grid of the official layout: rows in order with the 一级/二级 cells merged (rowspan).

Drawn from the core model, so the live table page and an approved version's frozen copy (core JSON)
share one layout.
"""

from __future__ import annotations

from dataclasses import dataclass

from jixiao.core.model import Indicator as CoreIndicator, TargetTable as CoreTable
from jixiao.core.targets import explain_target
from jixiao.web.targets import convert
from jixiao.web.targets.models import Indicator, TargetTable


@dataclass
class GridRow:
    level1: str
    level2: str
    indicator: CoreIndicator | None  # None for a declared section that holds no indicator
    row: Indicator | None = None  # the database row, when the grid is drawn from stored indicators
    level1_span: int = 1  # 0: covered by the cell above
    level2_span: int = 1
    period_explain: str = ""
    annual_explain: str = ""


def _rows(table: CoreTable, stored: list[Indicator | None]) -> list[GridRow]:
    used = {(i.level1, i.level2) for i in table.indicators}
    sections = [(s.level1, s.level2) for s in table.sections]
    index = {key: n for n, key in enumerate(sections)}
    empty = [key for key in sections if key not in used]
    rows: list[GridRow] = []

    def flush(limit: int) -> None:
        while empty and index[empty[0]] < limit:
            rows.append(GridRow(*empty.pop(0), None))

    for ind, db_row in zip(table.indicators, stored):
        flush(index.get((ind.level1, ind.level2), -1))
        row = GridRow(ind.level1, ind.level2, ind, db_row)
        for prefix in ("period", "annual"):
            v = getattr(ind, f"{prefix}_target")
            setattr(row, f"{prefix}_explain", explain_target(v) if v is not None else "")
        rows.append(row)
    flush(len(sections) + 1)
    return rows


def grid(table: TargetTable | CoreTable, stored: list[Indicator] | None = None) -> list[GridRow]:
    """The grid of a stored table, or of a core table (``stored``: its database rows, in order, if any)."""
    if isinstance(table, TargetTable):
        stored = sorted(table.indicators.all(), key=lambda r: r.position)
        table = convert.core_table(table, stored)
    rows = _rows(table, stored if stored is not None else [None] * len(table.indicators))
    for attr, span, same in (
        ("level1", "level1_span", lambda a, b: a.level1 == b.level1),
        ("level2", "level2_span", lambda a, b: a.level1 == b.level1 and a.level2 == b.level2),
    ):
        start = 0
        for n in range(1, len(rows) + 1):
            if n == len(rows) or not same(rows[n], rows[start]) or not getattr(rows[n], attr):
                setattr(rows[start], span, n - start)
                for k in range(start + 1, n):
                    setattr(rows[k], span, 0)
                start = n
    return rows
