"""A workbook of many tables read one sheet at a time (xlsx_reader.iter_xlsx through TableStream):
the tables of a whole read, the readers' limits per sheet and per part of the archive, errors that
name the sheet and the cell."""

import zipfile
from dataclasses import replace

import pytest
from openpyxl import Workbook, load_workbook

from jixiao.core import xlsx_reader
from jixiao.core.io import read_document
from jixiao.core.limits import MB, Limits
from jixiao.core.model import ReadError
from jixiao.core.stream import TableStream
from jixiao.core.xlsx import write_xlsx
from jixiao.core.xlsx_stream import StreamingWorkbook
from jixiao.demo import DEMO_DOCUMENT

DEMO = read_document(DEMO_DOCUMENT).tables


def many(count: int):
    return [replace(DEMO[n % len(DEMO)], name=f"{DEMO[n % len(DEMO)].name}·{n:04d}") for n in range(count)]


def streamed_workbook(path, tables):
    book = StreamingWorkbook(path, unit=tables[0].unit, year=tables[0].year)
    for t in tables:
        book.add(t, "草稿")
    book.close()
    return path


@pytest.fixture(scope="module")
def book_of_300(tmp_path_factory):
    """300 tables: more sheets than a workbook read whole may have (200)."""
    return streamed_workbook(tmp_path_factory.mktemp("xlsx") / "300.xlsx", many(300))


def test_a_workbook_of_many_tables_is_streamed_table_by_table(book_of_300):
    stream = TableStream(book_of_300)
    assert stream.streamed
    tables = list(stream)
    assert [t.name for t in tables] == [t.name for t in many(300)]
    assert [t.indicators for t in tables[:12]] == [t.indicators for t in read_document(_small(book_of_300)).tables]
    assert stream.done_bytes == stream.total_bytes
    with pytest.raises(ReadError, match="工作表数超过 200"):  # read whole, the workbook limits hold
        read_document(book_of_300)


def _small(path):
    """The first twelve tables of ``path`` written by the in-memory writer: what a whole read gives."""
    out = path.with_name("12.xlsx")
    write_xlsx(many(12), out)
    return out


def test_the_same_tables_as_a_whole_read_with_or_without_the_summary_sheet(tmp_path):
    path = tmp_path / "whole.xlsx"
    write_xlsx(DEMO, path)
    assert list(TableStream(path)) == read_document(path).tables
    assert [t.name for t in TableStream(streamed_workbook(tmp_path / "s.xlsx", DEMO))] == [t.name for t in DEMO]


def test_one_sheet_is_read_at_a_time(book_of_300, monkeypatch):
    read = []
    sheet_rows = xlsx_reader._sheet_rows
    monkeypatch.setattr(xlsx_reader, "_sheet_rows", lambda ws, *a: read.append(ws.title) or sheet_rows(ws, *a))
    tables = iter(TableStream(book_of_300))
    next(tables)
    assert len(read) == 1
    next(tables)
    assert len(read) == 2


def test_the_limits_of_one_table_hold_per_sheet(book_of_300):
    assert len(list(TableStream(book_of_300, Limits(max_cells=1000)))) == 300  # 1,000 a sheet, not a workbook
    with pytest.raises(ReadError, match="工作表“1.维稳专项经费（常）·0000”的使用范围（26 行 × 6 列）超过 100 个单元格"):
        list(TableStream(book_of_300, Limits(max_cells=100)))
    with pytest.raises(ReadError, match="工作表“1.维稳专项经费（常）·0000”超过 20 行"):
        list(TableStream(book_of_300, Limits(max_rows=20)))


def test_parts_of_the_archive_unpack_within_the_limits(book_of_300):
    size = book_of_300.stat().st_size
    with zipfile.ZipFile(book_of_300) as z:
        largest = max(z.infolist(), key=lambda i: i.file_size)
        unpacked = sum(i.file_size for i in z.infolist())
    with pytest.raises(ReadError) as refused:
        list(TableStream(book_of_300, Limits(max_unpacked_bytes=largest.file_size - 1)))
    assert f"其中“{largest.filename}”解压后超过" in str(refused.value) and "JIXIAO_MAX_UNPACKED_MB" in str(refused.value)
    limit = Limits(max_import_bytes=((size + unpacked) // 2 // MB) * MB or MB)
    if size < limit.max_import_bytes < unpacked:
        with pytest.raises(ReadError, match="解压后超过导入上限 .* MB（可由 JIXIAO_MAX_IMPORT_MB 调整）"):
            list(TableStream(book_of_300, limit))


def test_an_error_names_the_sheet_and_the_cell(tmp_path):
    path = tmp_path / "bad.xlsx"
    write_xlsx(many(30), path)
    book = load_workbook(path)
    sheet = book.worksheets[25]  # the 汇总 sheet comes first
    cell = next(c for row in sheet.iter_rows(min_row=12) for c in row if type(c).__name__ == "Cell" and c.value)
    cell.value = "#DIV/0!"
    book.save(path)
    with pytest.raises(ReadError) as refused:
        list(TableStream(path))
    assert f"{sheet.title}!{cell.coordinate}：单元格是错误值 #DIV/0!" in str(refused.value)


def test_a_workbook_in_another_layout_is_read_whole(tmp_path):
    path = tmp_path / "other.xlsx"
    book = Workbook()
    book.active.append(["这不是目标表"])
    book.save(path)
    with pytest.raises(ReadError, match="没有找到绩效目标表或自评表"):  # the recogniser's own answer
        list(TableStream(path))
    with pytest.raises(ReadError, match="只有公开文本、JSON 和本系统导出的 Excel"):
        list(TableStream(path, Limits(max_file_bytes=1000)))


@pytest.mark.parametrize("content, message", [
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "旧版 Excel"),
    (b"PK\x03\x04 not a zip", "文件已损坏"),
])
def test_a_file_that_is_no_workbook_is_one_line(tmp_path, content, message):
    path = tmp_path / "bad.xlsx"
    path.write_bytes(content)
    with pytest.raises(ReadError, match=message):
        list(TableStream(path))
