"""Reading a grid of cells (an Excel sheet, a PDF's ruled tables) into ``TargetTable`` objects.

The writers' side of the official layout is ``layout``; this is its inverse, so export → import is exact.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from jixiao.core.categories import category_of, compact
from jixiao.core.layout import FACT_LABELS, GRID_HEADERS, TITLE
from jixiao.core.model import Indicator, ReadError, ReadWarning, Section, TargetTable
from jixiao.core.targets import parse_target



@dataclass
class Cell:
    """A cell as a reader found it. ``merged``: covered by a merged range (text is the range's)."""

    text: str
    where: str
    merged: bool = False


_FULLWIDTH = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F) if chr(c) not in "（）：；，、！？"}
_FULLWIDTH[0x3000] = 0x20
_OPS = (("≧", "≥"), ("≦", "≤"), (">=", "≥"), ("<=", "≤"), ("=>", "≥"), ("=<", "≤"))


def normalise_target(text: str) -> str:
    """A target as typed by a person → as written in the official tables ('>= 80 %' → '≥80%')."""
    t = text.translate(_FULLWIDTH).strip()
    for typed, sign in _OPS:
        t = t.replace(typed, sign)
    t = re.sub(r"^([≥≤<>=])\s+", r"\1", t)
    return re.sub(r"(\d)\s+%", r"\1%", t)


def _number(text: str) -> Decimal | None:
    t = text.translate(_FULLWIDTH).replace(",", "").replace("，", "").strip()
    t = re.sub(r"元$", "", t).strip()
    try:
        value = Decimal(t)
    except InvalidOperation:
        return None
    return value.quantize(Decimal(1)) if value == value.to_integral_value() else value.normalize()


_YEAR = re.compile(r"(\d{4})")
_ANNUAL_GOAL = re.compile(r"(?:(\d{4})年?)?年度(?:绩效)?目标")
_PERIOD_GOAL = re.compile(r"(?:实施周期|中期|中期滚动)(?:总|滚动)?(?:绩效)?目标")
_BUDGET = re.compile(r".*预算(?:金额|资金|数)?(?:\(|（)?(万?元)?(?:\)|）)?")
_GOALS_BLOCK = {"总体绩效目标", "总体目标", "绩效目标", "年度总体目标"}


def _texts(row: list[Cell]) -> list[Cell]:
    """Non-empty cells, each merged range once (horizontally)."""
    out: list[Cell] = []
    for c in row:
        if not c.text:
            continue
        if c.merged and out and out[-1].text == c.text:
            continue
        out.append(c)
    return out


