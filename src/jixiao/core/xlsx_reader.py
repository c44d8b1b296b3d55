"""Reading 项目绩效目标表 from Excel (.xlsx): merged cells, spacer rows, numbers typed as numbers,
several projects on one sheet or one per sheet."""

from __future__ import annotations

import io
import os
import zipfile
from datetime import date, datetime
from decimal import Decimal

from openpyxl import load_workbook

from jixiao.core.grid_reader import Cell, tables_from_grid
from jixiao.core.limits import DEFAULT, Limits, read_source
from jixiao.core.model import Document, ReadError, TargetTable
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
        number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
        if "%" in (cell.number_format or ""):
            number *= 100
            return _plain(number) + "%"
        return _plain(number)
    return str(value).replace("\r\n", "\n").strip()


def _plain(number: Decimal) -> str:
    text = format(number.normalize(), "f")
    return text


def _sheet_rows(ws, file: str | None) -> list[list[Cell]]:
    owner: dict[tuple[int, int], tuple[int, int]] = {}
    for rng in ws.merged_cells.ranges:
        for r in range(rng.min_row, rng.max_row + 1):
            for c in range(rng.min_col, rng.max_col + 1):
                if (r, c) != (rng.min_row, rng.min_col):
                    owner[(r, c)] = (rng.min_row, rng.min_col)
    texts: dict[tuple[int, int], str] = {}
    rows: list[list[Cell]] = []
    for raw in ws.iter_rows():
        row: list[Cell] = []
        for cell in raw:
            key = (cell.row, cell.column)
            where = f"{ws.title}!{cell.coordinate}"
            if key in owner:
                top = owner[key]
                if top not in texts:
                    texts[top] = _cell_text(ws.cell(*top), where, file)
                row.append(Cell(texts[top], where, merged=True))
            else:
                texts[key] = _cell_text(cell, where, file) if cell.value is not None else ""
                row.append(Cell(texts[key], where))
        rows.append(row)
    return rows


def _open_workbook(source, name: str | None, limits: Limits = DEFAULT):
    data = read_source(source, limits)
    if data[:8] == _OLE_MAGIC:
        if "EncryptedPackage".encode("utf-16-le") in data:
            raise ReadError("文件设有打开密码（已加密），请在 Excel/WPS 中取消密码后另存为 .xlsx 再导入", name)
        raise ReadError("这是旧版 Excel（.xls）文件，请在 Excel/WPS 中“另存为” .xlsx 格式后再导入", name)
    try:
        return load_workbook(io.BytesIO(data), data_only=True)
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
    sheets = [_sheet_rows(ws, name) for ws in wb.worksheets if ws.sheet_state == "visible" and ws.title != SUMMARY_SHEET]
    if any(_official(rows) for rows in sheets):  # Jixiao's own layout: read back exactly as written
        tables: list[TargetTable] = []
        for rows in sheets:
            tables += tables_from_grid(rows, name)
        if not tables:
            raise ReadError("没有找到项目绩效目标表（缺少“项目名称”行）", name)
        return Document(tables=tables, file=name)
    # A sheet in another province's template: the same recognition as for text, HTML and Word.
    from jixiao.core.reading.documents import NO_TABLE, read_rows

    rows = [Row(n, _unmerged(row), "tab") for rows in sheets for n, row in enumerate(rows, 1)]
    try:
        return read_rows([r for r in rows if r.cells], name)
    except ReadError:
        raise ReadError(NO_TABLE, name) from None


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
