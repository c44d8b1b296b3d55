"""The blank official 项目绩效目标表 to download and fill in (.xlsx and .docx), which the readers
read back as a table of the same shape: every 一级/二级 block of ``CATEGORY_TABLE`` declared, no
indicator yet."""

from __future__ import annotations

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

from jixiao.core.categories import CATEGORY_LEVEL1, CATEGORY_TABLE
from jixiao.core.layout import FACT_LABELS, GRID_HEADERS, TITLE, annual_goal_label, budget_label, indicator_rows
from jixiao.core.model import Section, TargetTable

FILE_NAME = "项目绩效目标表（空白模板）"


def blank_table(year: int | None = None) -> TargetTable:
    """No facts but the budget year (printed in the budget's label, where readers take it from)."""
    return TargetTable(year=year, sections=[Section(CATEGORY_LEVEL1[c.code], c.label, c.code) for c in CATEGORY_TABLE])


def write_template_xlsx(dest, year: int | None = None) -> None:
    from jixiao.core.xlsx import write_table_sheet_xlsx

    write_table_sheet_xlsx(blank_table(year), dest)


def write_template_docx(dest, year: int | None = None) -> None:
    """The same table as the Excel template, as one Word table of six columns."""
    from jixiao.core.docx_report import _document

    table = blank_table(year)
    doc = _document()
    title = doc.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = title.add_run(TITLE)
    run.bold, run.font.size = True, Pt(16)
    # Label | value rows, as the published Word tables the reader knows put them.
    rows: list[list[str]] = [[label, "", "", "", "", ""] for _, label in FACT_LABELS]
    period = len(rows)
    rows.append(["实施周期", "起始年度", "", "到期年度", "", ""])
    rows += [[label, "", "", "", "", ""] for label in (budget_label(year), "实施周期总目标", annual_goal_label(year))]
    values = len(rows)
    rows.append(["绩效指标", *GRID_HEADERS])
    rows += [["绩效指标", r.level1, r.level2, "", "", ""] for r in indicator_rows(table)]
    grid = doc.add_table(rows=len(rows), cols=6)
    grid.style = "Table Grid"
    for r, cells in enumerate(rows):
        for c, text in enumerate(cells):
            grid.cell(r, c).text = text
    for r in range(values):  # a value spans the rest of its row
        merged = grid.cell(r, 4).merge(grid.cell(r, 5)) if r == period else grid.cell(r, 1).merge(grid.cell(r, 5))
        merged.text = ""  # one empty paragraph to type in, not one per merged cell
    doc.save(dest)
