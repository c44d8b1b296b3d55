"""运行监控 (in-year monitoring) helpers, pure functions (docs/domain.md §4, §7.5).

time progress: share of the budget year elapsed at the cut-off (month-based like the vendor
system: 31 July → 7/12; a mid-month cut-off counts the days of that month pro rata).
execution light: (执行率 ÷ time progress) against config.red_below / yellow_below.
indicator light: the expected full-year value (全年预计完成值) is first compared with the target:
reaching it is green; missing it (a shortfall, a cap exceeded) is never green — red when its
score as if it were the actual falls below config.red_below of full points, otherwise
config.shortfall_light. A qualitative rating maps through config.rating_lights (达成 → green,
部分达成 → yellow, 未达成 → red).
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from jixiao.core.model import Indicator, TargetValue
from jixiao.core.numbers import percent, plain, short_percent
from jixiao.core.scoring.config import (
    DEFAULT_CONFIG, EXECUTION_RATIO_FORMULA, GREEN, HUNDRED, LIGHT_LABELS, MET, MISSING, ONE, RATING_LABELS, RED,
    YELLOW, ZERO, ScoringConfig, ScoringError,
)
from jixiao.core.scoring.indicator import score_indicator

RATIO_PLACES = Decimal("0.0001")


@dataclass
class Light:
    color: str | None  # red | yellow | green; None when there is nothing to judge yet
    ratio: Decimal | None  # the compared share, four decimals
    explanation: str

    @property
    def needs_explanation(self) -> bool:
        """Red and yellow need 偏差原因, 纠偏措施 and 完成可能性 before submission."""
        return self.color in (RED, YELLOW)


def default_cutoff(year: int, config: ScoringConfig = DEFAULT_CONFIG) -> date:
    return date(year, config.cutoff_month, config.cutoff_day)


def time_progress(cutoff: date, year: int | None = None) -> Decimal:
    """Share of budget year ``year`` (default: the cut-off's year) elapsed at the end of ``cutoff``
    (31 July → 7/12); 0 before the year, 1 after it."""
    if year is not None and cutoff.year != year:
        return ZERO if cutoff.year < year else ONE
    days = calendar.monthrange(cutoff.year, cutoff.month)[1]
    return (Decimal(cutoff.month - 1) + Decimal(cutoff.day) / Decimal(days)) / Decimal(12)


def execution_light(
    spent: Decimal | None, budget: Decimal | None, cutoff: date, config: ScoringConfig = DEFAULT_CONFIG,
    year: int | None = None,
) -> Light:
    """Budget execution light at ``cutoff``: (spent ÷ budget) ÷ time progress vs the thresholds."""
    if spent is None or budget is None:
        return Light(None, None, "未填写预算数或截至目前的执行数。")
    if budget <= ZERO:
        raise ScoringError(f"预算数应大于 0，填写的是 {plain(budget)}")
    if spent < ZERO:
        raise ScoringError(f"执行数不能为负数，填写的是 {plain(spent)}")
    if config.light_basis == "checkpoints":
        return _checkpoint_light(spent / budget, cutoff, config)
    progress = time_progress(cutoff, year)
    if progress == ZERO:
        return Light(None, None, f"截止日期 {cutoff.isoformat()} 早于预算年度 {year} 年，时间进度为 0，不判断执行进度。")
    rate = spent / budget
    ratio = rate / progress
    color = config.light(ratio)
    why = (f"截至 {cutoff.isoformat()}：执行率 = {plain(spent)} ÷ {plain(budget)} = {percent(rate)}，"
           f"时间进度 {percent(progress)}，{EXECUTION_RATIO_FORMULA} = {percent(ratio)}；"
           f"{config.light_rules()['execution']}：{LIGHT_LABELS[color]}。")
    return Light(color, ratio.quantize(RATIO_PLACES), why)


def indicator_light(
    indicator: Indicator,
    expected: str | TargetValue | None,
    *,
    rating: str | None = None,
    target: TargetValue | None = None,
    config: ScoringConfig = DEFAULT_CONFIG,
) -> Light:
    """Light of one indicator from its expected full-year value (or, if qualitative, a rating)."""
    # Scored out of 100 points so that the share keeps four decimals (59.95 % stays red).
    result = score_indicator(indicator, HUNDRED, expected, rating=rating, target=target, config=config)
    if result.rating is not None:  # a rating needs no 评价得分 to give a light
        color = config.rating_light(result.rating)
        rule = config.light_rules()["rating"]
        why = f"预计完成情况「{RATING_LABELS[result.rating]}」，为{LIGHT_LABELS[color]}（{rule}）。"
        share = None if result.status == MISSING else (result.score / HUNDRED).quantize(RATIO_PLACES)
        return Light(color, share, why)
    if result.status == MISSING:
        return Light(None, None, "未填写全年预计完成值（定性指标请选择预计完成情况）。")
    share = result.score / HUNDRED
    met = result.status == MET
    color = config.indicator_light(share, met)
    rules = config.light_rules()
    if met:
        verdict = f"达到指标值，为{LIGHT_LABELS[color]}"
    else:
        verdict = (f"预计达不到指标值，按自评计分规则预计得分为分值的 {percent(share)}；"
                   f"{rules['shortfall']}：{LIGHT_LABELS[color]}")
    why = f"全年预计完成值 {result.actual}，指标值 {result.target}：{verdict}。"
    return Light(color, share.quantize(RATIO_PLACES), why)


def _checkpoint_light(rate: Decimal, cutoff: date, config: ScoringConfig) -> Light:
    """Calendar checkpoints: the execution rate due by the last checkpoint passed (a warning,
    red, below it); before the first checkpoint nothing is due yet."""
    passed = [c for c in config.checkpoints if (c.month, c.day) <= (cutoff.month, cutoff.day)]
    head = f"截至 {cutoff.isoformat()}：执行率 {percent(rate)}"
    if not passed:
        first = config.checkpoints[0]
        return Light(GREEN, None, f"{head}，尚未到第一个检查时点（{first.month}月{first.day}日），不预警。")
    due = passed[-1]
    color = RED if rate < due.min_rate else GREEN
    verdict = "低于" if color == RED else "不低于"
    return Light(color, (rate / due.min_rate).quantize(RATIO_PLACES) if due.min_rate else None,
                 f"{head}，{verdict}{due.month}月{due.day}日前应达到的 {short_percent(due.min_rate)}："
                 f"{LIGHT_LABELS[color]}{'（预警）' if color == RED else ''}。")
