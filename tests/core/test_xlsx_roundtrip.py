"""Excel export of the 12 demo tables and reading it back."""

import pytest
from openpyxl import load_workbook

from jixiao.core.io import read_document
from jixiao.core.xlsx import write_xlsx
from jixiao.core.xlsx_reader import read_xlsx
from jixiao.demo import DEMO_DOCUMENT


@pytest.fixture(scope="module")
def demo():
    return read_document(DEMO_DOCUMENT)


@pytest.fixture(scope="module")
def workbook_path(demo, tmp_path_factory):
    path = tmp_path_factory.mktemp("xlsx") / "demo.xlsx"
    write_xlsx(demo, path)
    return path


def test_round_trip_gives_identical_tables(demo, workbook_path):
    back = read_xlsx(workbook_path)
    assert len(back.tables) == 12
    assert sum(len(t.indicators) for t in back.tables) == 132
    for original, read in zip(demo.tables, back.tables):
        assert read == original, original.name


def test_one_sheet_per_project_after_summary(demo, workbook_path):
    wb = load_workbook(workbook_path)
    assert wb.sheetnames[0] == "汇总"
    assert len(wb.sheetnames) == 13
    assert wb.sheetnames[1] == "1.维稳专项经费（常）"
