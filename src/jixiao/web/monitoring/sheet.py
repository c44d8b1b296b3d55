"""The indicator grid of the 项目支出绩效自评表: 一级 cells are the scored blocks with their points
(产出指标(50分) …), 二级 cells merge consecutive rows of the same 二级指标."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from jixiao.core.scoring import BLOCK_LABELS, RATING_LABELS, TableResult, fmt


@dataclass
class SheetRow:
    row: object  # targets.Indicator
    result: object  # core IndicatorResult
    block_label: str
    level2: str
    block_span: int = 0  # rowspan of the 一级 cell on the first row of a block, else 0
    level2_span: int = 0

    @property
    def rating_label(self) -> str:
        return RATING_LABELS.get(self.result.rating, "")


def block_title(block: str, points: Decimal) -> str:
    return f"{BLOCK_LABELS[block]}({fmt(points)}分)"


def sheet_rows(rows, result: TableResult) -> list[SheetRow]:
    out = []
    for row, r in zip(rows, result.indicators):
        level2 = row.level2 or (row.level1 if row.level1 and row.level1 != BLOCK_LABELS[r.block] else "")
        out.append(SheetRow(row, r, block_title(r.block, result.blocks[r.block]), level2))
    # Rows are in table order; a block or 二级 group is merged while it runs on.
    for key, span in ((lambda s: s.block_label, "block_span"), (lambda s: (s.block_label, s.level2), "level2_span")):
        start = 0
        for n in range(1, len(out) + 1):
            if n == len(out) or key(out[n]) != key(out[start]):
                setattr(out[start], span, n - start)
                start = n
    return out
