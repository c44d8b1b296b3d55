"""A report as both writers draw it: a title, facts, then sections of text or tables.

The 审核报告 (``review_report``) and the 运行监控表 (``monitoring_report``) are built as a ``Report``
here, in Chinese, with every cell decided; ``xlsx.write_report_xlsx`` and ``pdf.write_report_pdf``
only draw it (landscape A4, the table headers repeated on every page, the unit and page numbers).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from jixiao.core.numbers import money, percent

Value = str | int | Decimal | None

# How a number column reads: its Excel number format and the same for text (PDF).
YUAN = "#,##0.00"
PERCENT = "0.00%"
COUNT = "0"
NUMBER_FORMATS = {
    YUAN: money,
    PERCENT: percent,
    COUNT: lambda v: f"{v}",
}


@dataclass
class ReportTable:
    headers: tuple[str, ...]
    widths: tuple[int, ...]  # relative column widths (Excel characters; shares of the PDF width)
    rows: list[tuple[Value, ...]] = field(default_factory=list)
    formats: dict[int, str] = field(default_factory=dict)  # column → YUAN / PERCENT / COUNT
    empty: str = "（无）"  # what a table without rows says

    def text(self, column: int, value: Value) -> str:
        """A cell as text: numbers in their column's format, None as blank."""
        if value is None:
            return ""
        if isinstance(value, (int, Decimal)) and column in self.formats:
            return NUMBER_FORMATS[self.formats[column]](value)
        return str(value)


@dataclass
class Section:
    heading: str
    text: str = ""
    table: ReportTable | None = None


@dataclass
class Report:
    title: str
    unit: str  # printed at the top of every page
    year: int | None
    facts: list[tuple[str, str]] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)

    @property
    def columns(self) -> int:
        """The widest table's column count (the title and text span it)."""
        return max([len(s.table.headers) for s in self.sections if s.table] + [2])
