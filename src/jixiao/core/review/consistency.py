"""一致性/适当性: period vs annual targets, cost arithmetic against the budget, dates, duplicates."""

from __future__ import annotations

from jixiao.core.categories import compact
from jixiao.core.model import Indicator, TargetTable, TargetValue
from jixiao.core.numbers import grouped, percent
from jixiao.core.units import is_money

from .arithmetic import implied_costs
from . import basis
from .common import bare_unit, filled_targets, is_multi_year, quoted, table_label
from .registry import Hit, rule

def _count(target: TargetValue | None, config) -> str | None:
    """The unit of a numeric count or amount that could add up over years, else None.

    Rates (%) and per-unit figures (元/份) are not; an upper bound counts only as an amount of money.
    """
    if target is None or target.kind != "numeric" or target.value is None:
        return None
    unit = bare_unit(target.unit)
    if unit == "%" or "/" in unit:
        return None
    if target.direction in ("higher", "exact") or (target.direction == "lower" and is_money(unit)):
        return unit
    return None


def _same(a: TargetValue, b: TargetValue) -> bool:
    return (a.op, a.value, a.upper, bare_unit(a.unit)) == (b.op, b.value, b.upper, bare_unit(b.unit))


def _equal_counts(table: TargetTable, config, stock: bool):
    if not is_multi_year(table):
        return
    years = table.period_end - table.period_start + 1
    for indicator in table.indicators:
        if indicator.category not in ("quantity", "cost"):
            continue
        annual, period = indicator.annual_target, indicator.period_target
        unit = _count(annual, config)
        if unit is None or period is None or not _same(annual, period):
            continue
        if (unit in config.stock_units) != stock:
            continue
        text = compact(annual.text)
        if stock:
            yield Hit(
                indicator.name,
                f"{table_label(table)}实施周期为{table.period_start}–{table.period_end}年（{years}年），"
                f"指标{quoted(indicator)}的实施周期指标值与当年度指标值同为“{text}”；"
                "如该数量在各年度之间不累加（如每年同一批人员）可说明理由，否则实施周期值应为各年度之和。",
            )
        else:
            yield Hit(
                indicator.name,
                f"{table_label(table)}实施周期为{table.period_start}–{table.period_end}年（{years}年），"
                f"但指标{quoted(indicator)}的实施周期指标值与当年度指标值同为“{text}”；"
                f"累计数量的实施周期值一般应为各年度之和（如每年{text}，{years}年合计约"
                f"{grouped(annual.value * years)}{bare_unit(annual.unit)}）。",
            )


@rule(
    "consistency.period-equals-annual",
    "warning",
    "跨年度项目的实施周期值等于年度值",
    "适当性",
    basis.PERIOD,
    "实施周期跨多个年度时，次数、份数、金额等累计数量的实施周期指标值不应与当年度指标值相同。",
)
def period_equals_annual(table, config):
    return _equal_counts(table, config, stock=False)


@rule(
    "consistency.period-equals-annual-stock",
    "hint",
    "跨年度项目的人数、个数等实施周期值等于年度值",
    "适当性",
    basis.PERIOD,
    "人、个、间等存量单位的数量可能不随年度累加，实施周期值等于年度值时仅作提示。",
)
def period_equals_annual_stock(table, config):
    return _equal_counts(table, config, stock=True)


@rule(
    "consistency.annual-exceeds-period",
    "error",
    "年度值大于实施周期值",
    "适当性",
    basis.PERIOD,
    "累计数量（次、份、金额等）的当年度指标值大于实施周期指标值，两者矛盾。",
)
def annual_exceeds_period(table, config):
    for indicator in table.indicators:
        if indicator.category not in ("quantity", "cost"):
            continue
        annual, period = indicator.annual_target, indicator.period_target
        unit = _count(annual, config)
        if unit is None or unit in config.stock_units or _count(period, config) != unit:
            continue
        if annual.value > period.value:
            yield Hit(
                indicator.name,
                f"{table_label(table)}指标{quoted(indicator)}的当年度指标值“{compact(annual.text)}”"
                f"大于实施周期指标值“{compact(period.text)}”，累计数量的年度值不能超过整个实施周期。",
            )


def _mismatch(annual: TargetValue, period: TargetValue) -> str | None:
    if annual.kind != "numeric" or period.kind != "numeric":
        return None
    if bare_unit(annual.unit) != bare_unit(period.unit):
        return "计量单位不同"
    directions = {annual.direction, period.direction}
    if directions == {"higher", "lower"}:
        return "一个是下限、一个是上限"
    return None


