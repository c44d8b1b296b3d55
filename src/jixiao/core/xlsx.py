"""Excel (.xlsx) 项目绩效目标表: one sheet per project in the official layout, plus a summary sheet.

``write_xlsx(tables, dest)``; reading is ``xlsx_reader``.
"""

from __future__ import annotations

import re
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from jixiao.core.categories import BLOCK_LEVEL1, block_of
from jixiao.core.layout import (
    FACT_LABELS,
    GRID_HEADERS,
    TITLE,
    annual_goal_label,
    budget_label,
    indicator_rows,
)
from jixiao.core.model import Document, TargetTable

SUMMARY_SHEET = "汇总"
WIDTHS = (12, 12, 16, 30, 20, 20)
_THIN = Side(style="thin", color="000000")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
_LEFT = Alignment(horizontal="left", vertical="center", wrap_text=True)
_BOLD = Font(bold=True)


# --- writing -------------------------------------------------------------------------------

# A spreadsheet takes text starting with these for a formula (or runs it as one once the cell is
# edited): such text is written as text, with Excel's quote prefix, and shows as typed.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def save(wb: Workbook, dest) -> None:
    """Save a workbook Jixiao wrote; no text in it becomes a formula (Jixiao writes none)."""
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and cell.value.startswith(FORMULA_START):
                    cell.data_type = "s"
                    cell.quotePrefix = True
    wb.properties.creator = "Jixiao"
    wb.save(dest)



def _tables(tables) -> list[TargetTable]:
    return list(tables.tables if isinstance(tables, Document) else tables)


def _sheet_title(n: int, name: str, used: set[str]) -> str:
    base = re.sub(r"[\[\]:*?/\\]", "", name).strip() or "项目"
    title = f"{n}.{base}"[:31]
    while title in used:
        title = f"{n}.{base}"[:28] + f"~{len(used)}"
    used.add(title)
    return title


def print_setup(ws, *, landscape: bool, unit: str = "", year: int | None = None) -> None:
    """A4 one page wide; the unit and year at the top of every printed page, page numbers below."""
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = ws.ORIENTATION_LANDSCAPE if landscape else ws.ORIENTATION_PORTRAIT
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.oddHeader.left.text = (unit or "").replace("&", "&&")  # '&' starts a header code
    ws.oddHeader.right.text = f"{year}年度" if year else ""
    ws.oddFooter.center.text = "第 &P 页 共 &N 页"


def _lines(text: str, width: int) -> int:
    units = sum(2 if ord(ch) > 0x2E7F else 1 for ch in text)
    return max(1, -(-units // max(width - 2, 1)))


class _SheetWriter:
    def __init__(self, ws):
        self.ws = ws
        self.row = 1

    def put(self, row: int, col: int, value, *, align=_CENTER, bold=False, text=True):
        cell = self.ws.cell(row=row, column=col, value=value)
        cell.alignment = align
        cell.border = _BORDER
        if text and isinstance(value, str):
            cell.number_format = "@"
        if bold:
            cell.font = _BOLD
        return cell

    def merge(self, r1: int, c1: int, r2: int, c2: int) -> None:
        for r in range(r1, r2 + 1):
            for c in range(c1, c2 + 1):
                self.ws.cell(row=r, column=c).border = _BORDER
        if (r1, c1) != (r2, c2):
            self.ws.merge_cells(start_row=r1, start_column=c1, end_row=r2, end_column=c2)

    def wide(self, label: str, value, *, align=_LEFT) -> None:
        """A label in column A and its value across B:F."""
        self.put(self.row, 1, label, bold=True)
        self.put(self.row, 2, value, align=align, text=not isinstance(value, (int, Decimal)))
        self.merge(self.row, 2, self.row, 6)
        self.fit(self.row, str(value), sum(WIDTHS[1:]))
        self.row += 1

    def fit(self, row: int, text: str, width: int) -> None:
        height = 16 * _lines(text, width) + 4
        current = self.ws.row_dimensions[row].height or 0
        self.ws.row_dimensions[row].height = max(current, height)


def _start(ws, title: str, widths, *, size: int = 16) -> _SheetWriter:
    """Column widths, and the title across them in row 1; writing goes on at row 2."""
    for n, width in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(n)].width = width
    cell = ws.cell(row=1, column=1, value=title)
    cell.font = Font(bold=True, size=size)
    cell.alignment = _CENTER
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(widths))
    ws.row_dimensions[1].height = size * 2 - 2
    w = _SheetWriter(ws)
    w.row = 2
    return w


