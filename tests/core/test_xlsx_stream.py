"""The workbook written one table at a time (write-only) is the workbook ``write_xlsx`` writes."""

import io
from dataclasses import replace

from openpyxl import load_workbook

from jixiao.core import xlsx
from jixiao.core.io import read_document
from jixiao.core.xlsx_stream import StreamingWorkbook
from jixiao.demo import DEMO_DOCUMENT


def both(tables, statuses):
    whole, streamed = io.BytesIO(), io.BytesIO()
    xlsx.write_xlsx(tables, whole, statuses=statuses)
    book = StreamingWorkbook(streamed, unit=tables[0].unit, year=tables[0].year)
    for table, status in zip(tables, statuses):
        book.add(table, status)
    book.close()
    return load_workbook(whole), load_workbook(streamed)


def test_same_sheets_values_merges_and_styles_as_the_in_memory_writer():
    tables = read_document(DEMO_DOCUMENT).tables
    whole, streamed = both(tables, ["草稿", "已审核通过"] * (len(tables) // 2))
    assert streamed.sheetnames == whole.sheetnames and len(whole.sheetnames) == len(tables) + 1
    for a, b in zip(whole.worksheets, streamed.worksheets):
        assert list(b.iter_rows(values_only=True)) == list(a.iter_rows(values_only=True)), a.title
        assert sorted(map(str, b.merged_cells.ranges)) == sorted(map(str, a.merged_cells.ranges)), a.title
        for row_a, row_b in zip(a.iter_rows(), b.iter_rows()):
            for ca, cb in zip(row_a, row_b):
                assert (cb.font.b, cb.alignment.horizontal, cb.border.left.style, cb.number_format) == (
                    ca.font.b, ca.alignment.horizontal, ca.border.left.style, ca.number_format), (a.title, ca.coordinate)
        assert b.page_setup.orientation == a.page_setup.orientation
        assert b.oddHeader.left.text == a.oddHeader.left.text


def test_text_that_looks_like_a_formula_stays_text():
    table = read_document(DEMO_DOCUMENT).tables[0]
    table = replace(table, name="=HYPERLINK(\"http://x\")", goals=replace(table.goals, annual="+1 万元"))
    _, streamed = both([table], ["草稿"])
    sheet = streamed.worksheets[1]
    cells = [c for row in sheet.iter_rows() for c in row if isinstance(c.value, str) and c.value[:1] in "=+"]
    assert {c.value for c in cells} >= {"=HYPERLINK(\"http://x\")", "+1 万元"}
    assert all(c.data_type == "s" and c.quotePrefix for c in cells)
