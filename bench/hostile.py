"""Hostile documents for the bounded readers' tests and bench, made with openpyxl and zipfile."""

from __future__ import annotations

import io
import re
import zipfile

from openpyxl import Workbook


def merged_workbook(ref: str = "A1:XFD1048576") -> bytes:
    """A small valid workbook whose one sheet merges ``ref`` (openpyxl would expand such a merge
    on writing, so the range is put into the sheet's XML afterwards)."""
    wb = Workbook()
    ws = wb.active
    ws["A1"] = "项目名称"
    ws["B1"] = "合并区域"
    raw = io.BytesIO()
    wb.save(raw)
    return _with_sheet_xml(raw.getvalue(), lambda xml: xml.replace(
        "</sheetData>", f'</sheetData><mergeCells count="1"><mergeCell ref="{ref}"/></mergeCells>', 1))


def claimed_dimension_workbook() -> bytes:
    """A workbook whose sheet declares the whole sheet as its dimension but holds two cells."""
    wb = Workbook()
    ws = wb.active
    ws["A1"], ws["B2"] = "项目名称", "x"
    raw = io.BytesIO()
    wb.save(raw)
    return _with_sheet_xml(raw.getvalue(), lambda xml: re.sub(r'<dimension ref="[^"]*"/>', '<dimension ref="A1:XFD1048576"/>', xml))


def _with_sheet_xml(data: bytes, change) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            content = src.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                content = change(content.decode("utf-8")).encode("utf-8")
            dst.writestr(item, content)
    return out.getvalue()
