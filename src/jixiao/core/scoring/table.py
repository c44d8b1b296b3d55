"""Scoring a whole 项目绩效目标表 at year end: 总分 = 预算执行率得分 + Σ 指标得分, and the grade."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import repeat
from operator import attrgetter, itemgetter

from jixiao.core.model import TargetTable, TargetValue
from jixiao.core.numbers import plain
from jixiao.core.scoring.budget import BudgetResult, Execution, score_budget
from jixiao.core.scoring.config import (
    DEFAULT_CONFIG, HUNDRED, MISSING, NO_POINTS, NOT_APPLICABLE, ZERO, ScoringConfig, ScoringError, q2,
)
from jixiao.core.scoring.indicator import IndicatorResult, common_result, score_common, score_indicator
from jixiao.core.scoring.weights import Finding, pick, shape


NOT_APPLICABLE_WHY = "该指标不适用本项目，不计分，同一级指标内其余指标的分值按比例调整。"


@dataclass
class IndicatorInput:
    """What the evaluator enters for one indicator (all optional)."""

    actual: str | TargetValue | None = None  # 实际完成值, as written
    weight: Decimal | None = None  # 分值; None: even share of its block
    rating: str | None = None  # 达成 / 部分达成 / 未达成 (qualitative, composite, deadline)
    rating_score: Decimal | None = None  # score inside the rating's band (required with a rating)
    not_applicable: bool = False
    deviation_analysis: str = ""  # 偏差原因分析及改进措施
    score: Decimal | None = None  # the evaluator's score: a rated one's 评价得分, or below the formula's
    deduction_reason: str = ""  # required when ``score`` is below the formula's


@dataclass
class TableResult:
    name: str
    total: Decimal  # 总分, two decimals
    grade: str  # 优 / 良 / 中 / 差
    budget: BudgetResult
    indicators: Sequence[IndicatorResult]  # same order as table.indicators (IndicatorResults)
    blocks: dict[str, Decimal] = field(default_factory=dict)  # points per block after allocation
    block_scores: dict[str, Decimal] = field(default_factory=dict)
    block_labels: dict[str, str] = field(default_factory=dict)  # block key → label as printed
    findings: list[Finding] = field(default_factory=list)  # for the reviewer; scoring went on
    judged_missing: list[str] = field(default_factory=list)  # labels of judged blocks with no score

    @property
    def complete(self) -> bool:
        """Every indicator, the budget block and each judged block have their inputs, and every
        deduction its reason."""
        return (self.budget.status != MISSING and not self.judged_missing
                and not any(r.incomplete for r in self.indicators))

    @property
    def missing(self) -> list[IndicatorResult]:
        """Indicators still waiting for an input or a deduction's reason (``missing_reason`` says which)."""
        return [r for r in self.indicators if r.incomplete]

    @property
    def deductions(self) -> list[IndicatorResult]:
        """Indicators the evaluator scored below the formula, for reviewers."""
        return [r for r in self.indicators if r.deduction > NO_POINTS]

    @property
    def needs_deviation_analysis(self) -> list[IndicatorResult]:
        """Indicators below full points that still lack 偏差原因分析及改进措施."""
        return [r for r in self.indicators if r.needs_deviation_analysis and not r.deviation_analysis.strip()]


