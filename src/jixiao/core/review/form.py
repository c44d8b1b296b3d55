"""规范性: each target is written the way its category needs (细化、量化、可衡量)."""

from __future__ import annotations

from jixiao.core.model import TargetValue
from jixiao.core.numbers import grouped
from jixiao.core.units import is_money

from . import basis
from .common import bare_unit, filled_targets, quoted, table_label
from .registry import Hit, rule
from .strict import digit_correction, is_rate

def _numeric_parts(target: TargetValue) -> list[TargetValue]:
    if target.kind == "numeric":
        return [target]
    if target.kind == "composite":
        return [p for p in target.parts if p.kind == "numeric"]
    return []


def _each_target(table, category):
    for indicator in table.indicators_in(category):
        for column, target in filled_targets(indicator):
            yield indicator, column, target


def _first_per_indicator(hits):
    """One finding per indicator: the annual column is checked first."""
    seen = set()
    for indicator, message in hits:
        if indicator.name not in seen:
            seen.add(indicator.name)
            yield Hit(indicator.name, message)


@rule(
    "form.quantity-not-numeric",
    "error",
    "数量指标没有数值",
    "相关性",
    basis.NUMBERS,
    "数量指标的指标值必须含有数值（如“≥4次”“32000份”）。",
)
def quantity_not_numeric(table, config):
    return _first_per_indicator(
        (i, f"{table_label(table)}数量指标{quoted(i)}的{column}“{t.text}”没有数值，数量指标应写明数量和单位，如“≥4次”。")
        for i, column, t in _each_target(table, "quantity")
        if not _numeric_parts(t)
    )


@rule(
    "form.quantity-no-unit",
    "warning",
    "数量指标缺少计量单位",
    "相关性",
    basis.NUMBERS,
    "数量指标的数值应带计量单位（次、份、人、个……）。",
)
def quantity_no_unit(table, config):
    return _first_per_indicator(
        (i, f"{table_label(table)}数量指标{quoted(i)}的{column}“{t.text}”没有计量单位，请补充（如“份”“个”“人”）。")
        for i, column, t in _each_target(table, "quantity")
        if t.kind == "numeric" and not bare_unit(t.unit)
    )


def _measurable_timeliness(target: TargetValue, config) -> bool:
    if target.kind == "deadline" and target.deadline is not None:
        return True
    return any(bare_unit(p.unit) in config.timeliness_units for p in _numeric_parts(target))


@rule(
    "form.timeliness-not-measurable",
    "warning",
    "时效指标没有比率或时限",
    "相关性",
    basis.TIMELINESS,
    "时效指标的指标值应为完成时限（如“2024年12月前”）、时长（如“≤3个工作日”）或比率（如“及时率≥90%”）。",
)
def timeliness_not_measurable(table, config):
    return _first_per_indicator(
        (
            i,
            f"{table_label(table)}时效指标{quoted(i)}的{column}“{t.text}”既不是完成时限也不是比率，无法核实；"
            "请写成“2024年12月前”“≤3个工作日”或“及时率≥90%”。",
        )
        for i, column, t in _each_target(table, "timeliness")
        if not _measurable_timeliness(t, config)
    )


@rule(
    "form.cost-lower-bound",
    "error",
    "成本指标设了下限",
    "适当性",
    basis.COST_CEILING,
    "以金额表示的成本指标应为上限（≤、=或区间），“≥1.6元/份”这样的下限不能控制成本。",
)
def cost_lower_bound(table, config):
    return _first_per_indicator(
        (
            i,
            f"{table_label(table)}成本指标{quoted(i)}的{column}“{t.text}”是下限（≥），成本指标应设上限，"
            f"如“≤{grouped(t.value)}{bare_unit(t.unit)}”。",
        )
        for i, column, t in _each_target(table, "cost")
        if t.kind == "numeric" and t.op in (">=", ">") and is_money(t.unit)
    )


@rule(
    "form.unknown-category",
    "warning",
    "二级指标不规范",
    "完整性",
    basis.CATEGORIES,
    "三级指标所在的二级指标不是数量、质量、时效、成本、经济效益、社会效益、生态效益、可持续影响、满意度之一。",
)
def unknown_category(table, config):
    for indicator in table.indicators:
        if indicator.category is None:
            level2 = indicator.level2 or "（空）"
            yield Hit(
                indicator.name,
                f"{table_label(table)}指标{quoted(indicator)}所在的二级指标“{level2}”不是规范的指标类别，"
                "无法按类别审核和评分。",
            )


def _said_by_strict(name, target, config) -> bool:
    """A stricter rule already explains this target (a letter for a digit, a rate in words)."""
    return digit_correction(target.text) is not None or (is_rate(name, config) and target.kind == "qualitative")


@rule(
    "form.unparsed-target",
    "hint",
    "指标值无法识别",
    "相关性",
    basis.UNREADABLE,
    "指标值既不像数值、时限，也不是纯文字描述（如数字和文字混杂），系统只能按定性处理。",
)
def unparsed_target(table, config):
    for indicator in table.indicators:
        for column, target in filled_targets(indicator):
            if target.warning and not _said_by_strict(indicator.name, target, config):
                yield Hit(
                    indicator.name,
                    f"{table_label(table)}指标{quoted(indicator)}的{column}“{target.text}”无法识别（{target.warning}），"
                    "请写成“≥4次”“100%”“2024年12月前”这样的形式。",
                    column,
                )
