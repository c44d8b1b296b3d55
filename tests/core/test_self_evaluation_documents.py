"""The 项目支出绩效自评表 as Excel and PDF, from a real scoring of a demo table (docs/domain.md §1.6);
the whole of each file is pinned by the golden files in tests/golden."""

from decimal import Decimal

import pdfplumber
import pytest
from openpyxl import load_workbook

from jixiao.core.io import read_document
from jixiao.core.pdf import write_self_evaluation_pdf
from jixiao.core.scoring import Execution, IndicatorInput, evaluate_table
from jixiao.core.xlsx import write_self_evaluation_xlsx
from jixiao.demo import DEMO_DOCUMENT

REASON = "受疫情影响宣传活动推迟，下年度提前安排。"


@pytest.fixture(scope="module")
def table():
    return read_document(DEMO_DOCUMENT).tables[0]  # 维稳专项经费（常）, 11 indicators


def _rows(ws):
    return [[c.value for c in row] for row in ws.iter_rows()]


def _row(ws, first):
    return next(r for r in _rows(ws) if first in r)


def test_ratings_and_not_applicable_read_in_the_actual_column(table, tmp_path):
    """达成/部分达成/未达成 (and 不适用) are in the 自评表's 实际完成值 cells, in .xlsx and .pdf alike."""
    inputs = [IndicatorInput(actual=i.annual_target.text, rating="达成") for i in table.indicators]
    # 维护社会安全稳定 with a rating and no text; 营造和谐稳定的社会环境 with both (each 15 of 效益's 30 points)
    inputs[8] = IndicatorInput(rating="部分达成", rating_score=Decimal(10), deviation_analysis=REASON)
    inputs[9] = IndicatorInput(actual="社会环境总体稳定", rating="未达成", rating_score=Decimal(5), deviation_analysis=REASON)
    inputs[2] = IndicatorInput(not_applicable=True)
    evaluation = evaluate_table(table, inputs, Execution(None, Decimal(100), Decimal(100)))
    write_self_evaluation_xlsx(table, evaluation, tmp_path / "r.xlsx")
    ws = load_workbook(tmp_path / "r.xlsx").active
    assert _row(ws, "维护社会安全稳定")[5] == "部分达成"
    assert _row(ws, "营造和谐稳定的社会环境")[5] == "社会环境总体稳定（未达成）"
    assert _row(ws, "维稳宣传活动次数")[5] == "≥4次"  # a number scores itself: no rating is added
    assert _row(ws, "群体性事件处置率")[5:8] == ["不适用", "不适用", "–"]
    write_self_evaluation_pdf(table, evaluation, tmp_path / "r.pdf")
    with pdfplumber.open(tmp_path / "r.pdf") as doc:
        rows = [["".join((c or "").split()) for c in row] for t in doc.pages[0].extract_tables() for row in t]
    assert next(r for r in rows if "维护社会安全稳定" in r)[5] == "部分达成"
    assert next(r for r in rows if "营造和谐稳定的社会环境" in r)[5] == "社会环境总体稳定（未达成）"
