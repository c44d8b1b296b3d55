"""完整性: the required blocks and categories, the goals and the target values are there."""

from __future__ import annotations

from jixiao.core.categories import BENEFIT, BLOCK_LEVEL1, CATEGORY_LABELS, OUTPUT, SATISFACTION, level1_block
from jixiao.core.model import TargetTable

from . import basis
from .common import block_of, is_empty, is_multi_year, quoted, table_label
from .registry import Hit, rule

REQUIRED_BLOCKS = (OUTPUT, BENEFIT, SATISFACTION)


def _declared_blocks(table: TargetTable) -> set[str]:
    declared = set()
    for section in table.sections:
        if section.category == "satisfaction":
            declared.add(SATISFACTION)
        block = level1_block(section.level1)
        if block:
            declared.add(block)
    return declared


@rule(
    "completeness.missing-level1",
    "error",
    "缺少一级指标",
    "完整性",
    basis.BLOCKS,
    "产出、效益、满意度三个一级指标各至少有一个三级指标；只列出指标名称而没有三级指标的视为缺少。",
)
def missing_level1(table: TargetTable, config):
    present = {block_of(i) for i in table.indicators}
    declared = _declared_blocks(table)
    for block in REQUIRED_BLOCKS:
        if block in present:
            continue
        label = BLOCK_LEVEL1[block]
        subject = label.removesuffix("指标")  # part of the finding's key: unchanged since explanations were kept
        if block in declared:
            yield Hit(None, f"{table_label(table)}列出了{label}，但其下没有任何三级指标，视为缺少{label}。", subject)
        else:
            yield Hit(None, f"{table_label(table)}缺少{label}。", subject)


@rule(
    "completeness.missing-level2",
    "error",
    "缺少必备二级指标",
    "完整性",
    basis.OUTPUT_CATEGORIES,
    "产出指标下的数量、质量、时效指标各至少有一个三级指标（产出指标整体缺少时只报一级指标缺失）。",
)
def missing_level2(table: TargetTable, config):
    if not any(block_of(i) == OUTPUT for i in table.indicators):
        return
    declared = {s.category for s in table.sections}
    for category in config.required_output_categories:
        if table.indicators_in(category):
            continue
        label = CATEGORY_LABELS[category]
        if category in declared:
            yield Hit(None, f"{table_label(table)}列出了{label}，但其下没有任何三级指标。", category)
        else:
            yield Hit(None, f"{table_label(table)}产出指标缺少{label}。", category)


@rule(
    "completeness.missing-cost",
    "warning",
    "缺少成本指标",
    "完整性",
    basis.COST,
    "至少有一个成本指标（成本作一级指标或产出下的二级指标均可）。",
)
def missing_cost(table: TargetTable, config):
    if config.require_cost and not table.indicators_in("cost"):
        yield Hit(None, f"{table_label(table)}没有成本指标，无法体现成本控制要求。")


@rule(
    "completeness.empty-goals",
    "error",
    "总体绩效目标为空",
    "完整性",
    basis.BLOCKS,
    "年度目标必须填写；实施周期跨年度的项目还须填写实施周期总目标。",
)
def empty_goals(table: TargetTable, config):
    if not table.goals.annual.strip():
        yield Hit(None, f"{table_label(table)}年度目标为空。", "annual")
    if is_multi_year(table) and not table.goals.period.strip():
        yield Hit(None, f"{table_label(table)}实施周期为{table.period_start}–{table.period_end}年，但实施周期总目标为空。", "period")


@rule(
    "completeness.empty-target",
    "error",
    "指标值为空",
    "完整性",
    basis.FORMAL_REVIEW,
    "每个三级指标都要有当年度指标值；跨年度项目还要有实施周期指标值。",
)
def empty_target(table: TargetTable, config):
    check_period = is_multi_year(table)
    if check_period and table.indicators and all(is_empty(i.period_target) for i in table.indicators):
        # A layout with no 实施周期 column at all: one finding for the table, not one per row.
        check_period = False
        yield Hit(None, f"{table_label(table)}是跨年度项目（{table.period_start}–{table.period_end}年），"
                        f"但全部{len(table.indicators)}个指标都没有实施周期指标值。")
    for indicator in table.indicators:
        missing = []
        if is_empty(indicator.annual_target):
            missing.append("当年度指标值")
        if check_period and is_empty(indicator.period_target):
            missing.append("实施周期指标值")
        if missing:
            yield Hit(indicator.name, f"{table_label(table)}指标{quoted(indicator)}的{'和'.join(missing)}为空。")
