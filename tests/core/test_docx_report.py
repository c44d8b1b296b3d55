"""The Word self-evaluation report skeleton, from a real scoring of a demo table."""

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


def _scored(table):
    inputs = [IndicatorInput(actual=i.annual_target.text if i.annual_target else None) for i in table.indicators]
    inputs[1] = IndicatorInput(actual="2次", deviation_analysis="受疫情影响宣传活动推迟，下年度提前安排。")
    inputs[10] = IndicatorInput(actual="70%")
    return evaluate_table(table, inputs, Execution(budget_full_year=Decimal(150000), spent=Decimal(135000)))


def test_report_is_prefilled_with_facts_scores_and_missed_indicators(table, tmp_path):
    evaluation = _scored(table)
    write_self_evaluation_docx(table, evaluation, tmp_path / "report.docx")
    doc = WordDocument(tmp_path / "report.docx")
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "维稳专项经费（常）2024年度项目支出绩效自评报告" in text
    assert f"本项目自评总分 {evaluation.total:.2f} 分，评价等级为“{evaluation.grade}”。" in text
    facts, scores = doc.tables
    assert [c.text for c in facts.rows[0].cells] == ["项目名称", "维稳专项经费（常）"]
    assert [c.text for c in facts.rows[6].cells] == ["年度预算金额（元）", "150,000.00"]
    assert len(scores.rows) == 1 + 1 + 11 + 1  # header, 预算执行率, indicators, 总分
    row = [c.text for c in scores.rows[3].cells]
    assert row[:5] == ["产出指标(50分)", "数量指标", "维稳宣传活动次数", "≥4次", "2次"]
    assert Decimal(row[6]) < Decimal(row[5])
    assert "1. 维稳宣传活动次数：年度指标值 ≥4次，实际完成值 2次" in text
    assert "偏差原因分析及改进措施：受疫情影响宣传活动推迟，下年度提前安排。" in text
    assert "受众群体满意度：年度指标值 ≥80%，实际完成值 70%" in text
    assert "维稳工作任务完成率：" not in text  # met indicators are not listed


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
