"""Reading a large file one table at a time, for imports whose memory must not grow with the file.

Published text (the tab-separated layout of ``published``), the JSON form (``jsonio``) and workbooks
in Jixiao's own layout (one table per sheet, as ``xlsx`` and ``xlsx_stream`` write them; read by
``xlsx_reader.iter_xlsx``) are streamed: a table is built, handed over, and forgotten. Every other
format (Word, PDF, web pages, text or workbooks in other layouts) is read whole, within the ordinary
reader limits.

The whole-file size limit of the readers (``max_file_bytes``) does not apply to a streamed file: its
own ceiling is ``max_import_bytes`` (JIXIAO_MAX_IMPORT_MB). The limits that bound one table still
hold: a line longer than ``max_cell_chars`` × 10 characters, or a table longer than ``max_rows``
lines (JSON: indicators; a workbook: rows and cells of a sheet), is refused.
"""

from __future__ import annotations

import codecs
import os
from collections.abc import Iterator
from pathlib import Path

from jixiao.core.io import decode_text, read_document
from jixiao.core.limits import DEFAULT, LIMIT, MB, Limits, over
from jixiao.core.model import ReadError, ReadWarning, TargetTable

HEAD = 200_000  # bytes looked at to recognise the layout
CHUNK = 1 << 20
LINE_CELLS = 10  # a line may hold this many cells of the longest size


# ijson builds the events of a whole chunk before the first is seen, each with its path ("item.item…");
# a chunk of 64 KB of "[" costs about 10 GB before the depth limit can refuse it, a chunk of 2 KB 20 MB.
JSON_CHUNK_BYTES = 2048


class TableStream:
    """The tables of one file, one at a time (iterate once). ``done_bytes`` / ``total_bytes``: how
    far reading has got (for a progress bar); ``warnings``: the document's own warnings, complete
    once iteration has ended; ``streamed``: False when the format is read whole."""

    def __init__(self, path: str | os.PathLike, limits: Limits = DEFAULT):
        self.path = Path(path)
        self.file = str(path)
        self.limits = limits
        self.warnings: list[ReadWarning] = []
        self.total_bytes = _checked_size(self.path, limits)
        self.done_bytes = 0
        suffix = self.path.suffix.lower()
        if suffix == ".json":  # the stream parser takes UTF-8 only; GBK JSON is read whole
            self._kind = "json" if self._encoding() == "utf-8-sig" else "whole"
        elif suffix in (".xlsx", ".xlsm"):
            self._kind = "xlsx"
        else:
            self._kind = "text" if self._is_published_text(suffix) else "whole"
        self.streamed = self._kind != "whole"

    def __iter__(self) -> Iterator[TargetTable]:
        if self._kind == "json":
            yield from self._json()
        elif self._kind == "text":
            yield from self._text()
        elif self._kind == "xlsx":
            yield from self._xlsx()
        else:
            if self.total_bytes > self.limits.max_file_bytes:  # read whole: the ordinary limit
                raise ReadError(f"{LIMIT}：文件过大（{self.total_bytes / MB:.1f} MB），超过上限 "
                                f"{self.limits.max_file_bytes / MB:.0f} MB，未读取（只有公开文本、JSON 和本系统"
                                f"导出的 Excel 可以分批导入更大的文件）", self.file)
            doc = read_document(self.path, self.limits)
            self.warnings.extend(doc.warnings)
            self.done_bytes = self.total_bytes
            yield from doc.tables

    # --- published text -----------------------------------------------------------------------
    def _is_published_text(self, suffix: str) -> bool:
        if suffix in (".xlsx", ".xlsm", ".xls", ".docx", ".doc", ".pdf", ".html", ".htm", ".json", ".zip"):
            return False
        from jixiao.core.published import is_published_layout

        with open(self.path, "rb") as f:
            head = f.read(HEAD)
        text, _ = decode_text(head[: _whole_characters(head)], self.file)
        return is_published_layout(text)

    def _encoding(self) -> str:
        """UTF-8 when the whole file decodes as UTF-8 (checked chunk by chunk), else GB18030."""
        decoder = codecs.getincrementaldecoder("utf-8")()
        with open(self.path, "rb") as f:
            try:
                while chunk := f.read(CHUNK):
                    decoder.decode(chunk)
                decoder.decode(b"", final=True)
                return "utf-8-sig"
            except UnicodeDecodeError:
                return "gb18030"

    def _text(self) -> Iterator[TargetTable]:
        from jixiao.core.published import TITLE, iter_tables

        encoding = self._encoding()
        if encoding == "gb18030":
            self.warnings.append(ReadWarning(None, "文件按 GBK/GB18030 编码读取"))
        found = False
        with open(self.path, encoding=encoding) as text:
            lines = _Lines(text, self)
            try:
                for table in iter_tables(lines, file=self.file, warnings=self.warnings):
                    found = True
                    lines.table_lines = 0
                    yield table
            except UnicodeDecodeError as e:
                raise ReadError(f"无法识别文字编码（{e.reason}）", self.file, lines.number) from None
        if not found:
            raise ReadError(f"没有找到“{TITLE}”：这不是一份项目绩效目标表文档", self.file, 1)

    # --- Excel ---------------------------------------------------------------------------------
    def _xlsx(self) -> Iterator[TargetTable]:
        from jixiao.core.xlsx_reader import iter_xlsx

        def on_sheet(done: int, total: int) -> None:
            self.done_bytes = self.total_bytes * done // total

        yield from iter_xlsx(self.path, self.file, self.limits, warnings=self.warnings, on_sheet=on_sheet)
        self.done_bytes = self.total_bytes

    # --- JSON ---------------------------------------------------------------------------------
    def _json(self) -> Iterator[TargetTable]:
        import ijson

        from jixiao.core.jsonio import JSON_SHAPE

        with open(self.path, "rb") as f:
            first = f.read(HEAD).lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
            if first not in (b"{", b"["):
                decode_text(first or b" ", self.file)  # empty or binary: the usual one-line refusal
                raise ReadError(JSON_SHAPE, self.file, 1)
            f.seek(3 if f.seek(0) == 0 and f.read(3) == codecs.BOM_UTF8 else 0)
            counted = _Counted(f, self)
            try:
                yield from self._json_items(ijson, counted, "" if first == b"[" else "tables")
            except ijson.JSONError as e:
                raise ReadError(f"JSON 格式错误：{_json_reason(e)}", self.file, counted.line()) from None

    def _json_items(self, ijson, f, parent: str) -> Iterator[TargetTable]:
        """The items of the ``parent`` array, built one at a time from parse events, the nesting
        depth checked as they come (a table is never built past the limit)."""
        from jixiao.core.jsonio import JSON_SHAPE, table_from_dict

        item = f"{parent}.item" if parent else "item"
        limits, depth, n, saw, builder, top = self.limits, 0, 0, False, None, 0
        for prefix, event, value in ijson.parse(f, buf_size=JSON_CHUNK_BYTES):
            if event == "start_map" or event == "start_array":
                depth += 1
                if depth > limits.max_json_depth:
                    raise over("JSON 的嵌套层数", limits.max_json_depth, "max_json_depth", self.file, f.line())
                if prefix == parent and event == "start_array" and depth == (2 if parent else 1):
                    saw = True
            elif event == "end_map" or event == "end_array":
                depth -= 1
            if builder is None:
                if prefix != item or event in ("end_map", "end_array") or not saw:
                    continue
                if event not in ("start_map", "start_array"):  # a bare value where a table belongs
                    n += 1
                    yield table_from_dict(value, self.file, f"tables[{n - 1}]")
                    continue
                builder, top = ijson.ObjectBuilder(), depth
                builder.event(event, value)
                continue
            builder.event(event, value)
            if depth < top:  # the item's closing bracket
                n += 1
                table = builder.value
                builder = None
                indicators = table.get("indicators") if isinstance(table, dict) else None
                if isinstance(indicators, list) and len(indicators) > limits.max_rows:
                    raise over(f"第{n}张表的指标", limits.max_rows, "max_rows", self.file)
                yield table_from_dict(table, self.file, f"tables[{n - 1}]")
        if not saw:
            raise ReadError(JSON_SHAPE, self.file, 1)


