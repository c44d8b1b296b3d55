"""The header block of a table (项目名称, 主管部门, 实施周期, 预算, 总体目标 …), for every reader.

A reader hands over each row above the indicator grid as (column, text) cells; labels are found in
``vocabulary.HEADER_LABELS``. A row may hold several label/value pairs (`项目名称 | X | 主管部门 | Y`)
or a label and its value in one cell (`项目名称：X`). Goal text may follow its label on later rows.
Every cell ends up in the table or in a warning.
"""

from __future__ import annotations

import re
from decimal import Decimal

from jixiao.core.model import ReadWarning, Source, TargetTable
from jixiao.core.numbers import canonical, parse_decimal
from jixiao.core.vocabulary import Found, header_label, normal_label

Cells = list[tuple[int, str]]

_CJK = r"\u3000-\u303f\u4e00-\u9fff\uff00-\uffef"
_STRAY_SPACE = re.compile(rf"(?<=[{_CJK}])[ \t\u3000]+(?=[{_CJK}])")
_YEAR = re.compile(r"((?:19|20)\d{2})")
_YEAR_RANGE = re.compile(r"((?:19|20)\d{2})[年.\-/]?(?:\d{1,2}月?)?\s*[-—–~～至到]+\s*((?:19|20)\d{2})[年.\-/]?(?:\d{1,2}月?)?")
_START_WORDS = ("起始年度", "开始年度", "起始年份", "开始时间", "起始时间")
_END_WORDS = ("到期年度", "结束年度", "截止年度", "完成时间", "结束时间", "到期年份")
_JOINERS = ("至", "-", "—", "～", "~", "到")
_MONEY_VALUE = re.compile(r"^(.*?)\s*[(（]?(万元|万|元)[)）]?$")  # '250万' is 250万元
_GOAL_NAMES = {"period": "实施周期总目标", "annual": "年度目标"}


def despace(text: str) -> str:
    """Remove spaces that extraction put between two Chinese characters."""
    if " " not in text and "\u3000" not in text:
        return text
    return _STRAY_SPACE.sub("", text)


