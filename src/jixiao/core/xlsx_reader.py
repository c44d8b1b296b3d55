"""Reading 项目绩效目标表 from Excel (.xlsx): merged cells, spacer rows, numbers typed as numbers,
several projects on one sheet or one per sheet."""

from __future__ import annotations

import io
import os
import zipfile
from collections.abc import Iterator
from datetime import date, datetime
from decimal import Decimal


from openpyxl import load_workbook
from openpyxl.utils import get_column_letter, range_boundaries

from jixiao.core.grid_reader import Cell, tables_from_grid
from jixiao.core.limits import DEFAULT, LIMIT, MB, Limits, check_unpacked, over, read_source
from jixiao.core.model import Document, ReadError, TargetTable
from jixiao.core.numbers import parse_decimal, plain
from jixiao.core.reading.text_grid import Row
from jixiao.core.xlsx import SUMMARY_SHEET

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"



def _cell_text(cell, where: str, file: str | None) -> str:
    value = cell.value
    if value is None:
        return ""
    if cell.data_type == "e" or (isinstance(value, str) and value.startswith("#") and value.endswith(("!", "?", "A"))):
        raise ReadError(f"{where}：单元格是错误值 {value}，请在 Excel 中修正后再导入", file)
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, (datetime, date)):
        return f"{value.year}年{value.month}月{value.day}日"
    if isinstance(value, (int, float, Decimal)):
        number = parse_decimal(value)
        if number is None:
            raise ReadError(f"{where}：数值 {value} 无效，请在 Excel 中修正后再导入", file)
        if "%" in (cell.number_format or ""):
            return plain(number * 100) + "%"
        return plain(number)
    return str(value).replace("\r\n", "\n").strip()


def _sheet_rows(ws, file: str | None, limits: Limits, seen: list[int]) -> list[list[Cell]]:
    """The sheet's used range as rows of Cell, merged ranges clipped to it and expanded.

    The sheet is streamed (read-only mode) and its declared dimension ignored: a sheet that claims
    A1:XFD1048576, or merges it, costs what its real cells cost. Every limit is checked while
    streaming, before anything is expanded. ``seen``: cells read so far in the workbook.
    """
    from openpyxl.cell.read_only import ReadOnlyCell
    from openpyxl.worksheet._reader import WorkSheetParser

    wb = ws.parent
    texts: dict[tuple[int, int], str] = {}
    rows = last_row = last_column = 0
    with ws._get_source() as source:
        parser = WorkSheetParser(source, ws._shared_strings, data_only=True, epoch=wb.epoch,
                                 date_formats=wb._date_formats, timedelta_formats=wb._timedelta_formats)
        for number, row in parser.parse():
            rows += 1
            if rows > limits.max_rows or number > limits.max_rows:
                raise over(f"工作表“{ws.title}”", limits.max_rows, "max_rows", file)
            for cell in row:
                value = cell["value"]
                if value is None or value == "":
                    continue
                seen[0] += 1
                if seen[0] > limits.max_cells:
                    raise over("工作簿的单元格", limits.max_cells, "max_cells", file)
                if isinstance(value, str) and len(value) > limits.max_cell_chars:
                    where = f"{ws.title}!{get_column_letter(cell['column'])}{number}"
                    raise over(f"单元格 {where} 的内容", limits.max_cell_chars, "max_cell_chars", file)
                key = (number, cell["column"])
                where = f"{ws.title}!{get_column_letter(key[1])}{key[0]}"
                text = _cell_text(ReadOnlyCell(ws, **cell), where, file)
                if text:
                    texts[key] = text
                    last_row, last_column = max(last_row, key[0]), max(last_column, key[1])
        merged = parser.merged_cells.mergeCell if parser.merged_cells else []
    if last_row * last_column > limits.max_cells:
        raise over(f"工作表“{ws.title}”的使用范围（{last_row} 行 × {last_column} 列）", limits.max_cells, "max_cells", file)
    owner: dict[tuple[int, int], tuple[int, int]] = {}
    for merge in merged:
        if len(owner) > limits.max_cells:
            raise over(f"工作表“{ws.title}”的合并单元格", limits.max_cells, "max_cells", file)
        min_col, min_row, max_col, max_row = range_boundaries(merge.ref)
        # clipped to the used range: a merge over the whole sheet covers only what is there
        for r in range(min_row, min(max_row, last_row) + 1):
            for c in range(min_col, min(max_col, last_column) + 1):
                if (r, c) != (min_row, min_col):
                    owner[(r, c)] = (min_row, min_col)
    out: list[list[Cell]] = []
    for r in range(1, last_row + 1):
        row_cells: list[Cell] = []
        for c in range(1, last_column + 1):
            where = f"{ws.title}!{get_column_letter(c)}{r}"
            at = {"part": f"工作表“{ws.title}”", "row": r, "column": c - 1}
            if (r, c) in owner:
                row_cells.append(Cell(texts.get(owner[(r, c)], ""), where, merged=True, **at))
            else:
                row_cells.append(Cell(texts.get((r, c), ""), where, **at))
        out.append(row_cells)
    return out


