"""Scoring a whole 项目绩效目标表 at year end: 总分 = 预算执行率得分 + Σ 指标得分, and the grade."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from jixiao.core.model import TargetTable, TargetValue
from jixiao.core.scoring.budget import BudgetResult, Execution, score_budget
from jixiao.core.scoring.config import (
    DEFAULT_CONFIG, MISSING, NO_POINTS, NOT_APPLICABLE, ScoringConfig, ScoringError, q2,
)
from jixiao.core.scoring.indicator import IndicatorResult, score_indicator
from jixiao.core.scoring.weights import allocate


NOT_APPLICABLE_WHY = "该指标不适用本项目，不计分，同一级指标内其余指标的分值按比例调整。"


@dataclass
class IndicatorInput:
    """What the evaluator enters for one indicator (all optional)."""

    actual: str | TargetValue | None = None  # 实际完成值, as written
    weight: Decimal | None = None  # 分值; None: even share of its block
    rating: str | None = None  # 达成 / 部分达成 / 未达成 (qualitative, composite, deadline)
    rating_score: Decimal | None = None  # score inside the rating's band; None: the band's top
    not_applicable: bool = False
    deviation_analysis: str = ""  # 偏差原因分析及改进措施


@dataclass
class TableResult:
    name: str
    total: Decimal  # 总分, two decimals
    grade: str  # 优 / 良 / 中 / 差
    budget: BudgetResult
    indicators: list[IndicatorResult]  # same order as table.indicators
    blocks: dict[str, Decimal] = field(default_factory=dict)  # points per block after allocation
    block_scores: dict[str, Decimal] = field(default_factory=dict)

    @property
    def complete(self) -> bool:
        """Every indicator and the budget block have their inputs."""
        return self.budget.status != MISSING and all(r.status != MISSING for r in self.indicators)

    @property
    def missing(self) -> list[IndicatorResult]:
        return [r for r in self.indicators if r.status == MISSING]

    @property
    def needs_deviation_analysis(self) -> list[IndicatorResult]:
        """Indicators below full points that still lack 偏差原因分析及改进措施."""
        return [r for r in self.indicators if r.needs_deviation_analysis and not r.deviation_analysis.strip()]


def evaluate_table(
    table: TargetTable,
    inputs: Sequence[IndicatorInput | None] | None = None,
    execution: Execution | None = None,
    config: ScoringConfig = DEFAULT_CONFIG,
) -> TableResult:
    """Score a table. ``inputs`` match ``table.indicators`` by position (None or missing: nothing
    entered). Raises ScoringError listing every problem (``.errors``), each naming its indicator."""
    n = len(table.indicators)
    inputs = list(inputs or [])
    if len(inputs) > n:
        raise ScoringError(f"项目「{table.name}」有 {n} 个指标，却填报了 {len(inputs)} 组实际完成值")
    inputs = [i or IndicatorInput() for i in inputs] + [IndicatorInput() for _ in range(n - len(inputs))]
    blocks_of, weights = allocate(
        table.indicators, [i.weight for i in inputs], [i.not_applicable for i in inputs], config
    )
    errors: list[ScoringError] = []
    results: list[IndicatorResult] = []
    for index, (ind, given, weight) in enumerate(zip(table.indicators, inputs, weights)):
        if given.not_applicable:
            result = IndicatorResult(ind.name, NO_POINTS, NO_POINTS, NOT_APPLICABLE, NOT_APPLICABLE_WHY)
        else:
            try:
                result = score_indicator(ind, weight, given.actual, rating=given.rating,
                                         rating_score=given.rating_score, config=config)
            except ScoringError as err:
                errors.append(ScoringError(err.message, index))
                continue
        result.block, result.index = blocks_of[index], index
        result.deviation_analysis = given.deviation_analysis or ""
        results.append(result)
    try:
        budget = score_budget(execution, config)
    except ScoringError as err:
        errors.append(ScoringError(f"项目资金：{err.message}"))
    if errors:
        raise ScoringError("\n".join(e.message for e in errors), errors[0].index, errors)

    blocks = {b: NO_POINTS for b in config.block_weights()}
    block_scores = dict(blocks)
    for r in results:
        blocks[r.block] += r.weight
        block_scores[r.block] += r.score
    total = q2(budget.score + sum((r.score for r in results), NO_POINTS))
    return TableResult(table.name, total, config.grade(total), budget, results, blocks, block_scores)
