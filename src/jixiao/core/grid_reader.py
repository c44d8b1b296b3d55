"""Reading a grid of cells (an Excel sheet, a PDF's ruled tables) into ``TargetTable`` objects.

The writers' side of the official layout is ``layout``; this is its inverse, so export → import is exact.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from jixiao.core.categories import category_of, compact
from jixiao.core.header_block import HeaderBlock
from jixiao.core.layout import GRID_HEADERS, TITLE
from jixiao.core.model import Indicator, ReadError, ReadWarning, Section, Source, TargetTable
from jixiao.core.targets import parse_target
from jixiao.core.vocabulary import Found, header_label



@dataclass
class Cell:
    """A cell as a reader found it. ``merged``: covered by a merged range (text is the range's)."""

    text: str
    where: str
    merged: bool = False
    part: str | None = None  # where it is, for Source: 工作表“Sheet1” or 第2页, its row (1-based), column (0-based)
    row: int | None = None
    column: int | None = None

    def source(self, file: str | None) -> Source | None:
        return Source(file, self.row, self.column, self.part) if self.row is not None else None


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
        self.header: HeaderBlock | None = None
        self.level1 = self.level2 = ""

    def error(self, cell: Cell, message: str) -> ReadError:
        return ReadError(f"{cell.where}：{message}", self.file)

    def feed(self, row: list[Cell]) -> None:
        cells = _texts(row)
        if not cells:
            return
        first = compact(cells[0].text)
        if _starts_table(cells):
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
        self.table = TargetTable(source=cells[0].source(self.file))
        self.tables.append(self.table)
        self.columns = None
        self.header = HeaderBlock(self.table)
        self.level1 = self.level2 = ""
        self.header_row(cells)

    def header_row(self, cells: list[Cell]) -> None:
        places = {n: c.where for n, c in enumerate(cells)}
        self.header.part = cells[0].part
        if not self.header.read([(n, c.text.strip()) for n, c in enumerate(cells)], cells[0].row, places=places):
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
        period_value = parse_target(period, category) if period else None
        annual_value = parse_target(annual, category) if annual else None
        for value, cell_of in ((period_value, cp), (annual_value, ca)):
            if value is not None:
                value.source = cell_of.source(self.file)
        self.table.indicators.append(
            Indicator(self.level1, self.level2, category, name, period_value, annual_value, c3.source(self.file))
        )


def _starts_table(cells: list[Cell]) -> bool:
    """A 项目名称 row (not the column headings of a list, where 项目类型 follows it)."""
    found = header_label(cells[0].text)
    if found is None or found.key != "name":
        return False
    return not (len(cells) > 1 and (header_label(cells[1].text) or Found("")).key == "type")


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
