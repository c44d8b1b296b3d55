"""Year on year: the same project across years, each indicator's targets and actuals side by side,
what changed in the targets, and next year's table drafted from this year's.

Projects are the same when their project codes agree; without codes, a project of the same unit
whose name is alike enough is only a candidate that a person confirms. Indicators are the same
across years by name (brackets and spaces aside), else by library entry, else by a name at least
``LibraryConfig.match_similarity`` alike in the same category.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from decimal import Decimal

from jixiao.core.categories import compact
from jixiao.core.model import CATEGORIES, Indicator, TargetTable, TargetValue
from jixiao.core.units import convert_amount

from .config import DEFAULT_LIBRARY_CONFIG, LibraryConfig
from .library import Library
from .record import ProjectRecord
from .text import head_word, name_similarity, normalise_name

CHANGES = ("added", "removed", "raised", "lowered", "changed")
CHANGE_LABELS = {"added": "新增", "removed": "删除", "raised": "提高", "lowered": "降低", "changed": "修改"}

# Bracketed remarks that do not change which project it is: '维稳专项经费（常）'.
SAME_PROJECT_SIMILARITY = 90


@dataclass(frozen=True)
class ProjectMatch:
    key: object  # whatever the caller identifies the other project by
    score: float
    confirmed: bool  # the codes agree; otherwise a person must confirm


def same_project(
    name: str, unit: str, code: str, others: list[tuple[object, str, str, str]]
) -> list[ProjectMatch]:
    """Which of ``others`` (key, name, unit, code) may be the same project, best first."""
    found = []
    for key, other_name, other_unit, other_code in others:
        if code and other_code:
            if code == other_code:
                found.append(ProjectMatch(key, 100.0, True))
            continue
        if compact(unit) != compact(other_unit):
            continue
        score = name_similarity(name, other_name)
        if score >= SAME_PROJECT_SIMILARITY:
            found.append(ProjectMatch(key, round(score, 1), False))
    return sorted(found, key=lambda m: (not m.confirmed, -m.score))


@dataclass(frozen=True)
class Cell:
    """One indicator in one year."""

    indicator: Indicator
    actual: str = ""

    @property
    def target(self) -> TargetValue | None:
        return self.indicator.annual_target or self.indicator.period_target

    @property
    def target_text(self) -> str:
        return compact(self.target.text) if self.target is not None else ""


@dataclass(frozen=True)
class Change:
    year: int
    kind: str  # one of CHANGES, against the year before
    before: str = ""
    after: str = ""
    looser: bool = False  # the requirement was relaxed (a 正向 target lowered, a cap raised)

    @property
    def label(self) -> str:
        return CHANGE_LABELS[self.kind]


@dataclass
class IndicatorYears:
    name: str  # as written in the latest year
    category: str | None
    cells: dict[int, Cell] = field(default_factory=dict)
    changes: list[Change] = field(default_factory=list)

    @property
    def latest(self) -> Indicator:
        return self.cells[max(self.cells)].indicator

    def add(self, record: ProjectRecord, indicator: Indicator) -> None:
        self.name = compact(indicator.name)
        self.cells[record.year] = Cell(indicator, record.actual_of(indicator))

    def change_in(self, year: int) -> Change | None:
        return next((c for c in self.changes if c.year == year), None)


@dataclass
class YearOnYear:
    years: list[int]
    records: dict[int, ProjectRecord]
    rows: list[IndicatorYears]

    def changes(self, year: int) -> list[tuple[IndicatorYears, Change]]:
        return [(row, change) for row in self.rows if (change := row.change_in(year))]


def _same_indicator(a: Indicator, b: Indicator, library: Library | None, config: LibraryConfig) -> bool:
    if normalise_name(a.name) == normalise_name(b.name):
        return True
    if a.category != b.category:
        return False
    if library is not None:
        ma, mb = library.match(a.name, a.category, config=config), library.match(b.name, b.category, config=config)
        if ma is not None and mb is not None:
            return ma.entry.code == mb.entry.code
    return head_word(a.name) == head_word(b.name) and name_similarity(a.name, b.name) >= config.match_similarity


def _compare(before: Cell, after: Cell, year: int) -> Change | None:
    old, new = before.target, after.target
    if before.target_text == after.target_text:
        return None
    numeric = all(t is not None and t.kind == "numeric" and t.value is not None and t.op != "range" for t in (old, new))
    value = convert_amount(old.value, old.unit, new.unit) if numeric else None
    if value is None or value == new.value:
        return Change(year, "changed", before.target_text, after.target_text)
    raised = new.value > value
    lower_is_better = new.direction == "lower"
    return Change(year, "raised" if raised else "lowered", before.target_text, after.target_text, raised == lower_is_better)


def compare_years(
    records: list[ProjectRecord], library: Library | None = None, config: LibraryConfig = DEFAULT_LIBRARY_CONFIG
) -> YearOnYear:
    """Rows of indicators across the records' years (oldest first), with each year's changes."""
    records = sorted((r for r in records if r.year is not None), key=lambda r: r.year)
    rows: list[IndicatorYears] = []
    for record in records:
        open_rows = [r for r in rows if record.year not in r.cells]
        unmatched = []
        for indicator in record.table.indicators:
            row = next((r for r in open_rows if _same_indicator(r.latest, indicator, library, config)), None)
            if row is None:
                unmatched.append(indicator)
            else:
                open_rows.remove(row)
                row.add(record, indicator)
        for indicator in unmatched:
            # Last chance: the only open row of the same category measuring the same thing ('满意度' / '市民满意度').
            alike = [r for r in open_rows if r.category == indicator.category and head_word(r.name) == head_word(indicator.name)]
            if len(alike) == 1 and sum(
                1 for i in unmatched if i.category == indicator.category and head_word(i.name) == head_word(indicator.name)
            ) == 1:
                row = alike[0]
                open_rows.remove(row)
            else:
                row = IndicatorYears(compact(indicator.name), indicator.category)
                rows.append(row)
            row.add(record, indicator)
    years = [r.year for r in records]
    for row in rows:
        for before_year, year in zip(years, years[1:]):
            before, after = row.cells.get(before_year), row.cells.get(year)
            if before is None and after is not None:
                row.changes.append(Change(year, "added", "", after.target_text))
            elif before is not None and after is None:
                row.changes.append(Change(year, "removed", before.target_text, ""))
            elif before is not None and (change := _compare(before, after, year)) is not None:
                row.changes.append(change)
    order = {c: n for n, c in enumerate(CATEGORIES)}
    rows.sort(key=lambda r: order.get(r.category, len(order)))
    return YearOnYear(years, {r.year: r for r in records}, rows)


def next_year_table(record: ProjectRecord) -> tuple[TargetTable, dict[str, str]]:
    """Next year's draft: this year's table for year + 1 (the period extended to cover it) and, by
    indicator name, this year's actual to show beside each target."""
    table = copy.deepcopy(record.table)
    table.year = (record.year or 0) + 1
    if table.period_end is not None and table.period_end < table.year:
        table.period_end = table.year
    table.warnings = []
    table.source = None
    table.sources = {}
    beside = {i.name: actual for i in record.table.indicators if (actual := record.actual_of(i))}
    return table, beside


def budget_change(before: Decimal | None, after: Decimal | None) -> Decimal | None:
    """Change of the budget in percent (None when either year has none)."""
    if not before or after is None:
        return None
    return (after - before) / before * 100