def _json_reason(e: Exception) -> str:
    text = str(e).split("\n")[0]
    return "文件在 JSON 结束之前就结束了" if "incomplete" in text.lower() else "不是有效的 JSON"


def _checked_size(path: Path, limits: Limits) -> int:
    name = str(path)
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise ReadError("文件不存在", name) from None
    except OSError as e:
        raise ReadError(f"无法读取文件：{e.strerror}", name) from None
    if path.is_dir():
        raise ReadError("这是一个目录，不是文件", name)
    limit = limits.max_import_bytes
    if size > limit:
        raise ReadError(f"{LIMIT}：文件过大（{size / MB:.1f} MB），超过导入上限 {limit / MB:.0f} MB"
                        f"（可由 JIXIAO_MAX_IMPORT_MB 调整），未读取", name)
    return size


def _whole_characters(head: bytes) -> int:
    """Length of ``head`` without a UTF-8 character cut at its end."""
    end = len(head)
    for back in range(1, min(4, end) + 1):
        byte = head[end - back]
        if byte < 0x80:
            return end
        if byte >= 0xC0:  # a lead byte: keep it only when its character is complete
            need = 2 if byte < 0xE0 else 3 if byte < 0xF0 else 4
            return end if back >= need else end - back
    return end


class _Lines:
    """Lines of a binary file decoded, counted, and bounded (line length, lines per table)."""

    def __init__(self, text, stream: TableStream):
        self.text, self.stream = text, stream
        self.number = self.table_lines = 0
        self.max_line = stream.limits.max_cell_chars * LINE_CELLS

    def __iter__(self):
        readline, limits, file = self.text.readline, self.stream.limits, self.stream.file
        while True:
            line = readline(self.max_line + 1)
            if not line:
                self.stream.done_bytes = self.stream.total_bytes
                return
            self.number += 1
            self.table_lines += 1
            if len(line) > self.max_line and not line.endswith("\n"):
                raise over(f"第{self.number}行", self.max_line, "max_cell_chars", file, self.number)
            if self.table_lines > limits.max_rows:
                raise over("一张表", limits.max_rows, "max_rows", file, self.number)
            if self.number % 4096 == 0:
                self.stream.done_bytes = self.text.buffer.tell()
            yield line


class _Counted:
    """A binary file that records how far it has been read (ijson reads it in chunks)."""

    def __init__(self, f, stream: TableStream):
        self.f, self.stream, self.newlines = f, stream, 0

    def read(self, size: int = -1) -> bytes:
        data = self.f.read(size)
        self.stream.done_bytes += len(data)
        self.newlines += data.count(b"\n")
        return data

    def line(self) -> int | None:
        """1 while no line has ended in what was read; else None (the parser reads ahead, so
        which later line it is at is not known)."""
        return 1 if not self.newlines else None
