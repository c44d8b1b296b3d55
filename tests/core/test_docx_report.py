"""The Word self-evaluation report skeleton, from a real scoring of a demo table; the whole report is
pinned by the golden files in tests/golden."""

from decimal import Decimal

import pytest
from docx import Document as WordDocument

from jixiao.core.docx_report import write_self_evaluation_docx
from jixiao.core.io import read_document
from jixiao.core.scoring.budget import Execution
from jixiao.core.scoring.table import IndicatorInput, evaluate_table
from jixiao.demo import DEMO_DOCUMENT


@pytest.fixture(scope="module")
def table():
    return read_document(DEMO_DOCUMENT).tables[0]  # 维稳专项经费（常）


def test_ratings_are_the_actual_value_of_rated_indicators(table, tmp_path):
    """A qualitative indicator scored by its rating shows the rating, never 未填报."""
    inputs = [IndicatorInput(actual=i.annual_target.text if i.annual_target else None) for i in table.indicators]
    rated = [n for n, i in enumerate(table.indicators) if i.annual_target.kind == "qualitative"]
    assert rated, "the demo table has a qualitative indicator"
    inputs[rated[0]] = IndicatorInput(rating="部分达成", deviation_analysis="制度尚在征求意见。")
    evaluation = evaluate_table(table, inputs, Execution(budget_full_year=Decimal(150000), spent=Decimal(150000)))
    write_self_evaluation_docx(table, evaluation, tmp_path / "r.docx")
    doc = WordDocument(tmp_path / "r.docx")
    name = table.indicators[rated[0]].name
    row = next([c.text for c in r.cells] for r in doc.tables[1].rows if r.cells[2].text == name)
    assert row[4] == "部分达成"
    text = "\n".join(p.text for p in doc.paragraphs)
    assert f"{name}：年度指标值 {table.indicators[rated[0]].annual_target.text}，实际完成值 部分达成，" in text
    assert "未填报" not in text
