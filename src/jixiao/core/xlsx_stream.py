"""The workbook of ``xlsx.write_xlsx`` written one table at a time (openpyxl write-only mode).

``StreamingWorkbook(dest, unit=..., year=...)``, then ``add(table, status)`` per table, then
``close()``. Each table's sheet is laid out by the same ``xlsx._write_table`` as the in-memory
writer, drawn into a small recorder and streamed out; the 汇总 sheet gains one row per table. Memory
holds one table and the workbook's shared strings, not the whole workbook.
"""

from __future__ import annotations

from copy import copy
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.cell_range import CellRange, MultiCellRange
from openpyxl.worksheet.worksheet import Worksheet

from jixiao.core import xlsx
from jixiao.core.categories import BLOCK_LEVEL1, block_of
from jixiao.core.model import TargetTable


def _sheet(wb: Workbook, title: str):
    ws = wb.create_sheet(title)
    ws._values_to_row = _cells_to_row  # every row appended here is a list of WriteOnlyCells
    for name in ("PAPERSIZE_A4", "ORIENTATION_LANDSCAPE", "ORIENTATION_PORTRAIT"):  # print_setup uses them
        setattr(ws, name, getattr(Worksheet, name))
    return ws


_SHARED = {id(s) for s in (xlsx._CENTER, xlsx._LEFT, xlsx._BORDER, xlsx._BOLD)}  # module constants


def _key(style):
    """Styles the writers share are told apart by identity: hashing openpyxl's style objects is what
    makes per-cell styling slow. Others (a title's font) by value."""
    return ("id", id(style)) if id(style) in _SHARED else style


def _cells_to_row(cells, row_idx):
    """Rows of ready WriteOnlyCells (or None) as the sheet's writer takes them. openpyxl's own
    ``_values_to_row`` first tries each cell as a value and catches the error: a third of the time."""
    for col_idx, cell in enumerate(cells, 1):
        if cell is not None:
            cell.column, cell.row = col_idx, row_idx
            yield cell


class _Cell:
    """A cell as ``xlsx._write_table`` sets it; turned into a styled WriteOnlyCell on flush."""

    __slots__ = ("value", "alignment", "border", "font", "number_format")

    def __init__(self):
        self.value = self.alignment = self.border = self.font = None
        self.number_format = "General"


class _Styles:
    """One workbook's style ids per combination, so each combination is registered once."""

    def __init__(self):
        self.arrays = {}

    def cell(self, ws, value, *, alignment=None, border=None, font=None, number_format="General"):
        quoted = isinstance(value, str) and value.startswith(xlsx.FORMULA_START)  # as ``xlsx.save`` does
        cell = WriteOnlyCell(ws, value)
        key = (_key(alignment), _key(border), _key(font), number_format, quoted)
        array = self.arrays.get(key)
        if array is None:
            if alignment is not None:
                cell.alignment = alignment
            if border is not None:
                cell.border = border
            if font is not None:
                cell.font = font
            cell.number_format = number_format
            cell.quotePrefix = quoted
            array = self.arrays[key] = copy(cell._style)
        else:
            cell._style = copy(array)
        if quoted:
            cell.data_type = "s"
        return cell


class _Recorder:
    """Enough of a worksheet for ``xlsx._write_table``: cells are kept, then appended row by row."""

    def __init__(self, ws, styles: _Styles):
        self._ws, self._styles = ws, styles
        self.cells: dict[tuple[int, int], _Cell] = {}

    def cell(self, row: int, column: int, value=None):
        cell = self.cells.get((row, column))
        if cell is None:
            cell = self.cells[(row, column)] = _Cell()
        if value is not None:
            cell.value = value
        return cell

    def merge_cells(self, *, start_row, start_column, end_row, end_column):
        self._ws.merged_cells.add(CellRange(min_row=start_row, min_col=start_column,
                                            max_row=end_row, max_col=end_column))

    def __getattr__(self, name):  # dimensions, page setup, header and footer: the real sheet's
        return getattr(self._ws, name)

    def _written(self, c: _Cell):
        return self._styles.cell(self._ws, c.value, alignment=c.alignment, border=c.border, font=c.font,
                                 number_format=c.number_format)

    def flush(self) -> None:
        rows = max((r for r, _ in self.cells), default=0)
        columns = max((c for _, c in self.cells), default=0)
        for r in range(1, rows + 1):
            self._ws.append([self._written(self.cells[(r, c)]) if (r, c) in self.cells else None
                             for c in range(1, columns + 1)])
        self._ws.close()  # its rows go to a temporary file now, not at save
        # Written out: what the sheet kept for writing them would otherwise stay until the save.
        self._ws.merged_cells = MultiCellRange()
        self._ws.row_dimensions.clear()


