"""The official 项目绩效目标表 layout as a grid of cells, shared by the Excel and PDF formats.

Writers ask for the rows to draw (``header_rows``, ``goal_rows``, ``indicator_rows``); readers
turn a grid of ``Cell`` (what a sheet or a PDF table holds) back into ``TargetTable`` objects with
``tables_from_grid``. Both directions live here so that export → import is exact.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from jixiao.core.model import Section, TargetTable

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
    return "" if value is None else f"{value:,.2f}"


# --- writing -------------------------------------------------------------------------------


@dataclass
class GridRow:
    """One row of the indicator grid; ``level1_span``/``level2_span`` > 0 start a merged block."""

    level1: str
    level2: str
    name: str
    period: str
    annual: str
    level1_span: int = 0
    level2_span: int = 0


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


def indicator_rows(table: TargetTable) -> list[GridRow]:
    """The grid rows in order, declared empty sections included, with merge spans computed.

    A 二级 block never continues over a row whose 二级 is empty, and such a row restarts its 一级
    block, so that a reader can tell "same as above" (merged) from "none" (blank, new 一级).
    """
    empties = _empty_sections(table)
    rows: list[GridRow] = []
    for n in range(len(table.indicators) + 1):
        for position, section in empties:
            if position == n:
                rows.append(GridRow(section.level1, section.level2, "", "", ""))
        if n < len(table.indicators):
            i = table.indicators[n]
            rows.append(
                GridRow(
                    i.level1,
                    i.level2,
                    i.name,
                    i.period_target.text if i.period_target else "",
                    i.annual_target.text if i.annual_target else "",
                )
            )
    start1 = start2 = None
    for n, row in enumerate(rows):
        prev = rows[n - 1] if n else None
        same1 = prev is not None and prev.level1 == row.level1 and row.level2 != "" and row.level1
        if not same1:
            start1 = n
        rows[start1].level1_span += 1
        same2 = same1 and prev.level2 == row.level2
        if not same2:
            start2 = n
        rows[start2].level2_span += 1
    return rows
