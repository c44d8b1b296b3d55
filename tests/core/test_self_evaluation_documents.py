"""The 项目支出绩效自评表 as Excel and PDF, from a real scoring of a demo table (docs/domain.md §1.6)."""

import subprocess
from decimal import Decimal

import pdfplumber
import pytest
from openpyxl import load_workbook

from jixiao.core.io import read_document
from jixiao.core.pdf import write_self_evaluation_pdf
from jixiao.core.scoring import Execution, IndicatorInput, allocate_weights, evaluate_table
from jixiao.core.xlsx import write_self_evaluation_xlsx
from jixiao.demo import DEMO_DOCUMENT

GOAL_ACTUAL = "全年开展维稳宣传两次，维稳工作任务全部完成。"
REASON = "受疫情影响宣传活动推迟，下年度提前安排。"


@pytest.fixture(scope="module")
def table():
    return read_document(DEMO_DOCUMENT).tables[0]  # 维稳专项经费（常）, 11 indicators


def achieved(table, not_applicable=()):
    """Every indicator met: its target as the actual; rated ones 达成 with full points."""
    na = [i in not_applicable for i in range(len(table.indicators))]
    weights = allocate_weights(table.indicators, not_applicable=na)
    return [IndicatorInput(not_applicable=True) if skip else
            IndicatorInput(actual=i.annual_target.text, rating="达成", rating_score=w)
            for i, w, skip in zip(table.indicators, weights, na)]


@pytest.fixture(scope="module")
def scored(table):
    inputs = achieved(table)
    inputs[1] = IndicatorInput(actual="2次", deviation_analysis=REASON)
    inputs[10] = IndicatorInput(actual="70%")
    execution = Execution(Decimal(150000), Decimal(150000), Decimal(135000))
    return evaluate_table(table, inputs, execution), execution


@pytest.fixture(scope="module")
def sheet(table, scored, tmp_path_factory):
    evaluation, execution = scored
    path = tmp_path_factory.mktemp("se") / "se.xlsx"
    write_self_evaluation_xlsx(table, evaluation, path, execution=execution, goal_actual=GOAL_ACTUAL)
    return load_workbook(path).active


@pytest.fixture(scope="module")
def pdf(table, scored, tmp_path_factory):
    evaluation, execution = scored
    path = tmp_path_factory.mktemp("se") / "se.pdf"
    write_self_evaluation_pdf(table, evaluation, path, execution=execution, goal_actual=GOAL_ACTUAL)
    return path


def _rows(ws):
    return [[c.value for c in row] for row in ws.iter_rows()]


def _row(ws, first):
    return next(r for r in _rows(ws) if first in r)


def test_scoring_of_the_fixture_is_as_expected(scored):
    evaluation, _ = scored
    assert evaluation.budget.rate == Decimal("0.9") and evaluation.budget.score == Decimal("9.00")
    assert evaluation.total < 100 and evaluation.grade in ("优", "良")


def test_xlsx_has_title_facts_and_funds_in_wan_yuan(sheet, table):
    assert sheet["A1"].value == "2024年度项目支出绩效自评表"
    assert _row(sheet, "项目名称")[:2] == ["项目名称", "维稳专项经费（常）"]
    assert _row(sheet, "实施单位")[1] == table.unit
    header = _row(sheet, "年初预算数")
    assert header[0] == "项目资金（万元）"
    assert header[3:] == ["年初预算数", "全年预算数（A）", "全年执行数（B）", "分值", "执行率（B/A）", "得分"]
    total = _row(sheet, "年度资金总额")
    assert [float(v) for v in total[3:]] == [15.0, 15.0, 13.5, 10.0, 0.9, 9.0]
    assert sheet.cell(row=sheet.max_row, column=1).value == "总分"
    assert _row(sheet, "其中：当年财政拨款")[6:] == ["–", "–", "–"]


