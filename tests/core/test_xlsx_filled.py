"""Reading a template as a person fills it in Excel/WPS."""

from decimal import Decimal

import pytest
from openpyxl import Workbook

from jixiao.core.model import ReadError
from jixiao.core.xlsx_reader import read_xlsx


def _project(ws, top: int, name: str) -> int:
    """Two projects share this sheet; written loosely, the way units fill the template."""
    rows = [
        ["2024年项目绩效目标表"],
        ["项目名称", name],
        ["项目类型", "其他事业发展性支出"],
        ["主管部门", "东莞市东坑镇综合治理办公室"],
        ["实施单位", "东莞市东坑镇综合治理办公室"],
        ["实施周期", "起始年度", "２０２４", "到期年度", 2024],
        ["年度预算金额（万元）", 12.5],
        [],
        ["总体绩效目标", "实施周期总目标", "开展宣传活动"],
        [None, "年度目标", "开展宣传活动不少于2次"],
        ["绩效指标", "一级指标", "二级指标", "三级指标", "实施周期指标值", "当年度指标值"],
        [None, "产出指标", "数量指标", "宣传活动次数", ">=2次", "＞＝２次"],
        [None, None, None, "宣传覆盖率", 0.8, 0.85],
        [],
        [None, None, "时效指标", "完成时间", "2024年12月前", "2024年12月前"],
        [None, "成本指标", None, "预算执行率", 2024, "≥ 90 %"],
        [None, "效益指标", "经济效益指标"],
        [None, None, "社会效益指标", "群众安全意识", "有效提升", "有效提升"],
        [None, "满意度指标", "服务对象满意度指标", "群众满意度", "≥80%", "≥80%"],
    ]
    for n, values in enumerate(rows):
        for col, value in enumerate(values, 1):
            ws.cell(row=top + n, column=col, value=value)
    for r in (top + 12, top + 13):  # typed as numbers in a percent cell
        ws.cell(row=r, column=5).number_format = "0%"
        ws.cell(row=r, column=6).number_format = "0%"
    ws.merge_cells(start_row=top + 11, start_column=2, end_row=top + 14, end_column=2)  # 产出指标
    ws.merge_cells(start_row=top + 11, start_column=3, end_row=top + 12, end_column=3)  # 数量指标
    ws.merge_cells(start_row=top + 16, start_column=2, end_row=top + 17, end_column=2)  # 效益指标
    ws.merge_cells(start_row=top + 1, start_column=2, end_row=top + 1, end_column=6)
    return top + len(rows) + 2


@pytest.fixture
def filled(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    _project(ws, _project(ws, 1, "宣传经费"), "培训经费")
    other = wb.create_sheet("Sheet2")
    _project(other, 3, "第三个项目")
    path = tmp_path / "filled.xlsx"
    wb.save(path)
    return path


def test_reads_every_project_on_every_sheet(filled):
    doc = read_xlsx(filled)
    assert [t.name for t in doc.tables] == ["宣传经费", "培训经费", "第三个项目"]


def test_reads_header_block_and_goals(filled):
    t = read_xlsx(filled).tables[0]
    assert (t.type, t.department, t.unit) == ("其他事业发展性支出", "东莞市东坑镇综合治理办公室", "东莞市东坑镇综合治理办公室")
    assert (t.period_start, t.period_end, t.year) == (2024, 2024, 2024)
    assert t.budget == Decimal("125000")
    assert t.goals.period == "开展宣传活动" and t.goals.annual == "开展宣传活动不少于2次"


def test_merged_cells_blanks_and_typed_values(filled):
    t = read_xlsx(filled).tables[1]
    rows = [(i.level1, i.level2, i.category, i.name, i.period_target.text, i.annual_target.text) for i in t.indicators]
    assert rows == [
        ("产出指标", "数量指标", "quantity", "宣传活动次数", "≥2次", "≥2次"),
        ("产出指标", "数量指标", "quantity", "宣传覆盖率", "80%", "85%"),
        ("产出指标", "时效指标", "timeliness", "完成时间", "2024年12月前", "2024年12月前"),
        ("成本指标", "", "cost", "预算执行率", "2024", "≥90%"),
        ("效益指标", "社会效益指标", "social", "群众安全意识", "有效提升", "有效提升"),
        ("满意度指标", "服务对象满意度指标", "satisfaction", "群众满意度", "≥80%", "≥80%"),
    ]
    assert t.indicators[0].annual_target.op == ">="
    assert ("效益指标", "经济效益指标") in [(s.level1, s.level2) for s in t.sections]


def test_unreadable_cell_is_reported_with_sheet_and_address(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    grid = ["一级指标", "二级指标", "三级指标", "实施周期指标值", "当年度指标值"]
    for n, row in enumerate([["项目名称", "宣传经费"], ["2024年预算金额（元）", "十五万"], grid], 1):
        for col, value in enumerate(row, 1):
            ws.cell(row=n, column=col, value=value)
    wb.save(tmp_path / "bad.xlsx")
    t = read_xlsx(tmp_path / "bad.xlsx").tables[0]
    assert t.budget is None  # the one reader of the header block warns, as for published text
    assert [str(w) for w in t.warnings if "十五万" in w.message] == ["Sheet1!B2：年度预算金额“十五万”不是数字，未使用"]


def test_error_value_is_reported_with_address(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws["A1"], ws["B1"] = "项目名称", "宣传经费"
    ws["A2"], ws["B2"] = "项目类型", "#REF!"
    wb.save(tmp_path / "ref.xlsx")
    with pytest.raises(ReadError, match=r"Sheet!B2：单元格是错误值 #REF!"):
        read_xlsx(tmp_path / "ref.xlsx")
