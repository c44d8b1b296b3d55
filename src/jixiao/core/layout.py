"""The official 项目绩效目标表 layout as a grid of cells, shared by the Excel and PDF formats.

The one indicator grid (``indicator_rows``: rows in order, declared empty sections, merged 一级/二级
cells, each target explained) is drawn by the Excel and PDF writers, the 自评表 layout and the web
pages alike; ``grid_reader`` reads such a grid back, so export → import is exact.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from jixiao.core.model import Indicator, Section, TargetTable, TargetValue
from jixiao.core.numbers import money
from jixiao.core.targets import explain_target

TITLE = "项目绩效目标表"
GRID_HEADERS = ("一级指标", "二级指标", "三级指标", "实施周期指标值", "当年度指标值")
FACT_LABELS = (
    ("name", "项目名称"),
    ("type", "项目类型"),
    ("level", "项目等级"),
    ("department", "主管部门"),
    ("unit", "用款单位"),
)


def budget_label(year: int | None) -> str:
    return f"{year}年预算金额（元）" if year else "年度预算金额（元）"


def annual_goal_label(year: int | None) -> str:
    return f"{year}年度目标" if year else "年度目标"


def format_budget(value: Decimal | None) -> str:
    return "" if value is None else money(value)


# --- the indicator grid --------------------------------------------------------------------


@dataclass
class GridRow:
    """One row of the indicator grid: an indicator, or a declared section that holds none.

    ``level1_span``/``level2_span`` > 0 start a merged cell of that many rows; 0 means the cell above
    covers this row. ``row`` is the caller's own record of this indicator (its database row, its
    scored result), None for a section row.
    """

    level1: str
    level2: str
    indicator: Indicator | None
    row: Any = None
    level1_span: int = 0
    level2_span: int = 0

    @property
    def name(self) -> str:
        return self.indicator.name if self.indicator else ""

    @property
    def period(self) -> str:
        return _text(self.indicator.period_target) if self.indicator else ""

    @property
    def annual(self) -> str:
        return _text(self.indicator.annual_target) if self.indicator else ""

    @property
    def period_explain(self) -> str:
        return _explain(self.indicator.period_target) if self.indicator else ""

    @property
    def annual_explain(self) -> str:
        return _explain(self.indicator.annual_target) if self.indicator else ""


def _text(target: TargetValue | None) -> str:
    return target.text if target else ""


def _explain(target: TargetValue | None) -> str:
    return explain_target(target) if target else ""


def _empty_sections(table: TargetTable) -> list[tuple[int, Section]]:
    """Declared sections without indicators, each with the index of the indicator it precedes."""
    used = {(i.level1, i.level2) for i in table.indicators}
    out: list[tuple[int, Section]] = []
    position = 0
    for section in table.sections:
        key = (section.level1, section.level2)
        if key in used:
            matches = [n for n, i in enumerate(table.indicators) if (i.level1, i.level2) == key]
            position = max(position, matches[-1] + 1)
        else:
            out.append((position, section))
    return out


def merge_spans(labels: Sequence[tuple[str, str]]) -> list[tuple[int, int]]:
    """(一级 span, 二级 span) of each row of (一级, 二级) labels, as ``GridRow`` counts them.

    Equal neighbours merge. A 二级 block never continues over a row whose 二级 is empty, and such a
    row restarts its 一级 block, so that a reader can tell "same as above" (merged) from "none"
    (blank, new 一级).
    """
    spans = [[0, 0] for _ in labels]
    start1 = start2 = 0
    for n, (level1, level2) in enumerate(labels):
        same1 = n > 0 and bool(level1) and level2 != "" and labels[n - 1][0] == level1
        if not same1:
            start1 = n
        spans[start1][0] += 1
        if not (same1 and labels[n - 1][1] == level2):
            start2 = n
        spans[start2][1] += 1
    return [(a, b) for a, b in spans]


def indicator_rows(table: TargetTable, records: Sequence | None = None, *, sections: bool = True) -> list[GridRow]:
    """The grid rows in order, declared empty sections included (unless ``sections`` is False), with
    merge spans computed. ``records``: the caller's record of each indicator, in order (``GridRow.row``)."""
    records = list(records) if records is not None else [None] * len(table.indicators)
    empties = _empty_sections(table) if sections else []
    rows: list[GridRow] = []
    for n in range(len(table.indicators) + 1):
        rows += [GridRow(s.level1, s.level2, None) for position, s in empties if position == n]
        if n < len(table.indicators):
            i = table.indicators[n]
            rows.append(GridRow(i.level1, i.level2, i, records[n]))
    for row, (span1, span2) in zip(rows, merge_spans([(r.level1, r.level2) for r in rows])):
        row.level1_span, row.level2_span = span1, span2
    return rows