def test_xlsx_goals_and_indicator_grid_with_block_points(sheet, table, scored):
    evaluation, _ = scored
    goals = _row(sheet, "预期目标")
    assert goals[0] == "年度总体目标" and goals[5] == "实际完成情况"
    texts = _rows(sheet)[_rows(sheet).index(goals) + 1]
    assert texts[1] == table.goals.annual and texts[5] == GOAL_ACTUAL
    header = _row(sheet, "三级指标")
    assert header == ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分",
                      "偏差原因分析及改进措施"]
    start = _rows(sheet).index(header) + 1
    grid = _rows(sheet)[start:start + len(table.indicators)]
    assert grid[0][1] == "产出指标(50分)" and grid[0][2] == "数量指标"
    assert grid[1][3:6] == ["维稳宣传活动次数", "≥4次", "2次"] and grid[1][8] == REASON
    assert Decimal(str(grid[1][7])) == evaluation.indicators[1].score < Decimal(str(grid[1][6]))
    assert "满意度指标(10分)" in [r[1] for r in grid]
    assert sum(Decimal(str(r[7])) for r in grid) + evaluation.budget.score == evaluation.total
    assert sheet.cell(row=sheet.max_row, column=9).value == f"等级：{evaluation.grade}"
    merged = {str(m) for m in sheet.merged_cells.ranges}
    assert f"B{start + 1}:B{start + 8}" in merged  # 产出指标 spans its eight rows


def test_pdf_text_has_the_official_headings_names_and_scores(pdf, table, scored):
    evaluation, _ = scored
    with pdfplumber.open(pdf) as doc:
        assert len(doc.pages) == 1
        page = doc.pages[0]
        cells = ["".join((c or "").split()) for t in page.extract_tables() for row in t for c in row]
        text = "|".join(cells + ["".join(page.extract_text().split())])
    for expected in ("2024年度项目支出绩效自评表", "维稳专项经费（常）", table.unit, "项目资金（万元）",
                     "全年预算数（A）", "执行率（B/A）", "90.00%", "年度总体目标", "实际完成情况", GOAL_ACTUAL,
                     "产出指标(50分)", "效益指标(30分)", "满意度指标(10分)", "维稳宣传活动次数",
                     "偏差原因分析及改进措施", f"{evaluation.total:.2f}", f"等级：{evaluation.grade}", "第1页/共1页"):
        assert expected.replace(" ", "") in text, expected


def test_pdf_renders_to_png_with_ink(pdf, tmp_path):
    from PIL import Image

    subprocess.run(["pdftoppm", "-r", "50", "-png", str(pdf), str(tmp_path / "page")], check=True)
    page = Image.open(next(tmp_path.glob("page-*.png"))).convert("L")
    dark = sum(page.histogram()[:128])
    assert dark > page.width * page.height * 0.01  # the ruled table and text are drawn


def test_not_applicable_indicator_is_marked_and_not_scored(table, tmp_path):
    inputs = achieved(table, not_applicable=(2,))
    evaluation = evaluate_table(table, inputs, Execution(None, Decimal(100), Decimal(100)))
    write_self_evaluation_xlsx(table, evaluation, tmp_path / "na.xlsx")
    row = _row(load_workbook(tmp_path / "na.xlsx").active, table.indicators[2].name)
    assert row[6:8] == ["不适用", "–"]
    assert evaluation.total == Decimal("100.00")


def test_summary_sheet_gets_a_review_status_column_only_when_given(tmp_path):
    from jixiao.core.xlsx import write_xlsx

    tables = read_document(DEMO_DOCUMENT).tables
    statuses = ["已审核通过"] + ["草稿"] * (len(tables) - 1)
    write_xlsx(tables, tmp_path / "s.xlsx", statuses=statuses)
    write_xlsx(tables, tmp_path / "plain.xlsx")
    with_status, plain = (load_workbook(tmp_path / n)["汇总"] for n in ("s.xlsx", "plain.xlsx"))
    assert with_status.cell(row=2, column=11).value == "审核状态"
    assert [with_status.cell(row=r, column=11).value for r in (3, 4)] == ["已审核通过", "草稿"]
    assert plain.cell(row=2, column=11).value is None
    with pytest.raises(ValueError):
        write_xlsx(tables, tmp_path / "bad.xlsx", statuses=["草稿"])