class _Builder:
    """Walks the grid row by row; a 项目名称 row starts a table."""

    def __init__(self, file: str | None):
        self.file = file
        self.tables: list[TargetTable] = []
        self.table: TargetTable | None = None
        self.columns: dict[str, int] | None = None
        self.pending_goal: str | None = None
        self.level1 = self.level2 = ""

    def error(self, cell: Cell, message: str) -> ReadError:
        return ReadError(f"{cell.where}：{message}", self.file)

    def feed(self, row: list[Cell]) -> None:
        cells = _texts(row)
        if not cells:
            return
        first = compact(cells[0].text)
        if first == "项目名称" and not (len(cells) > 1 and compact(cells[1].text) == "项目类型"):
            self.start(cells)
            return
        if self.table is None or first.endswith(TITLE) and len(cells) == 1:
            return
        if "三级指标" in {compact(c.text) for c in cells}:
            self.grid_header(row)
        elif self.columns is not None:
            self.grid_row(row)
        else:
            self.header_row(cells)

    def start(self, cells: list[Cell]) -> None:
        self.table = TargetTable(name=cells[1].text.strip() if len(cells) > 1 else "")
        self.tables.append(self.table)
        self.columns = None
        self.pending_goal = None
        self.level1 = self.level2 = ""

    def header_row(self, cells: list[Cell]) -> None:
        table = self.table
        labels = [compact(c.text) for c in cells]
        value = cells[1].text.strip() if len(cells) > 1 else ""
        for attr, label in FACT_LABELS:
            if labels[0] == label or (attr == "unit" and labels[0] in ("实施单位", "预算单位")):
                setattr(table, attr, value)
                return
        if labels[0] == "实施周期":
            self.period(cells)
            return
        budget = _BUDGET.fullmatch(labels[0])
        if budget and "预算" in labels[0] and len(cells) > 1:
            amount = _number(value)
            if amount is None:
                raise self.error(cells[1], f"{labels[0]}“{value}”不是数字")
            table.budget = amount * 10000 if budget.group(1) == "万元" else amount
            year = _YEAR.search(labels[0])
            if year:
                table.year = int(year.group(1))
            return
        rest = [c for c, label in zip(cells, labels) if label not in _GOALS_BLOCK]
        self.goal_row(rest)

    def period(self, cells: list[Cell]) -> None:
        slot, found = None, {}
        for cell in cells[1:]:
            word = compact(cell.text).translate(_FULLWIDTH)
            if word in ("起始年度", "到期年度"):
                slot = word
                continue
            years = re.findall(r"\d{4}", word)
            if not years:
                if word in ("至", "-", "—", "～", "~"):
                    continue
                raise self.error(cell, f"实施周期年度“{cell.text}”无法识别")
            if slot:
                found[slot] = int(years[0])
            else:
                found.setdefault("起始年度", int(years[0]))
                found["到期年度"] = int(years[-1])
            slot = None
        self.table.period_start = found.get("起始年度")
        self.table.period_end = found.get("到期年度")

    def goal_row(self, cells: list[Cell]) -> None:
        if not cells:
            return
        label = compact(cells[0].text)
        kind = None
        if _PERIOD_GOAL.fullmatch(label):
            kind = "period"
        elif m := _ANNUAL_GOAL.fullmatch(label):
            kind = "annual"
            if m.group(1) and self.table.year is None:
                self.table.year = int(m.group(1))
        if kind:
            if len(cells) > 1:
                setattr(self.table.goals, kind, cells[1].text.strip())
                self.pending_goal = None
            else:
                self.pending_goal = kind
        elif self.pending_goal:
            setattr(self.table.goals, self.pending_goal, cells[0].text.strip())
            self.pending_goal = None
        else:
            self.table.warnings.append(ReadWarning(None, f"{cells[0].where}：未识别的内容“{cells[0].text}”，已忽略"))

    def grid_header(self, row: list[Cell]) -> None:
        self.columns = {}
        for n, cell in enumerate(row):
            label = compact(cell.text)
            if cell.merged and label in GRID_HEADERS and label in self.columns:
                continue
            if label in GRID_HEADERS[:3]:
                self.columns[label] = n
            elif "指标值" in label or "年度值" in label:
                key = "实施周期指标值" if ("实施周期" in label or "中期" in label) else "当年度指标值"
                self.columns.setdefault(key, n)
        missing = [h for h in ("一级指标", "二级指标", "三级指标", "当年度指标值") if h not in self.columns]
        if missing:
            raise self.error(row[0], f"指标表头缺少“{'、'.join(missing)}”")

    def grid_row(self, row: list[Cell]) -> None:
        def cell(key: str) -> Cell:
            n = self.columns.get(key)
            return row[n] if n is not None and n < len(row) else Cell("", "")

        c1, c2, c3, cp, ca = (cell(k) for k in GRID_HEADERS)
        if len({c.text for c in (c1, c2, c3, cp, ca)}) == 1:
            return  # a note merged across the whole row
        explicit1 = bool(c1.text) and not c1.merged
        if c1.text:
            self.level1 = c1.text.strip()
        if c2.text:
            self.level2 = c2.text.strip()
        elif explicit1:
            self.level2 = ""
        category = category_of(self.level1, self.level2)
        name = c3.text.strip()
        period, annual = normalise_target(cp.text), normalise_target(ca.text)
        section = Section(self.level1, self.level2, category)
        if section not in self.table.sections:
            self.table.sections.append(section)
        if not name and not period and not annual:
            return
        if not name:
            self.table.warnings.append(ReadWarning(None, f"{c3.where}：缺少三级指标名称"))
        self.table.indicators.append(
            Indicator(
                self.level1,
                self.level2,
                category,
                name,
                parse_target(period, category) if period else None,
                parse_target(annual, category) if annual else None,
            )
        )


def tables_from_grid(rows, file: str | None = None) -> list[TargetTable]:
    """Interpret rows of ``Cell`` (a sheet, or a PDF's tables in order) as target tables."""
    builder = _Builder(file)
    for row in rows:
        builder.feed(row)
    for table in builder.tables:
        if table.year is None and table.period_end is not None and table.period_start == table.period_end:
            table.year = table.period_end
        if not table.name:
            table.warnings.append(ReadWarning(None, "缺少项目名称"))
    return builder.tables