def evaluate_table(
    table: TargetTable,
    inputs: Sequence[IndicatorInput | None] | None = None,
    execution: Execution | None = None,
    config: ScoringConfig = DEFAULT_CONFIG,
    judged: Mapping[str, Decimal | None] | None = None,
) -> TableResult:
    """Score a table. ``inputs`` match ``table.indicators`` by position (None or missing: nothing
    entered); ``judged`` gives the evaluator's score of each judged block (年度目标完成情况) by key.
    Raises ScoringError listing every problem (``.errors``), each naming its indicator."""
    indicators = tuple(table.indicators)
    n = len(indicators)
    inputs = list(inputs or ())
    if len(inputs) > n:
        raise ScoringError(f"项目「{table.name}」有 {n} 个指标，却填报了 {len(inputs)} 组实际完成值")
    if len(inputs) < n or not all(inputs):
        inputs = [i or IndicatorInput() for i in inputs] + [IndicatorInput() for _ in range(n - len(inputs))]
    found = shape(indicators, tuple(map(_WEIGHT, inputs)), map(_NOT_APPLICABLE, inputs), config)
    findings = [Finding("weights", m) for m in found.messages] if found.messages else []
    errors: list[ScoringError] = []
    # IndicatorResult, or a score_common row made into one when first read
    rows: list = list(map(score_common, indicators, found.cents, inputs, repeat(config, n)))
    points = found.points  # 分值 per indicator block, when every row's is as allocated
    if all(rows):
        scores = list(map(_SCORE, rows))
    else:
        for index, row in enumerate(rows):
            if row is None:
                rows[index] = _score_other(indicators[index], inputs[index], index, found, config, errors)
        scores = [row[0] if type(row) is tuple else row.score if row else NO_POINTS for row in rows]
    try:
        budget = score_budget(execution, config)
    except ScoringError as err:
        errors.append(ScoringError(f"项目资金：{err.message}"))
    blocks = dict.fromkeys(found.keys, NO_POINTS)
    block_scores = dict(blocks)
    missing_judged = []
    for b in config.judged_blocks:
        blocks[b.key] = q2(b.points or NO_POINTS)
        given = (judged or {}).get(b.key)
        if given is None:
            missing_judged.append(b.label)
        elif not ZERO <= given <= blocks[b.key]:
            errors.append(ScoringError(f"{b.label}得分应在 0–{plain(blocks[b.key])} 分之间，填写的是 {plain(given)} 分"))
        else:
            block_scores[b.key] = config.round(given)
    if errors:
        raise ScoringError("\n".join(e.message for e in errors), errors[0].index, errors)

    if points is None:  # some 分值 is not in cents yet: as the rows were scored
        weights = [row.weight if type(row) is IndicatorResult else w for row, w in zip(rows, found.cents)]
        points = tuple((key, sum(pick(weights, part), NO_POINTS)) for key, part in found.members)
    for key, weight in points:  # judged blocks have no rows: + 0.00
        blocks[key] += weight
    for key, part in found.members:
        block_scores[key] += sum(pick(scores, part), NO_POINTS)
    total = config.round(budget.score + sum(block_scores.values(), NO_POINTS))
    possible = budget.weight + sum(blocks.values(), NO_POINTS)
    if possible != HUNDRED and rows:
        findings.append(Finding("total", f"各项分值合计为 {plain(possible)} 分（不是 100 分），按表内分值计分"))
    results = IndicatorResults(rows, (indicators, inputs, found, config))
    return TableResult(table.name, total, config.grade(total), budget, results, blocks, block_scores,
                       config.block_labels(), findings, missing_judged)


def _score_other(ind, given: IndicatorInput, index: int, found, config: ScoringConfig,
                 errors: list[ScoringError]) -> IndicatorResult | None:
    """A row that is not one of score_common's cases (None, with its error added, when refused)."""
    if given.not_applicable:
        result = IndicatorResult(ind.name, NO_POINTS, NO_POINTS, NOT_APPLICABLE, NOT_APPLICABLE_WHY)
    else:
        try:
            result = score_indicator(ind, found.weights[index], given.actual, rating=given.rating,
                                     rating_score=given.rating_score, score=given.score,
                                     deduction_reason=given.deduction_reason, config=config)
        except ScoringError as err:
            errors.append(ScoringError(err.message, index))
            return None
    result.block, result.index = found.blocks[index], index
    result.deviation_analysis = given.deviation_analysis or ""
    return result


_WEIGHT, _NOT_APPLICABLE, _SCORE = attrgetter("weight"), attrgetter("not_applicable"), itemgetter(0)


class IndicatorResults(Sequence):
    """A table's IndicatorResults in order, built when first read: scoring a year of tables need not
    make objects that nobody reads. (The table's indicators and inputs are not to change before.)"""

    __slots__ = ("_rows", "_parts")

    def __init__(self, rows: list, parts: tuple | None = None):
        self._rows, self._parts = rows, parts

    def _results(self) -> list[IndicatorResult]:
        if self._parts is not None:
            indicators, inputs, found, config = self._parts
            rows = self._rows
            for index, row in enumerate(rows):
                if type(row) is tuple:
                    given = inputs[index]
                    rows[index] = result = common_result(row, indicators[index], found.weights[index],
                                                         found.cents[index], given, config)
                    result.block, result.index = found.blocks[index], index
                    result.deviation_analysis = given.deviation_analysis or ""
            self._parts = None
        return self._rows

    def __len__(self) -> int:
        return len(self._rows)

    def __getitem__(self, index):
        return self._results()[index]

    def __iter__(self):
        return iter(self._results())

    def __eq__(self, other) -> bool:
        return isinstance(other, Sequence) and list(self) == list(other)

    __hash__ = None

    def __repr__(self) -> str:
        return repr(self._results())
