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


def test_summary_sheet_lists_projects_with_counts(demo, workbook_path):
    ws = load_workbook(workbook_path)["汇总"]
    assert ws["A1"].value == "东莞市东坑镇综合治理办公室2024年项目绩效目标汇总表"
    assert [c.value for c in ws[2]][:6] == ["序号", "项目名称", "项目类型", "项目等级", "年度预算金额（元）", "指标数"]
    first = [c.value for c in ws[3]]
    assert first[:6] == [1, "维稳专项经费（常）", "其他特定目标类（部门职能类）", "二级项目", 150000, 11]
    assert first[6:] == [7, 1, 2, 1]  # 产出 / 成本 / 效益 / 满意度
    total = [c.value for c in ws[15]]
    assert total[0] == "合计"
    assert total[4] == sum(t.budget for t in demo.tables)
    assert total[5] == 132


def test_table_sheet_follows_the_official_layout(workbook_path):
    ws = load_workbook(workbook_path)["1.维稳专项经费（常）"]
    column_a = [ws.cell(row=r, column=1).value for r in range(1, 12)]
    assert column_a == ["项目绩效目标表", "项目名称", "项目类型", "项目等级", "主管部门", "用款单位",
                        "实施周期", "2024年预算金额（元）", "总体绩效目标", None, None]
    assert [ws.cell(row=7, column=c).value for c in range(2, 6)] == ["起始年度", 2022, "到期年度", 2024]
    assert ws["B9"].value == "实施周期总目标" and ws["B11"].value == "2024年度目标"
    assert [ws.cell(row=13, column=c).value for c in range(1, 7)] == [
        "绩效指标", "一级指标", "二级指标", "三级指标", "实施周期指标值", "当年度指标值"]
    merged = {str(r) for r in ws.merged_cells.ranges}
    assert {"A1:F1", "B2:F2", "A9:A12", "B14:B20", "C14:C15", "C16:C18", "C19:C20"} <= merged
    assert "B21:B21" not in merged and ws["B21"].value == "成本指标" and ws["C21"].value is None
    # declared sections without indicators are rows of their own
    assert [ws.cell(row=r, column=3).value for r in (22, 23, 24, 25)] == [
        "经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标"]
    assert ws["D22"].value is None
    assert ws.page_setup.paperSize == 9  # A4
    assert ws.column_dimensions["D"].width == 30
    assert ws["D14"].border.left.style == "thin"


def test_targets_are_stored_as_text(workbook_path):
    ws = load_workbook(workbook_path)["1.维稳专项经费（常）"]
    assert ws["E14"].value == "100%" and ws["E14"].data_type == "s"
    assert ws["E19"].value == "2024年内"
    assert ws["E14"].number_format == "@"