def _write_table(ws, table: TargetTable) -> None:
    w = _start(ws, TITLE, WIDTHS)
    for attr, label in FACT_LABELS:
        w.wide(label, getattr(table, attr))
    w.put(w.row, 1, "实施周期", bold=True)
    w.put(w.row, 2, "起始年度")
    w.put(w.row, 3, table.period_start, text=False)
    w.put(w.row, 4, "到期年度")
    w.put(w.row, 5, table.period_end, text=False)
    w.merge(w.row, 5, w.row, 6)
    w.row += 1
    w.wide(budget_label(table.year), table.budget)
    ws.cell(row=w.row - 1, column=2).number_format = "#,##0.00"

    top = w.row
    for label, text in (
        ("实施周期总目标", table.goals.period),
        (annual_goal_label(table.year), table.goals.annual),
    ):
        w.put(w.row, 2, label, bold=True)
        w.merge(w.row, 2, w.row, 6)
        w.put(w.row + 1, 2, text, align=_LEFT)
        w.merge(w.row + 1, 2, w.row + 1, 6)
        w.fit(w.row + 1, text, sum(WIDTHS[1:]))
        w.row += 2
    w.put(top, 1, "总体绩效目标", bold=True)
    w.merge(top, 1, w.row - 1, 1)

    top = w.row
    for col, header in enumerate(GRID_HEADERS, 2):
        w.put(w.row, col, header, bold=True)
    w.row += 1
    for grid_row in indicator_rows(table):
        r = w.row
        if grid_row.level1_span:
            w.put(r, 2, grid_row.level1)
        if grid_row.level2_span:
            w.put(r, 3, grid_row.level2)
        w.put(r, 4, grid_row.name, align=_LEFT)
        w.put(r, 5, grid_row.period)
        w.put(r, 6, grid_row.annual)
        if grid_row.level1_span:
            w.merge(r, 2, r + grid_row.level1_span - 1, 2)
        if grid_row.level2_span:
            w.merge(r, 3, r + grid_row.level2_span - 1, 3)
        w.fit(r, grid_row.name, WIDTHS[3])
        w.fit(r, max(grid_row.period, grid_row.annual, key=len), WIDTHS[4])
        w.row += 1
    w.put(top, 1, "绩效指标", bold=True)
    w.merge(top, 1, w.row - 1, 1)

    print_setup(ws, landscape=False, unit=table.unit, year=table.year)
    ws.page_margins.left = ws.page_margins.right = 0.5


STATUS_HEADER = "审核状态"
SUMMARY_WIDTHS = (6, 36, 26, 10, 16, 8, 9, 9, 9, 10, 12)
SUMMARY_HEADERS = ("序号", "项目名称", "项目类型", "项目等级", "年度预算金额（元）", "指标数",
                   *BLOCK_LEVEL1.values())


def _write_summary(ws, tables: list[TargetTable], statuses=None) -> None:
    units = {t.unit for t in tables if t.unit}
    years = {t.year for t in tables if t.year}
    heading = "".join(
        [next(iter(units)) if len(units) == 1 else "", f"{next(iter(years))}年" if len(years) == 1 else ""]
    )
    headers = SUMMARY_HEADERS + ((STATUS_HEADER,) if statuses is not None else ())
    w = _start(ws, f"{heading}项目绩效目标汇总表", SUMMARY_WIDTHS[:len(headers)], size=14)
    for col, header in enumerate(headers, 1):
        w.put(2, col, header, bold=True)
    totals = [0] * 5
    for n, table in enumerate(tables, 1):
        blocks = [block_of(i.category, i.level1) for i in table.indicators]
        counts = [len(table.indicators)] + [blocks.count(b) for b in BLOCK_LEVEL1]
        totals = [a + b for a, b in zip(totals, counts)]
        values = [n, table.name, table.type, table.level, table.budget, *counts]
        if statuses is not None:
            values.append(statuses[n - 1] or "")
        for col, value in enumerate(values, 1):
            cell = w.put(n + 2, col, value, align=_LEFT if col in (2, 3) else _CENTER)
            if col == 5:
                cell.number_format = "#,##0.00"
    last = len(tables) + 3
    w.put(last, 1, "合计", bold=True)
    w.merge(last, 1, last, 4)
    budget = sum((t.budget for t in tables if t.budget is not None), Decimal(0))
    w.put(last, 5, budget).number_format = "#,##0.00"
    for col, value in enumerate(totals, 6):
        w.put(last, col, value)
    if statuses is not None:
        w.put(last, len(headers), "")
    print_setup(ws, landscape=True, unit=next(iter(units)) if len(units) == 1 else "",
                year=next(iter(years)) if len(years) == 1 else None)


