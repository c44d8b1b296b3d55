"""A document of any text shape → its tables (the general reader behind ``io.read_upload``)."""

from __future__ import annotations

from jixiao.core.limits import DEFAULT, Limits, over
from collections.abc import Callable

from jixiao.core.model import Document, ReadError, ReadWarning, Source
from jixiao.core.reading import script
from jixiao.core.reading.recognise import tables_from_rows
from jixiao.core.reading.text_grid import Row, rows_from_text

NO_TABLE = "没有找到绩效目标表或自评表：文档中没有可识别的指标表格（一级指标/二级指标/三级指标）"


def check_rows(rows: list[Row], limits: Limits, file: str | None) -> None:
    """Cells and characters per cell within the limits, before any recognition."""
    cells = 0
    for row in rows:
        cells += len(row.cells)
        if cells > limits.max_cells:
            raise over("文档的单元格", limits.max_cells, "max_cells", file)
        for _, text in row.cells:
            if len(text) > limits.max_cell_chars:
                raise over(f"第{row.line}行的一个单元格", limits.max_cell_chars, "max_cell_chars", file)


def read_text_tables(text: str, file: str | None = None, limits: Limits = DEFAULT) -> Document:
    """Read every target or self-evaluation table in text of any separator shape."""
    rows, repairs = rows_from_text(text)
    return read_rows(rows, file, repairs, limits)


def read_html(text: str, file: str | None = None, limits: Limits = DEFAULT) -> Document:
    """Read the tables of a saved web page."""
    from jixiao.core.reading.html_grid import rows_from_html

    return read_rows(rows_from_html(text, limits, file), file, limits=limits)


def read_docx(data: bytes, file: str | None = None, limits: Limits = DEFAULT) -> Document:
    """Read the tables of a Word document."""
    from jixiao.core.reading.docx_grid import rows_from_docx

    return read_rows(rows_from_docx(data, file, limits), file, limits=limits)


def _simplify_cells(rows: list[Row]) -> bool:
    """Cells of a table in traditional script (a Word, Excel or web table) in simplified characters."""
    if script.simplified("".join(text for row in rows for _, text in row.cells)) is None:
        return False
    for row in rows:
        row.cells = [(column, script.convert(text)) for column, text in row.cells]
    return True


def relocate(doc: Document, place: Callable[[int], tuple[str | None, int]]) -> Document:
    """Sources and warnings given as lines of a text joined from parts (the pages of a PDF) moved to
    their part: ``place(line)`` → (part, line within the part)."""

    def moved(source: Source | None) -> Source | None:
        if source is None or source.line is None or source.part is not None:
            return source
        part, line = place(source.line)
        return source._replace(line=line, part=part)

    def warnings(items: list[ReadWarning]) -> None:
        for w in items:
            if w.line is not None and w.part is None:
                w.part, w.line = place(w.line)

    warnings(doc.warnings)
    for t in doc.tables:
        warnings(t.warnings)
        t.source = moved(t.source)
        t.sources = {k: moved(v) for k, v in t.sources.items()}
        for i in t.indicators:
            i.source = moved(i.source)
            for value in (i.period_target, i.annual_target):
                if value is not None:
                    value.source = moved(value.source)
    return doc


def read_rows(rows: list[Row], file: str | None, repairs: list[str] = (), limits: Limits = DEFAULT) -> Document:
    check_rows(rows, limits, file)
    if script.REPAIR not in repairs and _simplify_cells(rows):
        repairs = [*repairs, script.REPAIR]
    tables, warnings = tables_from_rows(rows, file)
    if not tables:
        raise ReadError(NO_TABLE, file, 1)
    return Document(tables=tables, warnings=[ReadWarning(None, r) for r in repairs] + warnings, file=file)
