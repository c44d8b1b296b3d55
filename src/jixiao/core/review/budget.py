"""预算执行: the 预算执行率 indicator is present and set high enough."""

from __future__ import annotations

from jixiao.core.categories import compact
from jixiao.core.numbers import grouped

from . import basis
from .common import bare_unit, quoted, table_label
from .registry import Hit, rule

def _execution_indicators(table, config):
    return [i for i in table.indicators if any(n in compact(i.name) for n in config.execution_rate_names)]


@rule(
    "budget.execution-rate-missing",
    "warning",
    "缺少预算执行率指标",
    "可行性",
    basis.EXECUTION_RATE,
    "表中应有“预算执行率”指标（通常在成本或预算控制指标下）。",
)
def execution_rate_missing(table, config):
    if not _execution_indicators(table, config):
        yield Hit(None, f"{table_label(table)}没有预算执行率指标，建议在成本指标下增加“预算执行率 ≥{grouped(config.min_execution_rate)}%”。")


@rule(
    "budget.execution-rate-low",
    "warning",
    "预算执行率目标偏低",
    "可行性",
    basis.EXECUTION_RATE,
    "预算执行率的当年度指标值应为下限且不低于配置值（默认90%）。",
)
def execution_rate_low(table, config):
    floor = config.min_execution_rate
    for indicator in _execution_indicators(table, config):
        target = indicator.annual_target
        if target is None or target.kind != "numeric" or target.value is None or bare_unit(target.unit) != "%":
            continue
        text = compact(target.text)
        if target.op in ("<=", "<"):
            yield Hit(indicator.name, f"{table_label(table)}指标{quoted(indicator)}的当年度指标值“{text}”是上限，预算执行率应设下限，如“≥{grouped(floor)}%”。")
        elif target.value < floor:
            yield Hit(indicator.name, f"{table_label(table)}指标{quoted(indicator)}的当年度指标值“{text}”低于{grouped(floor)}%，建议不低于“≥{grouped(floor)}%”。")