def _open_workbook(source, name: str | None, limits: Limits = DEFAULT, *, streamed: bool = False):
    """The workbook in read-only mode. ``streamed``: ``source`` is a path opened where it lies (never
    read whole), under the limits of a file imported in batches (``check_unpacked``)."""
    if streamed:
        with open(source, "rb") as f:
            data = f.read(len(_OLE_MAGIC))
    else:
        data = read_source(source, limits)
    if data[:8] == _OLE_MAGIC:
        if streamed:  # not a zip: read whole as any such file, for its one-line refusal
            return _open_workbook(source, name, limits)
        if "EncryptedPackage".encode("utf-16-le") in data:
            raise ReadError("文件设有打开密码（已加密），请在 Excel/WPS 中取消密码后另存为 .xlsx 再导入", name)
        raise ReadError("这是旧版 Excel（.xls）文件，请在 Excel/WPS 中“另存为” .xlsx 格式后再导入", name)
    try:
        with zipfile.ZipFile(source if streamed else io.BytesIO(data)) as archive:
            check_unpacked(archive, limits, name, streamed=streamed)
        wb = load_workbook(source if streamed else io.BytesIO(data), data_only=True, read_only=True)
        if not streamed and len(wb.sheetnames) > limits.max_sheets:
            raise over("工作表数", limits.max_sheets, "max_sheets", name)
        return wb
    except ReadError:
        raise
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError, IndexError) as exc:
        raise ReadError(f"文件已损坏或不是 .xlsx 格式，无法打开（{type(exc).__name__}）", name) from None
    except Exception as exc:  # openpyxl raises many kinds on malformed XML
        raise ReadError(f"文件已损坏，无法作为 .xlsx 打开（{type(exc).__name__}）", name) from None


def read_xlsx(path_or_file, file: str | None = None, limits: Limits = DEFAULT) -> Document:
    """Read every 项目绩效目标表 in a workbook (any sheet, any number per sheet)."""
    name = file or (os.fspath(path_or_file) if isinstance(path_or_file, (str, os.PathLike)) else None)
    if name is None:
        name = getattr(path_or_file, "name", None)
    wb = _open_workbook(path_or_file, name, limits)
    seen = [0]
    try:
        visible = [ws for ws in wb.worksheets if ws.sheet_state == "visible" and ws.title != SUMMARY_SHEET]
        titles = [ws.title for ws in visible]
        sheets = [_sheet_rows(ws, name, limits, seen) for ws in visible]
    except ReadError:
        raise
    except Exception as exc:  # a damaged sheet: openpyxl and the XML parser raise many kinds
        raise ReadError(f"文件已损坏，无法作为 .xlsx 读取（{type(exc).__name__}）", name) from None
    finally:
        wb.close()
    if any(_official(rows) for rows in sheets):  # Jixiao's own layout: read back exactly as written
        tables: list[TargetTable] = []
        for rows in sheets:
            tables += tables_from_grid(rows, name)
        if not tables:
            raise ReadError("没有找到项目绩效目标表（缺少“项目名称”行）", name)
        return Document(tables=tables, file=name)
    # A sheet in another province's template: the same recognition as for text, HTML and Word.
    from jixiao.core.reading.documents import NO_TABLE, read_rows

    rows = [Row(n, _unmerged(row), "tab", f"工作表“{title}”") for title, rows in zip(titles, sheets) for n, row in enumerate(rows, 1)]
    try:
        return read_rows([r for r in rows if r.cells], name)
    except ReadError:
        raise ReadError(NO_TABLE, name) from None