class StreamingWorkbook:
    def __init__(self, dest, *, unit: str = "", year: int | None = None, statuses: bool = True):
        self.dest = dest
        self.wb = Workbook(write_only=True)
        self.wb.properties.creator = "Jixiao"
        self.styles = _Styles()
        self.summary = _sheet(self.wb, xlsx.SUMMARY_SHEET)
        self.used = {xlsx.SUMMARY_SHEET}
        self.statuses = statuses
        self.count = 0
        self.totals = [0] * 5
        self.budget = Decimal(0)
        self.headers = xlsx.SUMMARY_HEADERS + ((xlsx.STATUS_HEADER,) if statuses else ())
        self._unit, self._year = unit, year
        self._start_summary(unit, year)

    def _cell(self, value, *, align=xlsx._CENTER, bold=False, number_format: str | None = None):
        fmt = number_format or ("@" if isinstance(value, str) else "General")
        return self.styles.cell(self.summary, value, alignment=align, border=xlsx._BORDER,
                                font=xlsx._BOLD if bold else None, number_format=fmt)

    def _start_summary(self, unit: str, year: int | None) -> None:
        ws, widths = self.summary, xlsx.SUMMARY_WIDTHS[:len(self.headers)]
        for n, width in enumerate(widths, 1):
            ws.column_dimensions[get_column_letter(n)].width = width
        title = WriteOnlyCell(ws, f"{unit}{f'{year}年' if year else ''}项目绩效目标汇总表")
        title.font, title.alignment = xlsx.Font(bold=True, size=14), xlsx._CENTER
        ws.row_dimensions[1].height = 26
        ws.append([title])
        ws.merged_cells.add(CellRange(min_row=1, min_col=1, max_row=1, max_col=len(widths)))
        ws.append([self._cell(h, bold=True) for h in self.headers])
        xlsx.print_setup(ws, landscape=True, unit=unit, year=year)

    def add(self, table: TargetTable, status: str | None = None) -> None:
        self.count += 1
        blocks = [block_of(i.category, i.level1) for i in table.indicators]
        counts = [len(table.indicators)] + [blocks.count(b) for b in BLOCK_LEVEL1]
        self.totals = [a + b for a, b in zip(self.totals, counts)]
        if table.budget is not None:
            self.budget += table.budget
        values = [self.count, table.name, table.type, table.level, table.budget, *counts]
        if self.statuses:
            values.append(status or "")
        self.summary.append([
            self._cell(v, align=xlsx._LEFT if col in (2, 3) else xlsx._CENTER,
                       number_format="#,##0.00" if col == 5 else None)
            for col, v in enumerate(values, 1)
        ])
        sheet = _sheet(self.wb, xlsx._sheet_title(self.count, table.name, self.used))
        recorder = _Recorder(sheet, self.styles)
        xlsx._write_table(recorder, table)
        recorder.flush()

    def close(self) -> None:
        last = self.count + 3
        row = [self._cell("合计", bold=True), *(self._cell(None) for _ in range(3)),
               self._cell(self.budget, number_format="#,##0.00"), *(self._cell(v) for v in self.totals)]
        if self.statuses:
            row.append(self._cell(""))
        self.summary.append(row)
        self.summary.merged_cells.add(CellRange(min_row=last, min_col=1, max_row=last, max_col=4))
        self.wb.save(self.dest)
