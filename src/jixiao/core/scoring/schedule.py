"""Monitoring by a rule set's calendar: how far targets are done against how far money is spent,
and the deadline of the unit's choice after a warning, counted in working days.

target completion: the mean, over indicators with a value so far, of the share of points that
value would score at year end (capped at 100 %); qualitative ones without a value are left out.
gap: |completion − execution rate| in percentage points above config.gap_points is a warning.
deadline: ``working_days`` after the warning, counting Monday–Friday except the rule set's
holidays, plus the weekend days worked in lieu (调休上班).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from jixiao.core.model import Indicator
from jixiao.core.numbers import plain, short_percent
from jixiao.core.scoring.config import DEFAULT_CONFIG, HUNDRED, MISSING, RED, ZERO, ScoringConfig, UnitChoice
from jixiao.core.scoring.indicator import score_indicator
from jixiao.core.scoring.monitoring import Light


@dataclass(frozen=True)
class Gap:
    completion: Decimal  # share, 0–1
    execution: Decimal  # share, 0–1
    points: Decimal  # |completion − execution| in percentage points
    warning: bool
    explanation: str


def target_completion(indicators: list[Indicator], so_far: list[str | None],
                      config: ScoringConfig = DEFAULT_CONFIG) -> Decimal | None:
    """Average share of its points each indicator's value so far would score (None: no value yet).
    Raises ScoringError for a value that cannot be compared with its target."""
    shares = []
    for ind, value in zip(indicators, so_far):
        if not value:
            continue
        result = score_indicator(ind, HUNDRED, value, config=config)
        if result.status != MISSING and result.rating is None:
            shares.append(result.score / HUNDRED)
    return sum(shares, ZERO) / len(shares) if shares else None


def completion_gap(completion: Decimal, execution: Decimal, config: ScoringConfig = DEFAULT_CONFIG) -> Gap | None:
    """Target completion against budget execution; None when the rule set has no such rule."""
    if config.gap_points is None:
        return None
    points = abs(completion - execution) * HUNDRED
    warning = points > config.gap_points
    verdict = f"超过 {plain(config.gap_points)} 个百分点，预警" if warning else f"未超过 {plain(config.gap_points)} 个百分点"
    why = (f"绩效目标完成进度 {short_percent(completion.quantize(Decimal('0.0001')))}，预算执行进度 "
           f"{short_percent(execution.quantize(Decimal('0.0001')))}，相差 {plain(points.quantize(Decimal('0.01')))} 个百分点，{verdict}。")
    return Gap(completion, execution, points, warning, why)


def is_working_day(day: date, choice: UnitChoice) -> bool:
    if day in choice.workdays:
        return True
    return day.weekday() < 5 and day not in choice.holidays


def add_working_days(start: date, days: int, choice: UnitChoice) -> date:
    """The date ``days`` working days after ``start`` (the start itself not counted)."""
    day, left = start, days
    while left:
        day += timedelta(days=1)
        if is_working_day(day, choice):
            left -= 1
    return day


def choice_deadline(warned: date, config: ScoringConfig = DEFAULT_CONFIG) -> date | None:
    """Last day for the unit's choice (继续执行/调剂/取消) after a warning on ``warned``."""
    if config.unit_choice is None:
        return None
    return add_working_days(warned, config.unit_choice.working_days, config.unit_choice)


def choice_overdue(warned: date, today: date, chosen: bool, config: ScoringConfig = DEFAULT_CONFIG) -> bool:
    deadline = choice_deadline(warned, config)
    return deadline is not None and not chosen and today > deadline


def warnings(execution: Light, gap: Gap | None, config: ScoringConfig = DEFAULT_CONFIG) -> list[str]:
    """What the rule set calls a warning (预警), each with its reason: a calendar checkpoint missed
    (the red execution light of a checkpoint rule set) and completion and execution apart by more
    than ``gap_points``. A red light of an elapsed-share rule set is a light, not a warning."""
    found = []
    if config.light_basis == "checkpoints" and execution.color == RED:
        found.append(execution.explanation)
    if gap is not None and gap.warning:
        found.append(gap.explanation)
    return found


def choice_rule(warned: date, config: ScoringConfig = DEFAULT_CONFIG) -> str:
    """'请于 2025-05-15 前（预警后 10 个工作日内）选择继续执行、调剂或取消' ('' without such a rule)."""
    deadline = choice_deadline(warned, config)
    if deadline is None:
        return ""
    c = config.unit_choice
    return f"请于 {deadline.isoformat()} 前（预警后 {c.working_days} 个工作日内）选择{'、'.join(c.options[:-1])}或{c.options[-1]}"