class HeaderBlock:
    """Fills one table's header fields from the rows a reader gives it.

    ``file``: recorded in each value's Source, with the row's ``line`` given to ``read`` (no line:
    no sources are kept). ``places`` given to ``read``: where each cell is, for readers whose
    warnings name a cell ('Sheet1!B2'); else warnings carry the line. ``goal_column``: the column goal text
    is expected in (text elsewhere is taken with a warning); None when the reader has no fixed
    columns. (No callbacks into the reader: a table's reader and its header block hold no cycle.)
    """

    def __init__(
        self,
        table: TargetTable,
        file: str | None = None,
        goal_column: int | None = None,
    ):
        self.table = table
        self.file = file
        self.goal_column = goal_column
        self.goal: str | None = None  # the goal whose text may continue on the next rows
        self.line: int | None = None
        self.part: str | None = None  # the sheet, page or table of the rows being read (Source.part)
        self.places: dict[int, str] | None = None
        # The money unit the table states above its facts (金额单位：万元, a 资金情况（万元） heading),
        # for a budget whose label and value name none.
        self.money_unit: str | None = None

    def where(self, column: int | None) -> Source | None:
        # tuple.__new__: Source(...) without its Python-level __new__ (one per header value read)
        return tuple.__new__(Source, (self.file, self.line, column, self.part)) if self.line is not None else None

    def warn(self, message: str, column: int | None) -> None:
        if self.places:  # the cell's address (Sheet1!B2) says where, sheet and row included
            where = self.places.get(column, next(iter(self.places.values())))
            self.table.warnings.append(ReadWarning(None, f"{where}：{message}"))
            return
        self.table.warnings.append(ReadWarning(self.line, message, self.part))

    def read(self, cells: Cells, line: int | None = None, places: dict[int, str] | None = None) -> bool:
        """Take a row of the header block; False (nothing taken) when the row is not one."""
        if not cells:
            return True
        self.line, self.places = line, places
        first = header_label(cells[0][1])
        if first is None:
            if self.goal is None:
                return False
            self._goal_text(self.goal, cells, labelled=False)
            return True
        if len(cells) == 2 and header_label(cells[1][1]) is None:  # label | value, the common row
            self._field(first, cells[0], [cells[1]])
            return True
        for found, label_cell, values in _pairs(cells):
            self._field(found, label_cell, values)
        return True

    # --- one label and its values -------------------------------------------------------------

    def _field(self, found: Found, label: tuple[int, str], values: Cells) -> None:
        key = found.key
        if found.value:
            values = [(label[0], found.value), *values]
        if key == "goals":
            if values:  # text beside the block's label: the goal announced above, else the one goal
                self.goal = self.goal or "annual"
                self._goal_text(self.goal, values, labelled=True)
            return
        if key.startswith("goals."):
            self.goal = key.split(".")[1]
            if found.year and self.table.year is None:
                self.table.year = found.year
                self._source("year", label[0])
            if values:
                self._goal_text(self.goal, values, labelled=True)
            return
        self.goal = None
        if key == "period":
            self._period(values)
        elif key == "budget":
            self._budget(found, label, values)
        else:
            self._fact(key, label[1], values)

    def _fact(self, attr: str, label: str, values: Cells) -> None:
        if not values:
            self.warn(f"“{label}”没有填写内容", None)
            return
        column, value = values[0]
        setattr(self.table, attr, despace(value))
        self._source(attr, column)
        if len(values) > 1:
            self.warn(f"“{label}”后多出的单元格未使用：{' '.join(c for _, c in values[1:])}", values[1][0])

    def _period(self, values: Cells) -> None:
        unused, pending = [], None
        for column, cell in values:
            key = normal_label(cell)
            if key in _START_WORDS:
                pending = "period_start"
            elif key in _END_WORDS:
                pending = "period_end"
            elif key in _JOINERS:
                continue
            elif m := _YEAR_RANGE.search(key):
                self._set_year("period_start", int(m.group(1)), column)
                self._set_year("period_end", int(m.group(2)), column)
            elif (m := _YEAR.search(key)) and pending:
                self._set_year(pending, int(m.group(1)), column)
                pending = None
            elif m:
                attr = "period_start" if self.table.period_start is None else "period_end"
                self._set_year(attr, int(m.group(1)), column)
            else:
                unused.append(cell)
        if unused:
            self.warn(f"实施周期中未能识别的内容：{' '.join(unused)}", None)
        t = self.table
        if t.period_start and t.period_end is None and not unused:
            t.period_end = t.period_start  # one year given: the period is that year
            if "period_start" in t.sources:
                t.sources["period_end"] = t.sources["period_start"]
        if t.period_start and t.period_end and t.period_start > t.period_end:
            self.warn(f"实施周期起始年度 {t.period_start} 晚于到期年度 {t.period_end}", None)

    def _set_year(self, attr: str, year: int, column: int) -> None:
        setattr(self.table, attr, year)
        self._source(attr, column)

    def _budget(self, found: Found, label: tuple[int, str], values: Cells) -> None:
        if found.year:
            self.table.year = found.year
            self._source("year", label[0])
        if not values:
            self.warn("年度预算金额没有填写", None)
            return
        column, text = values[0]
        amount, unit = budget_amount(text, found.money_unit, self.money_unit)
        if amount is None:
            self.warn(f"年度预算金额“{text}”不是数字，未使用", column)
        else:
            self.table.budget = amount
            self._source("budget", column)
            if found.money_unit is None and unit == "万元":
                self.warn(f"年度预算金额“{text}”按万元换算为元", column)
        if len(values) > 1:
            self.warn(f"年度预算金额后多出的单元格未使用：{' '.join(c for _, c in values[1:])}", values[1][0])

    def _goal_text(self, goal: str, cells: Cells, labelled: bool) -> None:
        column = cells[0][0]
        if self.goal_column is not None and column != self.goal_column and not labelled:
            self.warn(f"目标文字位于第{column + 1}列（应在第{self.goal_column + 1}列），已归入{_GOAL_NAMES[goal]}", column)
        text = "\n".join(c for _, c in cells)
        old = getattr(self.table.goals, goal)
        setattr(self.table.goals, goal, f"{old}\n{text}" if old else text)
        if f"goals.{goal}" not in self.table.sources:
            self._source(f"goals.{goal}", column)

    def _source(self, key: str, column: int | None) -> None:
        if self.line is not None:  # as self.where(column), one call fewer (one per header value read)
            self.table.sources[key] = tuple.__new__(Source, (self.file, self.line, column, self.part))


def budget_amount(text: str, label_unit: str | None, stated_unit: str | None = None) -> tuple[Decimal | None, str | None]:
    """A budget cell in yuan: the unit is the label's, else one written after the number, else the one
    the table states above it (``stated_unit``)."""
    unit = label_unit or stated_unit
    m = _MONEY_VALUE.match(text.strip())
    if m and m.group(1):
        text, unit = m.group(1), label_unit or m.group(2)
    amount = parse_decimal(text)
    if amount is None:
        return None, unit
    unit = "万元" if unit == "万" else unit
    amount = amount * 10000 if unit == "万元" else amount
    return canonical(amount), unit  # 150000.00 and 150000 are one budget, whatever a sheet's format


def _pairs(cells: Cells) -> list[tuple[Found, tuple[int, str], Cells]]:
    """Split a row into (label, its values) runs; the first cell is a label."""
    out: list[tuple[Found, tuple[int, str], Cells]] = []
    for column, text in cells:
        found = header_label(text)
        if found is None:
            out[-1][2].append((column, text))
        elif found.key == "goals" and out:
            continue  # 总体绩效目标 repeated beside a goal label (merged cell)
        else:
            out.append((found, (column, text), []))
    return out
