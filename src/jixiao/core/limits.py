"""Limits on what a reader takes in, checked before the work.

The core takes them as a parameter (``Limits``, defaults below); the web settings and the command
line build them from the environment (``SETTINGS`` names the variable of each field).
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from jixiao.core.model import ReadError

MB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """What one document may hold. Each field is one setting (see ``SETTINGS``). A real table has a
    few thousand cells; the defaults leave room for a year's tables of a department in one file."""

    max_file_bytes: int = 50 * MB
    max_unpacked_bytes: int = 200 * MB  # .xlsx/.docx are zip archives: their content once unpacked
    max_cells: int = 200_000  # cells read from one document (an Excel sheet's used range counts whole)
    max_rows: int = 50_000  # rows of one sheet, lines of one text
    max_cell_chars: int = 32_767  # characters of one cell (Excel's own limit)
    max_sheets: int = 200
    max_pages: int = 500  # of a PDF
    max_chars: int = 5_000_000  # characters of a PDF's text layer
    max_json_depth: int = 64  # nesting of a JSON document
    max_files: int = 50  # documents uploaded at once (files chosen together, or the members of a .zip)
    # A file imported in batches (`jixiao import`, an import job): published text, JSON and workbooks in
    # Jixiao's own layout are read one table at a time (jixiao.core.stream), so only this bounds their
    # size (a workbook's: unpacked), not max_file_bytes.
    max_import_bytes: int = 2048 * MB


DEFAULT = Limits()

# field → (environment variable, unit it is given in, smallest allowed, meaning)
SETTINGS: dict[str, tuple[str, int, int, str]] = {
    "max_file_bytes": ("JIXIAO_MAX_FILE_MB", MB, 1, "文件大小上限（MB）"),
    "max_unpacked_bytes": ("JIXIAO_MAX_UNPACKED_MB", MB, 1, "压缩文件解压后大小上限（MB）"),
    "max_cells": ("JIXIAO_MAX_CELLS", 1, 100, "单元格数上限"),
    "max_rows": ("JIXIAO_MAX_ROWS", 1, 100, "每个工作表的行数上限"),
    "max_cell_chars": ("JIXIAO_MAX_CELL_CHARS", 1, 100, "每个单元格的字符数上限"),
    "max_sheets": ("JIXIAO_MAX_SHEETS", 1, 1, "工作表数上限"),
    "max_pages": ("JIXIAO_MAX_PAGES", 1, 1, "PDF 页数上限"),
    "max_chars": ("JIXIAO_MAX_CHARS", 1, 1000, "PDF 文字层的字符数上限"),
    "max_json_depth": ("JIXIAO_MAX_JSON_DEPTH", 1, 4, "JSON 嵌套层数上限"),
    "max_files": ("JIXIAO_MAX_FILES", 1, 1, "一次上传的文件数上限（含 .zip 中的文件）"),
    "max_import_bytes": ("JIXIAO_MAX_IMPORT_MB", MB, 1, "分批导入（公开文本、JSON、本系统导出的 Excel）的文件大小上限（MB）"),
}

LIMIT = "文件超出限制"


def over(what: str, limit: int, field: str, file: str | None, line: int | None = None) -> ReadError:
    """The one-line refusal: '文件超出限制：工作表“表1”超过 50000 行（可由 JIXIAO_MAX_ROWS 调整）'."""
    return ReadError(f"{LIMIT}：{what}超过 {limit} {_UNITS.get(field, '')}（可由 {SETTINGS[field][0]} 调整）", file, line)


_UNITS = {"max_cells": "个单元格", "max_rows": "行", "max_cell_chars": "个字符", "max_sheets": "个", "max_pages": "页", "max_chars": "个字符",
          "max_json_depth": "层", "max_files": "个文件"}


def check_unpacked(archive, limits: Limits, file: str | None, *, streamed: bool = False) -> None:
    """A zip archive (.xlsx, .docx) whose members unpack past the limit is refused before unpacking.
    ``streamed`` (a workbook imported in batches, one part in memory at a time): each member within
    ``max_unpacked_bytes``, all of them together within ``max_import_bytes``."""
    total = 0
    for info in archive.infolist():
        total += info.file_size
        if streamed and info.file_size > limits.max_unpacked_bytes:
            raise ReadError(f"{LIMIT}：其中“{info.filename}”解压后超过 {limits.max_unpacked_bytes / MB:.0f} MB"
                            f"（可由 JIXIAO_MAX_UNPACKED_MB 调整），未读取", file)
        if streamed and total > limits.max_import_bytes:
            raise ReadError(f"{LIMIT}：解压后超过导入上限 {limits.max_import_bytes / MB:.0f} MB"
                            f"（可由 JIXIAO_MAX_IMPORT_MB 调整），未读取", file)
        if not streamed and total > limits.max_unpacked_bytes:
            raise ReadError(
                f"{LIMIT}：解压后超过 {limits.max_unpacked_bytes / MB:.0f} MB（可由 JIXIAO_MAX_UNPACKED_MB 调整），未读取", file
            )


def limits_from(values: dict[str, int]) -> Limits:
    """Limits from setting values in their units ({'JIXIAO_MAX_FILE_MB': 20} → 20 MB)."""
    fields = {name: values[env] * unit for name, (env, unit, _, _) in SETTINGS.items() if env in values}
    return Limits(**fields)


def read_source(source, limits: Limits = DEFAULT) -> bytes:
    """All bytes of a path (size-checked before reading) or of an open binary file."""
    if isinstance(source, (str, os.PathLike)):
        check_size(source, limits)
        with open(source, "rb") as fh:
            return fh.read()
    data = source.read(limits.max_file_bytes + 1)
    check_length(len(data), limits, getattr(source, "name", None))
    return data


def check_size(path, limits: Limits = DEFAULT) -> None:
    """Refuse a file over the limit before reading any of it."""
    check_length(os.stat(path).st_size, limits, os.fspath(path))


def check_length(size: int, limits: Limits, file: str | None) -> None:
    limit = limits.max_file_bytes
    if size > limit:
        raise ReadError(f"{LIMIT}：文件过大（{size / MB:.1f} MB），超过上限 {limit / MB:.0f} MB，未读取", file)
