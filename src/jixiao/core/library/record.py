"""One year of one project as later years see it: its table, and what the year-end brought."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from jixiao.core.model import Indicator, TargetTable

from .text import normalise_name


@dataclass
class ProjectRecord:
    """A project's table for one year with, when known, each indicator's actual (by name as written),
    the money spent, and the self-evaluation's score and grade. ``code`` is the project code, if any."""

    table: TargetTable
    actuals: dict[str, str] = field(default_factory=dict)
    spent: Decimal | None = None  # 全年执行数, yuan
    score: Decimal | None = None
    grade: str | None = None
    code: str = ""
    sample: bool = False  # generated sample data, not a real year

    @property
    def year(self) -> int | None:
        return self.table.year

    def actual_of(self, indicator: Indicator) -> str:
        if indicator.name in self.actuals:
            return self.actuals[indicator.name]
        key = normalise_name(indicator.name)
        return next((text for name, text in self.actuals.items() if normalise_name(name) == key), "")

    @property
    def execution_rate(self) -> Decimal | None:
        """全年执行数 ÷ 年度预算, as a percentage."""
        if self.spent is None or not self.table.budget:
            return None
        return self.spent / self.table.budget * 100