@rule(
    "consistency.period-annual-mismatch",
    "warning",
    "实施周期值与年度值口径不一",
    "适当性",
    basis.PERIOD,
    "同一指标的实施周期指标值与当年度指标值应使用相同的计量单位和同一方向（同为下限或同为上限）。",
)
def period_annual_mismatch(table, config):
    for indicator in table.indicators:
        annual, period = indicator.annual_target, indicator.period_target
        if annual is None or period is None:
            continue
        why = _mismatch(annual, period)
        if why:
            yield Hit(
                indicator.name,
                f"{table_label(table)}指标{quoted(indicator)}的实施周期指标值“{compact(period.text)}”与"
                f"当年度指标值“{compact(annual.text)}”{why}，请统一口径。",
            )


def _cost_intro(table, c) -> str:
    return (
        f"{table_label(table)}按成本指标{quoted(c.cost)}（{compact(c.cost.annual_target.text)}）"
        f"和数量指标{quoted(c.quantity)}（{compact(c.count_text)}）测算："
    )


@rule(
    "consistency.implied-cost-over-budget",
    "error",
    "单价×数量超出年度预算",
    "可行性",
    basis.MATCHED,
    "表中同时给出单位成本（如“45000元/人/年”）和对应数量（如“6人”）时，测算成本（分档标准取最低档）"
    "超过年度预算，目标无法在预算内完成。",
)
def implied_cost_over_budget(table, config):
    for c in implied_costs(table, config):
        if c.low > c.budget:
            lowest = "即使全部按最低档，测算成本" if c.graded else "测算成本"
            yield Hit(
                c.cost.name,
                f"{_cost_intro(table, c)}{c.products()}，年度预算 {grouped(c.budget)} 元；{lowest}超出预算"
                f" {grouped(c.low - c.budget)} 元，目标无法在预算内完成。",
            )


@rule(
    "consistency.implied-cost-under-budget",
    "warning",
    "单价×数量远低于年度预算",
    "适当性",
    basis.MATCHED,
    "测算成本（分档标准取最高档）低于年度预算的设定比例时，预算与目标不匹配：或预算偏高，"
    "或其余资金的用途没有体现在指标中。",
)
def implied_cost_under_budget(table, config):
    for c in implied_costs(table, config):
        if c.budget > 0 and c.high < c.budget * config.min_implied_cost_share:
            highest = "即使全部按最高档，测算成本" if c.graded else "测算成本"
            yield Hit(
                c.cost.name,
                f"{_cost_intro(table, c)}{c.products()}，年度预算 {grouped(c.budget)} 元；{highest}只占预算的"
                f"{percent(c.high / c.budget, 1)}（相差 {grouped(c.budget - c.high)} 元）；"
                "请核对单价和数量，或在指标中体现其余资金的用途。",
            )


@rule(
    "consistency.deadline-outside-period",
    "warning",
    "完成时限不在预算年度内",
    "可行性",
    basis.BUDGET_YEAR,
    "当年度指标值的完成时限应在预算年度内；实施周期指标值的完成时限应在实施周期内。",
)
def deadline_outside_period(table, config):
    for indicator in table.indicators:
        for column, target in filled_targets(indicator):
            if target.kind != "deadline" or target.deadline is None:
                continue
            year = target.deadline.year
            if column == "当年度指标值":
                allowed = (table.year, table.year) if table.year else None
                scope = f"{table.year}预算年度"
            else:
                allowed = (table.period_start, table.period_end) if table.period_start else None
                scope = f"实施周期{table.period_start}–{table.period_end}年"
            if allowed and allowed[0] and not (allowed[0] <= year <= allowed[1]):
                yield Hit(
                    indicator.name,
                    f"{table_label(table)}指标{quoted(indicator)}的{column}“{compact(target.text)}”"
                    f"（{target.deadline.isoformat()}）不在{scope}内。",
                    column,
                )


@rule(
    "consistency.duplicate-indicator",
    "warning",
    "重复的三级指标",
    "相关性",
    basis.DUPLICATE,
    "同一张表中三级指标名称（忽略空格）重复出现。",
)
def duplicate_indicator(table, config):
    seen: dict[str, Indicator] = {}
    repeats: dict[str, int] = {}
    for indicator in table.indicators:
        key = compact(indicator.name)
        if not key:
            continue
        if key in seen:
            first = seen[key]
            where = "" if first.level2 == indicator.level2 else f"（分别在{first.level2}和{indicator.level2}下）"
            repeats[key] = repeats.get(key, 0) + 1
            yield Hit(
                indicator.name,
                f"{table_label(table)}指标{quoted(indicator)}重复出现{where}，请合并或改名。",
                str(repeats[key]),
            )
        else:
            seen[key] = indicator
