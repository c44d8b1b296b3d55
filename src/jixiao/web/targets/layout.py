"""The indicator grid of the official layout: rows in order with the 一级/二级 cells merged (rowspan)."""

from __future__ import annotations

from dataclasses import dataclass

from jixiao.core.targets import explain_target
from jixiao.web.targets.convert import target_of
from jixiao.web.targets.models import Indicator, TargetTable


@dataclass
class GridRow:
    level1: str
    level2: str
    indicator: Indicator | None  # None for a declared section that holds no indicator
    level1_span: int = 1  # 0: covered by the cell above
    level2_span: int = 1
    period_explain: str = ""
    annual_explain: str = ""


def _rows(table: TargetTable) -> list[GridRow]:
    indicators = list(table.indicators.all())
    used = {(i.level1, i.level2) for i in indicators}
    sections = [(s[0], s[1]) for s in table.sections]
    index = {key: n for n, key in enumerate(sections)}
    empty = [key for key in sections if key not in used]
    rows: list[GridRow] = []

    def flush(limit: int) -> None:
        while empty and index[empty[0]] < limit:
            rows.append(GridRow(*empty.pop(0), None))

    for ind in indicators:
        flush(index.get((ind.level1, ind.level2), -1))
        row = GridRow(ind.level1, ind.level2, ind)
        for prefix in ("period", "annual"):
            v = target_of(ind, prefix)
            setattr(row, f"{prefix}_explain", explain_target(v) if v is not None else "")
        rows.append(row)
    flush(len(sections) + 1)
    return rows


def grid(table: TargetTable) -> list[GridRow]:
    rows = _rows(table)
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
