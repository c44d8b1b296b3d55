"""Text dumps of exported files, for golden-file comparison: every cell of a workbook, the text
layer of each PDF page, the paragraphs and table cells of a Word document."""

from __future__ import annotations

import json

import pdfplumber
from docx import Document as WordDocument
from openpyxl import load_workbook


def _value(value) -> str:
    """The value with its type, so that 150000 (a number) and '150000' (text) differ."""
    if value is None:
        return "-"
    kind = type(value).__name__
    return f"{kind} {json.dumps(value, ensure_ascii=False) if isinstance(value, str) else value}"


def dump_xlsx(path) -> str:
    """Per sheet: title, print setup, merged ranges, column widths, then one line per non-empty cell:
    coordinate, type and value, number format (when not General)."""
    wb = load_workbook(path)
    lines: list[str] = []
    for ws in wb.worksheets:
        setup = ws.page_setup
        lines += [
            f"== sheet {json.dumps(ws.title, ensure_ascii=False)}",
            f"print: paper={setup.paperSize} orientation={setup.orientation} fitToWidth={setup.fitToWidth} "
            f"fitToHeight={setup.fitToHeight} titleRows={ws.print_title_rows} footer={ws.oddFooter.center.text!r}",
            "merged: " + " ".join(sorted(str(r) for r in ws.merged_cells.ranges)),
            "widths: " + " ".join(f"{k}={d.width:g}" for k, d in sorted(ws.column_dimensions.items()) if d.width),
        ]
        for row in ws.iter_rows():
            for cell in row:
                if cell.value is None:
                    continue
                fmt = "" if cell.number_format == "General" else f"\t[{cell.number_format}]"
                lines.append(f"{cell.coordinate}\t{_value(cell.value)}{fmt}")
    return "\n".join(lines) + "\n"


def dump_pdf(path) -> str:
    """The text layer of each page (pdfplumber), page by page."""
    lines: list[str] = []
    with pdfplumber.open(path) as pdf:
        for n, page in enumerate(pdf.pages, 1):
            lines.append(f"== page {n} ({round(page.width)}×{round(page.height)} pt)")
            lines.append(page.extract_text() or "")
    return "\n".join(lines) + "\n"


def dump_docx(path) -> str:
    """The paragraphs (with their style) in order, then each table row by row, cells joined by tabs."""
    doc = WordDocument(path)
    lines = [f"[{p.style.name}] {p.text}" for p in doc.paragraphs]
    for n, table in enumerate(doc.tables, 1):
        lines.append(f"== table {n}")
        for row in table.rows:
            lines.append("\t".join(json.dumps(c.text, ensure_ascii=False) for c in row.cells))
    return "\n".join(lines) + "\n"
