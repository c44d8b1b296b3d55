"""The 预算执行率 block: rate = 全年执行数 ÷ 全年预算数 (B/A), score = 分值 × min(rate, 1)
(docs/domain.md §1.3, §7.1). A rate below config.budget_reason_below (90 %) needs a written reason."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from jixiao.core.numbers import percent, plain, short_percent
from jixiao.core.scoring.config import (
    BUDGET_RATE_FORMULA, BUDGET_SCORE_FORMULA, DEFAULT_CONFIG, MET, MISSING, NO_POINTS, NOT_APPLICABLE, NOT_MET, ONE,
    PARTLY, ZERO, ScoringConfig, ScoringError,
)

RATE_PLACES = Decimal("0.0001")
NOT_SCORED = "本规则集不对预算执行率计分。"


@dataclass
class Execution:
    """项目资金: 年初预算数, 全年预算数 (A), 全年执行数 (B), in the same unit (yuan or 万元)."""

    budget_initial: Decimal | None = None
    budget_full_year: Decimal | None = None
    spent: Decimal | None = None


@dataclass(slots=True)
class BudgetResult:
    weight: Decimal  # 分值
    rate: Decimal | None  # 执行率 as a fraction, four decimals (0.8620 = 86.20 %)
    score: Decimal
    status: str  # met | partly | not_met | missing
    why: str | Callable[[], str] = field(repr=False, compare=False)  # see explanation
    needs_reason: bool  # rate below the threshold (90 %): a written reason is required

    @property
    def explanation(self) -> str:
        """The rate, formula and score in Chinese, written on first use (see IndicatorResult)."""
        if callable(self.why):
            self.why = self.why()
        return self.why


def score_budget(execution: Execution | None, config: ScoringConfig = DEFAULT_CONFIG) -> BudgetResult:
    w = config.budget_cents
    full_year = execution.budget_full_year if execution else None
    spent = execution.spent if execution else None
    if full_year is None or spent is None:
        if config.budget_method == "none":
            return BudgetResult(w, None, NO_POINTS, NOT_APPLICABLE, NOT_SCORED, False)
        return BudgetResult(w, None, NO_POINTS, MISSING, "未填写全年预算数或全年执行数，预算执行率暂不计分。", False)
    if full_year <= ZERO:
        raise ScoringError(f"全年预算数应大于 0，填写的是 {plain(full_year)}")
    if spent < ZERO:
        raise ScoringError(f"全年执行数不能为负数，填写的是 {plain(spent)}")
    rate = spent / full_year
    method = config.budget_method
    if method == "none":
        score, status, share = NO_POINTS, NOT_APPLICABLE, None
    else:
        if method == "bands":
            share = next((s for at_least, s in config.budget_bands if rate >= at_least), ZERO)
            score = config.round(w * share)
        else:
            share = None
            score = config.round(w * (ONE if ONE < rate else rate))  # min(rate, ONE)
        status = MET if rate >= ONE else (NOT_MET if score == ZERO else PARTLY)
    needs_reason = rate < config.budget_reason_below

    def why() -> str:
        text = f"执行率 = {BUDGET_RATE_FORMULA} = {plain(spent)} ÷ {plain(full_year)} = {percent(rate)}；"
        if method == "none":
            text += NOT_SCORED
        elif method == "bands":
            text += f"按执行率档次得分为分值的 {short_percent(share)}：{plain(w)} × {short_percent(share)} = {score} 分。"
        else:
            text += f"得分 = {BUDGET_SCORE_FORMULA} = {plain(w)} × {percent(min(rate, ONE))} = {score} 分。"
        if needs_reason:
            text += f"执行率低于 {short_percent(config.budget_reason_below)}，须说明原因。"
        return text

    return BudgetResult(w, rate.quantize(RATE_PLACES), score, status, why, needs_reason)
