"""Cost arithmetic: a unit cost times the matching quantity, compared with the budget.

Matching is by unit only: a cost in 元/人/年 (or 万元/人/月, 元/份 …) pairs with a quantity counted in
the first non-time denominator (人, 份). When several quantities share that unit, the one whose name
is closest to the cost indicator's name is taken.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from difflib import SequenceMatcher

from jixiao.core.model import Indicator, TargetTable, TargetValue
from jixiao.core.numbers import grouped
from jixiao.core.units import convert_amount

from .common import bare_unit
from .config import DEFAULT_CONFIG, ReviewConfig


@dataclass(frozen=True)
class Rate:
    """One unit-cost figure: yuan per counted thing per year, e.g. 45000 元 per 人."""

    label: str | None  # grade label of a composite part, e.g. '优秀等级'
    text: str  # the figure as written
    yuan_per_year: Decimal


@dataclass(frozen=True)
class ImpliedCost:
    cost: Indicator  # the unit-cost indicator
    quantity: Indicator  # the matching count
    count: Decimal
    count_text: str  # '≥23人'
    rates: tuple[Rate, ...]  # one, or one per grade of a graded standard
    budget: Decimal

    @property
    def low(self) -> Decimal:
        return min(r.yuan_per_year for r in self.rates) * self.count

    @property
    def high(self) -> Decimal:
        return max(r.yuan_per_year for r in self.rates) * self.count

    @property
    def graded(self) -> bool:
        return len(self.rates) > 1

    def products(self) -> str:
        """'6 × 45,000 = 270,000 元' or one product per grade, joined with '；'."""
        return "；".join(
            f"{r.label + ' ' if r.label else ''}{grouped(self.count)} × {grouped(r.yuan_per_year)} = "
            f"{grouped(self.count * r.yuan_per_year)} 元"
            for r in self.rates
        )


def _split_unit(unit: str | None, config: ReviewConfig) -> tuple[Decimal, str, Decimal] | None:
    """'万元/人/月' -> (10000, '人', 12): yuan scale, counted thing, periods per year."""
    pieces = [p.removeprefix("每") for p in bare_unit(unit).split("/")]
    scale = convert_amount(Decimal(1), pieces[0], "元") if len(pieces) > 1 and pieces[0] else None
    if scale is None:
        return None
    counted = [p for p in pieces[1:] if p not in config.per_year]
    times = [p for p in pieces[1:] if p in config.per_year]
    if len(counted) != 1 or len(times) > 1 or not counted[0]:
        return None
    per_year = config.per_year[times[0]] if times else Decimal(1)
    return scale, counted[0], per_year


def _rates(target: TargetValue, config: ReviewConfig) -> tuple[str, list[Rate]] | None:
    parts = target.parts if target.kind == "composite" else [target]
    counted_in, rates = None, []
    for part in parts:
        if part.kind != "numeric" or part.value is None or part.op not in ("<=", "<", "=", None):
            if target.kind == "composite" and part.kind != "numeric":
                continue
            return None
        split = _split_unit(part.unit, config)
        if split is None:
            return None
        scale, counted, per_year = split
        if counted_in not in (None, counted):
            return None
        counted_in = counted
        rates.append(Rate(part.label, part.text, part.value * scale * per_year))
    return (counted_in, rates) if rates else None


def _closest(name: str, candidates: list[Indicator]) -> Indicator:
    return max(candidates, key=lambda i: SequenceMatcher(None, name, i.name).ratio())


def implied_costs(table: TargetTable, config: ReviewConfig = DEFAULT_CONFIG) -> list[ImpliedCost]:
    """Every (unit cost, quantity) pair the table states, with the cost they imply for the year."""
    if table.budget is None:
        return []
    found = []
    for cost in table.indicators_in("cost"):
        if cost.annual_target is None:
            continue
        rates = _rates(cost.annual_target, config)
        if rates is None:
            continue
        counted_in, figures = rates
        candidates = [
            q
            for q in table.indicators_in("quantity")
            if q.annual_target is not None
            and q.annual_target.kind == "numeric"
            and q.annual_target.value is not None
            and q.annual_target.op in (">=", ">", "=", None)
            and bare_unit(q.annual_target.unit) == counted_in
        ]
        if not candidates:
            continue
        quantity = _closest(cost.name, candidates)
        target = quantity.annual_target
        found.append(
            ImpliedCost(cost, quantity, target.value, target.text, tuple(figures), table.budget)
        )
    return found
