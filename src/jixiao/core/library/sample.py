"""Sample data: a plausible earlier year of a real table, for demonstrating year-on-year pages.

Made up, deterministic (seeded by the project's name), and marked ``sample``. A project gets an
earlier year only when its 实施周期 covers it. The earlier annual targets are the same or a little
lower (counts about four fifths, rates up to five points), deadlines a year earlier, qualitative
targets unchanged; the period targets stay (it is the same period). Actuals mostly meet their
targets, about one in eight falls short; money spent is 85–100 % of the budget.
"""

from __future__ import annotations

import copy
import random
import re
from dataclasses import replace
from decimal import ROUND_HALF_UP, Decimal

from jixiao.core.categories import compact
from jixiao.core.model import Indicator, TargetTable, TargetValue
from jixiao.core.numbers import plain, short_percent
from jixiao.core.targets import parse_target

from .record import ProjectRecord

SHORTFALL_SHARE = 0.125
EXECUTION_RATE = "预算执行率"
_YEAR = re.compile(r"(19|20)\d{2}")


def _whole(value: Decimal) -> Decimal:
    return value.quantize(Decimal(1), rounding=ROUND_HALF_UP)


def _with_value(target: TargetValue, value: Decimal) -> str:
    """The target's text with its number replaced: '≥4次' -> '≥3次'."""
    return compact(target.text).replace(plain(target.value), plain(value), 1)


def _earlier_target(target: TargetValue | None, category: str | None, rng: random.Random) -> str | None:
    if target is None:
        return None
    text = compact(target.text)
    if target.kind == "deadline":
        return _YEAR.sub(lambda m: str(int(m.group()) - 1), text)
    if target.kind != "numeric" or target.value is None or target.op == "range" or rng.random() < 0.5:
        return text
    if target.unit == "%":
        lowered = max(Decimal(0), target.value - rng.choice((0, 5)))
        return _with_value(target, lowered)
    if target.direction == "lower" or category == "cost":
        return text
    return _with_value(target, max(Decimal(1), _whole(target.value * Decimal("0.8"))))


def _actual(target: TargetValue | None, category: str | None, rng: random.Random,
            shortfall: float = SHORTFALL_SHARE) -> str:
    if target is None:
        return ""
    short = rng.random() < shortfall
    if target.kind == "deadline" and target.deadline is not None:
        month = min(12, max(1, target.deadline.month - (3 if short is False else -1)))
        year = target.deadline.year + (1 if short and target.deadline.month == 12 else 0)
        return f"{year}年{month}月完成"
    if target.kind != "numeric" or target.value is None or target.op == "range":
        return "部分达成" if short else "达成"
    unit = target.unit or ""
    if target.direction == "lower" or category == "cost":
        factor = Decimal(rng.choice(("1.05", "1.1"))) if short else Decimal(rng.choice(("0.95", "1", "1")))
        return f"{plain((target.value * factor).quantize(Decimal('0.01')))}{unit}"
    if unit == "%":
        value = target.value - rng.choice((3, 5, 8)) if short else min(Decimal(100), target.value + rng.choice((0, 2, 5)))
        return f"{plain(value)}%"
    if short:
        value = _whole(target.value * Decimal("0.75"))
    elif target.value > 10:
        value = _whole(target.value * Decimal(rng.choice(("1", "1.02", "1.05", "1.1"))))
    else:
        value = target.value + rng.choice((0, 0, 1, 2))
    return f"{plain(value)}{unit}"


def plausible_actuals(table: TargetTable, seed: str, shortfall: float = SHORTFALL_SHARE) -> dict[str, str]:
    """Made-up actuals of ``table``'s annual targets (by indicator name), mostly meeting them, a
    ``shortfall`` share short; deterministic for ``seed``. The demo's workflow sample uses them as
    全年预计完成值 and as year-end actuals."""
    rng = random.Random(seed)
    out = {}
    for indicator in table.indicators:
        if actual := _actual(indicator.annual_target, indicator.category, rng, shortfall):
            out[indicator.name] = actual
    return out


def earlier_year(table: TargetTable, years_back: int = 1) -> ProjectRecord | None:
    """A made-up record of ``table``'s project ``years_back`` years earlier, or None outside its period."""
    if table.year is None:
        return None
    year = table.year - years_back
    if table.period_start is None or table.period_start > year:
        return None
    rng = random.Random(f"{table.unit}|{table.name}|{year}")
    earlier = copy.deepcopy(table)
    earlier.year = year
    earlier.warnings, earlier.source, earlier.sources = [], None, {}
    if table.budget is not None:
        earlier.budget = _whole(table.budget * Decimal(rng.choice(("0.9", "0.95", "1"))) / 100) * 100
    indicators: list[Indicator] = []
    actuals: dict[str, str] = {}
    for indicator in table.indicators:
        text = _earlier_target(indicator.annual_target, indicator.category, rng)
        annual = parse_target(text, indicator.category) if text is not None else None
        indicators.append(replace(indicator, annual_target=annual, source=None))
        if actual := _actual(annual, indicator.category, rng):
            actuals[indicator.name] = actual
    earlier.indicators = indicators
    spent = None
    if earlier.budget is not None:
        rate = Decimal(rng.choice(("0.85", "0.9", "0.95", "0.98", "1")))
        spent = (earlier.budget * rate).quantize(Decimal("0.01"))
        for indicator in indicators:
            if EXECUTION_RATE in compact(indicator.name):  # its actual is the money spent
                actuals[indicator.name] = short_percent(rate)
    return ProjectRecord(earlier, actuals, spent=spent, sample=True)