def iter_xlsx(path: str | os.PathLike, file: str | None = None, limits: Limits = DEFAULT, *,
              warnings: list | None = None, on_sheet=None) -> Iterator[TargetTable]:
    """The tables of a large workbook one sheet at a time, so that memory holds one sheet (and the
    workbook's shared strings), whatever the number of sheets: for imports in batches.

    A workbook in Jixiao's own layout (one table per sheet, with or without the 汇总 sheet of
    ``xlsx_stream``) is streamed; any other is read whole by ``read_xlsx``, within ``max_file_bytes``.
    Streamed, the limits that bound one table hold per sheet (rows, cells, characters of a cell), each
    part of the archive unpacks within ``max_unpacked_bytes`` and all of them within
    ``max_import_bytes``; the number of sheets is not limited. ``on_sheet(done, total)`` after each sheet.
    """
    name = file or os.fspath(path)
    wb = _open_workbook(path, name, limits, streamed=True)
    try:
        visible = [ws for ws in wb.worksheets if ws.sheet_state == "visible" and ws.title != SUMMARY_SHEET]
        found = False
        for n, ws in enumerate(visible):
            rows = _streamed_rows(ws, name, limits)
            if n == 0 and not _official(rows):  # another province's template: the whole-workbook reader
                wb.close()
                yield from _read_whole(path, name, limits, warnings)
                return
            for table in tables_from_grid(rows, name):
                found = True
                yield table
            del rows
            if on_sheet is not None:
                on_sheet(n + 1, len(visible))
        if not found:
            raise ReadError("没有找到项目绩效目标表（缺少“项目名称”行）", name)
    finally:
        wb.close()


def _streamed_rows(ws, name: str, limits: Limits) -> list[list[Cell]]:
    try:
        return _sheet_rows(ws, name, limits, [0])  # cells counted per sheet: a sheet is a table
    except ReadError:
        raise
    except Exception as exc:  # a damaged sheet: openpyxl and the XML parser raise many kinds
        raise ReadError(f"工作表“{ws.title}”已损坏，无法读取（{type(exc).__name__}）", name) from None


def _read_whole(path, name: str, limits: Limits, warnings: list | None) -> Iterator[TargetTable]:
    size = os.stat(path).st_size
    if size > limits.max_file_bytes:
        raise ReadError(f"{LIMIT}：文件过大（{size / MB:.1f} MB），超过上限 {limits.max_file_bytes / MB:.0f} MB，"
                        f"未读取（其他版式的 Excel 文件整体读取；只有公开文本、JSON 和本系统导出的 Excel 可以分批"
                        f"导入更大的文件）", name)
    doc = read_xlsx(path, name, limits)
    if warnings is not None:
        warnings.extend(doc.warnings)
    yield from doc.tables


def _official(rows: list[list[Cell]]) -> bool:
    """The official layout's indicator header: both 实施周期指标值 and 当年度指标值 columns."""
    return any({"实施周期指标值", "当年度指标值"} <= {c.text for c in row} for row in rows)


def _unmerged(row: list[Cell]) -> list[tuple[int, str]]:
    """A row's cells for the recogniser: a horizontally merged cell once."""
    out: list[tuple[int, str]] = []
    for n, cell in enumerate(row):
        if cell.text and not (cell.merged and out and out[-1][1] == cell.text and out[-1][0] == n - 1):
            out.append((n, cell.text))
        elif cell.text and out and out[-1][1] == cell.text:
            out[-1] = (n, cell.text)  # keep the last column of the run: it names where the next cell is
    return [(n, t) for n, t in out]