def write_xlsx(tables, dest, *, statuses=None) -> None:
    """Write a workbook: a 汇总 sheet, then one 项目绩效目标表 sheet per table.

    ``tables``: a list of TargetTable or a Document; ``dest``: a path or a binary file object;
    ``statuses``: optional 审核状态 labels, one per table, added as a summary column.
    """
    tables = _tables(tables)
    if statuses is not None and len(statuses) != len(tables):
        raise ValueError(f"{len(tables)} tables but {len(statuses)} statuses")
    wb = Workbook()
    _write_summary(wb.active, tables, statuses)
    wb.active.title = SUMMARY_SHEET
    used = {SUMMARY_SHEET}
    for n, table in enumerate(tables, 1):
        _write_table(wb.create_sheet(_sheet_title(n, table.name, used)), table)
    save(wb, dest)


def write_table_sheet_xlsx(table: TargetTable, dest) -> None:
    """One table's sheet alone, no summary (the blank template people fill in)."""
    wb = Workbook()
    wb.active.title = _sheet_title(1, table.name or TITLE, set())
    _write_table(wb.active, table)
    save(wb, dest)


# --- 项目支出绩效自评表 ------------------------------------------------------------------------

EVALUATION_WIDTHS = (10, 12, 12, 20, 13, 13, 8, 8, 28)
_POINTS = "0.00"


def _number(w: _SheetWriter, row: int, col: int, value, number_format: str, empty: str = ""):
    cell = w.put(row, col, empty if value is None else value, text=value is None)
    if value is not None:
        cell.number_format = number_format
    return cell


def _write_evaluation(ws, sheet) -> None:
    from jixiao.core import evaluation_layout as el

    w = _start(ws, sheet.title, EVALUATION_WIDTHS)
    last = len(EVALUATION_WIDTHS)
    r = 2
    for label, value in sheet.facts:
        w.put(r, 1, label, bold=True)
        w.put(r, 2, value, align=_LEFT)
        w.merge(r, 2, r, last)
        r += 1

    top = r
    w.merge(r, 2, r, 3)
    for col, header in enumerate(el.FUNDS_HEADERS, 4):
        w.put(r, col, header, bold=True)
    r += 1
    for funds in sheet.funds:
        w.put(r, 2, funds.label, align=_LEFT)
        w.merge(r, 2, r, 3)
        for col, amount in enumerate((funds.initial, funds.full_year, funds.spent), 4):
            _number(w, r, col, amount, "#,##0.00####")
        if funds.scored:
            _number(w, r, 7, funds.weight, _POINTS)
            _number(w, r, 8, funds.rate, "0.00%")
            _number(w, r, 9, funds.score, _POINTS)
        else:
            for col in (7, 8, 9):
                w.put(r, col, el.DASH)
        r += 1
    w.put(top, 1, el.FUNDS_LABEL, bold=True)
    w.merge(top, 1, r - 1, 1)

    w.put(r, 1, el.GOALS_LABEL, bold=True)
    w.merge(r, 1, r + 1, 1)
    for (c1, c2), header, text in zip(((2, 5), (6, last)), el.GOALS_HEADERS, (sheet.goal_expected, sheet.goal_actual)):
        w.put(r, c1, header, bold=True)
        w.merge(r, c1, r, c2)
        w.put(r + 1, c1, text, align=_LEFT)
        w.merge(r + 1, c1, r + 1, c2)
        w.fit(r + 1, text, sum(EVALUATION_WIDTHS[c1 - 1:c2]))
    r += 2

    top = r
    for col, header in enumerate(el.GRID_HEADERS, 2):
        w.put(r, col, header, bold=True)
    r += 1
    for row in sheet.rows:
        if row.block_span:
            w.put(r, 2, row.block)
            w.merge(r, 2, r + row.block_span - 1, 2)
        if row.level2_span:
            w.put(r, 3, row.level2)
            w.merge(r, 3, r + row.level2_span - 1, 3)
        w.put(r, 4, row.name, align=_LEFT)
        w.put(r, 5, row.target)
        w.put(r, 6, row.actual)
        if row.weight is None:
            w.put(r, 7, row.weight_text)
            w.put(r, 8, row.score_text)
        else:
            _number(w, r, 7, row.weight, _POINTS)
            _number(w, r, 8, row.score, _POINTS)
        w.put(r, 9, row.deviation, align=_LEFT)
        for text, col in ((row.name, 4), (row.target, 5), (row.actual, 6), (row.deviation, 9)):
            w.fit(r, text, EVALUATION_WIDTHS[col - 1])
        r += 1
    w.put(top, 1, el.GRID_LABEL, bold=True)
    w.merge(top, 1, r - 1, 1)

    w.put(r, 1, "总分", bold=True)
    w.merge(r, 1, r, 6)
    _number(w, r, 7, sheet.total_weight, _POINTS)
    _number(w, r, 8, sheet.total, _POINTS).font = _BOLD
    w.put(r, 9, f"等级：{sheet.grade}", bold=True)
    if sheet.rules:
        r += 1
        w.put(r, 1, sheet.rules, align=_LEFT)
        w.merge(r, 1, r, 9)
    print_setup(ws, landscape=True, unit=sheet.unit, year=sheet.year)
    ws.print_title_rows = f"{top}:{top}"  # the grid's header row on every printed page


