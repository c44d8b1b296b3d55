"""Small helpers shared by the rule modules: units, numbers, names."""

from __future__ import annotations

import re

from jixiao.core import categories
from jixiao.core.categories import compact
from jixiao.core.model import Indicator, TargetTable, TargetValue

_BRACKETS = re.compile(r"[（(][^）)]*[）)]")

COLUMNS = (("annual_target", "当年度指标值"), ("period_target", "实施周期指标值"))


def bare_unit(unit: str | None) -> str:
    """'元/份（个）' -> '元/份'; None -> ''."""
    return _BRACKETS.sub("", compact(unit or ""))


def is_empty(target: TargetValue | None) -> bool:
    return target is None or not compact(target.text)


def filled_targets(indicator: Indicator) -> list[tuple[str, TargetValue]]:
    """(column label, target) for the annual and period targets that are filled in, annual first."""
    found = []
    for attr, label in COLUMNS:
        target = getattr(indicator, attr)
        if not is_empty(target):
            found.append((label, target))
    return found


def block_of(indicator: Indicator) -> str | None:
    """The 一级 block an indicator belongs to (``categories.OUTPUT`` …), by category or 一级 label."""
    return categories.block_of(indicator.category, indicator.level1)


def table_label(table: TargetTable) -> str:
    return f"【{table.name or '未命名项目'}】"


def quoted(indicator: Indicator) -> str:
    return f"“{indicator.name}”"


def is_multi_year(table: TargetTable) -> bool:
    return bool(table.period_start and table.period_end and table.period_end > table.period_start)
