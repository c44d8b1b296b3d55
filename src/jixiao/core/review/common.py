"""Small helpers shared by the rule modules: units, numbers, names."""

from __future__ import annotations

import re
from decimal import Decimal

from jixiao.core.categories import compact, level1_kind
from jixiao.core.model import Indicator, TargetTable, TargetValue

from .config import BENEFIT_CATEGORIES, OUTPUT_CATEGORIES

_BRACKETS = re.compile(r"[（(][^）)]*[）)]")

COLUMNS = (("annual_target", "当年度指标值"), ("period_target", "实施周期指标值"))


def bare_unit(unit: str | None) -> str:
    """'元/份（个）' -> '元/份'; None -> ''."""
    return _BRACKETS.sub("", compact(unit or ""))


def fmt(number: Decimal) -> str:
    """270000 -> '270,000'; 1.250 -> '1.25'."""
    if number == number.to_integral_value():
        return f"{int(number):,}"
    return format(number.normalize(), ",f")


def fmt_percent(share: Decimal) -> str:
    return f"{(share * 100).quantize(Decimal('0.1'))}%"


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
    """The 一级 block an indicator belongs to: 产出 / 成本 / 效益 / 满意度."""
    category = indicator.category
    if category in OUTPUT_CATEGORIES:
        return "产出"
    if category in BENEFIT_CATEGORIES:
        return "效益"
    if category == "satisfaction":
        return "满意度"
    if category == "cost":
        return "成本"
    return level1_kind(indicator.level1)


def table_label(table: TargetTable) -> str:
    return f"【{table.name or '未命名项目'}】"


def quoted(indicator: Indicator) -> str:
    return f"“{indicator.name}”"


def is_multi_year(table: TargetTable) -> bool:
    return bool(table.period_start and table.period_end and table.period_end > table.period_start)


