"""复核 (re-check) of a self-evaluation that carries its own scores: what a finance reviewer does by
hand. Every row is recomputed under a rule set and compared with what was published.

Problems found: a row whose published score differs from the formula (and by how much), a score
above its 分值, full points on a target that was not met, a qualitative score outside its band,
rows not adding up to the printed total, 分值 not adding up to 100, weights not as the rule set's
blocks, budget execution scored without figures or differently from the rule, a grade that does not
match the total. Numbers that cannot be compared are said so, never guessed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from jixiao.core.model import TargetTable
from jixiao.core.numbers import exact, plain, short_percent
from jixiao.core.scoring.budget import Execution, score_budget
from jixiao.core.scoring.config import (
    HUNDRED, MET, NO_POINTS, RATING_LABELS, ZERO, ScoringConfig, ScoringError,
)
from jixiao.core.scoring.indicator import parse_rating, rated_target, score_indicator, target_of
from jixiao.core.scoring.table import IndicatorInput
from jixiao.core.scoring.weights import allocate


@dataclass
class PublishedTable:
    """What a published self-evaluation prints besides its indicators (issue-10 JSON form)."""

    total: Decimal | None = None  # published_total
    grade: str | None = None  # published_grade
    execution: Execution | None = None
    execution_weight: Decimal | None = None  # execution.weight as printed
    execution_score: Decimal | None = None  # execution.score as printed
    judged: dict[str, Decimal | None] = field(default_factory=dict)  # block_scores as printed


@dataclass
class RowCheck:
    name: str
    published_score: Decimal | None
    formula_score: Decimal | None
    problems: list[str] = field(default_factory=list)

    @property
    def difference(self) -> Decimal | None:
        if self.published_score is None or self.formula_score is None:
            return None
        return self.published_score - self.formula_score


@dataclass
class TableCheck:
    name: str
    published_total: Decimal | None
    recomputed_total: Decimal
    problems: list[str]
    rows: list[RowCheck]

    @property
    def clean(self) -> bool:
        return not self.problems and not any(r.problems for r in self.rows)


def _signed(value: Decimal) -> str:
    return f"+{plain(value)}" if value > ZERO else plain(value)


def _rated_tier(ind, given: IndicatorInput) -> str | None:
    """The tier of a rated row: the rating given, a tier written as the actual, or met when the
    actual repeats the target word for word (已完成 / 已完成)."""
    tier = parse_rating(given.rating) or (parse_rating(given.actual) if isinstance(given.actual, str) else None)
    target = target_of(ind)
    if tier is None and given.actual and target is not None and str(given.actual).strip() == target.text.strip():
        tier = MET
    return tier


def _check_row(ind, given: IndicatorInput, weight: Decimal, weight_printed: bool, config: ScoringConfig) -> RowCheck:
    published = given.score
    check = RowCheck(ind.name, published, None)
    if not weight_printed and published is not None:
        check.problems.append(f"表内未列分值，按规则集分配的 {plain(weight)} 分复核")
    if published is not None and published > weight:
        check.problems.append(f"得分 {plain(published)} 分高于分值 {plain(weight)} 分")
    target = target_of(ind)
    tier = None
    if rated_target(target) or (config.ratings_on_numeric and given.rating):
        tier = _rated_tier(ind, given)
        if tier is None:
            check.problems.append("定性指标未写明完成情况，无法复核得分")
            return check
        band = config.tier(tier)
        if published is not None:
            share = published / weight if weight else ZERO
            if band.contains(share) or (weight == ZERO and published == ZERO):
                check.formula_score = published
            else:
                check.problems.append(f"完成情况「{RATING_LABELS[tier]}」的得分应在 {band.describe(weight)} 分之间，"
                                      f"公布得分 {plain(published)} 分")
        return check
    try:
        result = score_indicator(ind, weight, given.actual, config=config)
    except ScoringError as err:
        check.problems.append(f"无法复核：{err.message.split('：', 1)[-1]}")
        return check
    if result.status == "missing":
        check.problems.append("未填写实际完成值，无法复核")
        return check
    check.formula_score = result.score
    if published is None:
        return check
    diff = published - result.score
    if diff != ZERO:
        check.problems.append(f"公布得分 {plain(published)} 分，按公式应为 {result.score} 分，相差 {_signed(diff)} 分")
    if result.status != MET and published >= weight > ZERO:
        check.problems.append(f"未达到指标值（指标值 {result.target}，实际完成值 {result.actual}）却得满分")
    return check


def recheck_table(table: TargetTable, inputs: list[IndicatorInput], published: PublishedTable,
                  config: ScoringConfig) -> TableCheck:
    """Recompute every row of a published self-evaluation under ``config`` and list the problems."""
    problems: list[str] = []
    weights_given = [i.weight for i in inputs]
    try:
        blocks, weights, findings = allocate(table.indicators, weights_given, None, config)
    except ScoringError as err:
        return TableCheck(table.name, published.total, NO_POINTS, [f"无法复核：{err.message}"], [])
    problems += [f.message for f in findings]
    rows = [_check_row(ind, given, w, given.weight is not None, config)
            for ind, given, w in zip(table.indicators, inputs, weights)]

    budget_formula = _check_execution(published, config, problems)
    judged = NO_POINTS
    for b in config.blocks:
        if b.judged:
            score = published.judged.get(b.key)
            judged += score or NO_POINTS
    recomputed = config.round(budget_formula + judged + sum(
        (r.formula_score if r.formula_score is not None else (r.published_score or NO_POINTS) for r in rows),
        NO_POINTS))

    printed_rows = [r.published_score for r in rows]
    if published.total is not None and all(s is not None for s in printed_rows):
        counted = published.execution_score if config.budget_method != "none" else None
        added = sum(printed_rows, NO_POINTS) + (counted or NO_POINTS) + judged
        if added != published.total:
            problems.append(f"各项公布得分合计 {plain(added)} 分，与公布总分 {plain(published.total)} 分不符")
    printed_weights = [i.weight for i in inputs]
    if all(w is not None for w in printed_weights) and printed_weights:
        budget_weight = published.execution_weight if config.budget_method != "none" else None
        weight_total = sum(printed_weights, NO_POINTS) + (budget_weight or NO_POINTS) + sum(
            (b.points or NO_POINTS for b in config.blocks if b.judged), NO_POINTS)
        if weight_total != HUNDRED:
            problems.append(f"分值合计为 {plain(weight_total)} 分，不是 100 分")
    if published.grade and published.total is not None:
        expected = config.grade(published.total)
        if published.grade.strip() != expected:
            problems.append(f"公布等级「{published.grade}」与公布总分 {plain(published.total)} 分对应的等级「{expected}」不符")
    return TableCheck(table.name, published.total, recomputed, problems, rows)


def _check_execution(published: PublishedTable, config: ScoringConfig, problems: list[str]) -> Decimal:
    """The budget block's score by the rule set; problems with what was printed for it."""
    execution, printed = published.execution, published.execution_score
    if config.budget_method == "none":
        if printed:
            problems.append(f"按本规则集预算执行率不计分，表内却计 {plain(printed)} 分")
        return NO_POINTS
    figures = execution is not None and execution.budget_full_year is not None and execution.spent is not None
    if not figures or execution.budget_full_year <= ZERO:
        if printed:
            problems.append(f"预算执行率得分 {plain(printed)} 分，但没有全年预算数和执行数")
        return NO_POINTS
    try:
        result = score_budget(execution, config)
    except ScoringError as err:
        problems.append(f"预算执行：{err.message}")
        return NO_POINTS
    if printed is not None and printed != result.score:
        problems.append(f"预算执行率公布得分 {plain(printed)} 分，按规则应为 {result.score} 分"
                        f"（执行率 {short_percent(result.rate or ZERO)}），相差 {_signed(printed - result.score)} 分")
    return result.score


def check_to_dict(check: TableCheck) -> dict:
    return {
        "name": check.name,
        "published_total": exact(check.published_total),
        "recomputed_total": exact(check.recomputed_total),
        "problems": list(check.problems),
        "rows": [{"name": r.name, "published_score": exact(r.published_score), "formula_score": exact(r.formula_score),
                  "difference": exact(r.difference), "problems": list(r.problems)} for r in check.rows],
    }
