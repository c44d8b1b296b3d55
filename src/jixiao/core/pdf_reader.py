"""Reading published PDFs (pdfplumber): ruled tables cell by cell (merged cells included); a PDF
without table lines goes through the published-text reader and its column repair."""

from __future__ import annotations

import io
import os
from dataclasses import replace

from jixiao.core.grid_reader import Cell, tables_from_grid
from jixiao.core.limits import DEFAULT, Limits, over, read_source
from jixiao.core.model import Document, ReadError


def _join_lines(text: str | None) -> str:
    """Cell text wraps onto several lines; undo the wrapping (no space is added between lines)."""
    return "".join(text.split("\n")).replace("\u00a0", " ") if text else ""


def _table_rows(page, table, page_no: int, columns: list[float]) -> list[list[Cell]]:
    """Rows of Cell for one ruled table; a cell covered by a merged cell gets that cell's text.

    ``columns``: left edges of the table columns seen so far; a table continued on a new page can
    lose a column whose merged cell ended above, so cells are placed by their x position. A merged
    cell cut by a page break has no closed rectangle; its text is read from the region it covers.
    """
    texts = table.extract(keep_blank_chars=True)
    lefts = [col.bbox[0] for col in table.columns]
    if not columns or len(lefts) >= len(columns):
        columns[:] = lefts
    place = [min(range(len(columns)), key=lambda j: abs(columns[j] - x)) for x in lefts]
    found: dict[tuple, str] = {}
    open_regions: dict[int, tuple[int, str]] = {}  # column → (last row covered, text)
    rows: list[list[Cell]] = []
    for r, (row, data) in enumerate(zip(table.rows, texts)):
        out = [Cell("", f"第{page_no}页 表格第{r + 1}行第{j + 1}列", part=f"第{page_no}页", row=r + 1, column=j)
               for j in range(len(columns))]
        for c, (bbox, text) in enumerate(zip(row.cells, data)):
            blank = out[place[c]]
            if bbox is not None:
                found[tuple(bbox)] = _join_lines(text).strip()
                out[place[c]] = replace(blank, text=found[tuple(bbox)])
                continue
            x0 = lefts[c]
            x1 = lefts[c + 1] if c + 1 < len(lefts) else table.bbox[2]
            x, y = (x0 + x1) / 2, (row.bbox[1] + row.bbox[3]) / 2
            owner = next((s for s in table.cells if s[0] <= x <= s[2] and s[1] <= y <= s[3]), None)
            if owner:
                out[place[c]] = replace(blank, text=found.get(tuple(owner), ""), merged=True)
                continue
            last, value = open_regions.get(c, (-1, ""))
            if r > last:
                last = next((n - 1 for n in range(r + 1, len(table.rows)) if table.rows[n].cells[c]), len(table.rows) - 1)
                area = (x0, row.bbox[1], x1, table.rows[last].bbox[3])
                value = _join_lines(page.crop(area, strict=False).extract_text(keep_blank_chars=True)).strip()
                open_regions[c] = (last, value)
                out[place[c]] = replace(blank, text=value)
            else:
                out[place[c]] = replace(blank, text=value, merged=bool(value))
        rows.append(out)
    return rows


def _text_lines(page) -> list[str]:
    """Lines of a page without ruled tables, cells separated by tabs where words are far apart."""
    words = page.extract_words(keep_blank_chars=False, use_text_flow=False, x_tolerance=1.5)
    lines: list[list[dict]] = []
    for word in sorted(words, key=lambda w: (round(w["top"]), w["x0"])):
        if lines and abs(lines[-1][0]["top"] - word["top"]) < 3:
            lines[-1].append(word)
        else:
            lines.append([word])
    out = []
    for line in lines:
        line.sort(key=lambda w: w["x0"])
        text = line[0]["text"]
        for prev, word in zip(line, line[1:]):
            gap = word["x0"] - prev["x1"]
            text += ("\t" if gap > 8 else " " if gap > 2 else "") + word["text"]
        out.append(text)
    return out


def _open(path_or_file, name: str | None, limits: Limits):
    import pdfplumber

    data = read_source(path_or_file, limits)
    if not data.lstrip()[:5] == b"%PDF-":
        raise ReadError("不是 PDF 文件（文件头不是 %PDF），无法读取", name)
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
        pdf.pages  # noqa: B018  (parses the page tree now, so damage shows here)
        return pdf
    except Exception as exc:  # pdfminer raises many kinds on damaged or encrypted files
        kind = type(exc).__name__
        if "Password" in kind or "Encrypt" in kind:
            raise ReadError("PDF 设有密码，请先取消密码再导入", name) from None
        raise ReadError(f"PDF 文件已损坏，无法读取（{kind}）", name) from None


def read_pdf(path_or_file, file: str | None = None, limits: Limits = DEFAULT) -> Document:
    """Read the 项目绩效目标表 of a PDF: ruled tables first, else the text reader's column repair."""
    name = file or (os.fspath(path_or_file) if isinstance(path_or_file, (str, os.PathLike)) else None)
    pdf = _open(path_or_file, name, limits)
    if len(pdf.pages) > limits.max_pages:
        pdf.close()
        raise over("PDF 页数", limits.max_pages, "max_pages", name)
    chars = 0
    try:
        grid: list[list[Cell]] = []
        columns: list[float] = []
        lines: list[str] = []
        starts: list[tuple[int, int]] = []  # (first line in ``lines``, page number)
        has_text = False
        for n, page in enumerate(pdf.pages, 1):
            try:
                chars += len(page.chars)  # images are never read: only the text layer and the rules
                if chars > limits.max_chars:
                    raise over("PDF 文字层的字符", limits.max_chars, "max_chars", name)
                if page.chars:
                    has_text = True
                tables = page.find_tables()
                for table in tables:
                    grid += _table_rows(page, table, n, columns)
                if not tables:
                    page_lines = _text_lines(page)
                    starts.append((len(lines) + 1, n))
                    lines += page_lines
            except ReadError:
                raise
            except Exception as exc:
                raise ReadError(f"第{n}页无法解析（{type(exc).__name__}）", name) from None
    finally:
        pdf.close()
    if not has_text:
        raise ReadError("PDF 没有文字层（可能是扫描图片），无法读取；请使用原始电子文件或先做文字识别（OCR）", name)
    tables = tables_from_grid(grid, name) if grid else []
    if tables:
        return Document(tables=tables, file=name)
    from jixiao.core.header_block import despace
    from jixiao.core.published import is_published_layout, read_published
    from jixiao.core.reading.documents import read_text_tables

    from jixiao.core.reading.documents import relocate

    def page_of(line: int) -> tuple[str, int]:
        first, page = max((s for s in starts if s[0] <= line), default=(1, 1))
        return f"第{page}页", line - first + 1

    text = "\n".join(despace(line) for line in lines)
    try:
        if is_published_layout(text):
            return relocate(read_published(text, file=name), page_of)
        return relocate(read_text_tables(text, name, limits), page_of)  # another province's template, as text
    except ReadError as e:
        if e.line is None or e.part is not None or not starts:
            raise
        part, line = page_of(e.line)
        raise ReadError(e.message, e.file, line, part) from None