def write_self_evaluation_xlsx(table: TargetTable, evaluation, dest, *, execution=None, goal_actual: str = "",
                               rules: str = "") -> None:
    """Write the 项目支出绩效自评表 of one table as a workbook of one sheet.

    ``evaluation``: the scoring core's ``TableResult``; ``execution``: its ``Execution`` (amounts in
    yuan, shown in 万元); ``goal_actual``: 年度总体目标的实际完成情况; ``rules``: 评分规则：… under the total.
    """
    from jixiao.core.evaluation_layout import evaluation_sheet

    sheet = evaluation_sheet(table, evaluation, execution=execution, goal_actual=goal_actual, rules=rules)
    wb = Workbook()
    wb.active.title = _sheet_title(1, table.name, set())
    _write_evaluation(wb.active, sheet)
    save(wb, dest)


# --- reports (审核报告, 运行监控表) ------------------------------------------------------------


def _report_sheet(ws, report, section, *, facts, texts) -> None:
    """One table section of a report on a sheet of its own, under the report's title; the facts and
    any text sections before it come first. The table's header row repeats on every printed page."""
    table = section.table
    last = len(table.headers)
    w = _start(ws, report.title, table.widths, size=14)
    r = 2
    for label, value in facts:
        w.put(r, 1, label, bold=True)
        w.put(r, 2, value, align=_LEFT)
        w.merge(r, 2, r, last)
        r += 1
    for heading, text in [(s.heading, s.text) for s in texts] + [(section.heading, section.text)]:
        w.put(r, 1, heading, bold=True, align=_LEFT)
        w.merge(r, 1, r, last)
        r += 1
        if text:
            w.put(r, 1, text, align=_LEFT)
            w.merge(r, 1, r, last)
            w.fit(r, text, sum(table.widths))
            r += 1
    header = r
    for col, label in enumerate(table.headers, 1):
        w.put(r, col, label, bold=True)
    r += 1
    for values in table.rows:
        for col, value in enumerate(values, 1):
            if isinstance(value, (int, Decimal)):
                cell = w.put(r, col, value)
                cell.number_format = table.formats.get(col - 1, "General")
            else:
                text = "" if value is None else str(value)
                w.put(r, col, text, align=_LEFT if table.widths[col - 1] >= 16 else _CENTER)
                w.fit(r, text, table.widths[col - 1])
        r += 1
    if not table.rows:
        w.put(r, 1, table.empty, align=_LEFT)
        w.merge(r, 1, r, last)
    print_setup(ws, landscape=True, unit=report.unit, year=report.year)
    ws.print_title_rows = f"{header}:{header}"


def write_report_xlsx(report, dest) -> None:
    """Write a ``report_layout.Report``: one sheet per table section, named after it."""
    wb = Workbook()
    wb.remove(wb.active)
    texts, facts = [], report.facts  # the facts head the first sheet only
    for section in report.sections:
        if section.table is None:
            texts.append(section)
            continue
        title = re.sub(r"[\[\]:*?/\\]", "", section.heading)[:31] or f"表{len(wb.worksheets) + 1}"
        _report_sheet(wb.create_sheet(title), report, section, facts=facts, texts=texts)
        texts, facts = [], []
    save(wb, dest)
