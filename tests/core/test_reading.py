"""The general reader: grid extraction per shape and format, template recognition, self-evaluations."""

import json
import subprocess
import sys

import pytest
from docx import Document as WordDocument

from jixiao.core.io import read_upload
from jixiao.core.model import ReadError

HEADER = ["一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位", "权重(%)"]
ROWS = [
    ["产出指标", "数量指标", "培训人次", "≥", "500", "人次", "20"],
    ["", "质量指标", "培训合格率", "≥", "95", "%", "20"],
    ["效益指标", "社会效益指标", "群众知晓率", "定性", "明显提高", "", "30"],
    ["满意度指标", "服务对象满意度指标", "学员满意度", "≥", "90", "%", "30"],
]
EXPECTED = [
    ("产出指标", "数量指标", "培训人次", "≥500人次", "20"),
    ("产出指标", "质量指标", "培训合格率", "≥95%", "20"),
    ("效益指标", "社会效益指标", "群众知晓率", "明显提高", "30"),
    ("满意度指标", "服务对象满意度指标", "学员满意度", "≥90%", "30"),
]
FACTS = [["项目名称", "基层干部培训"], ["实施单位", "某县委党校"]]


def _shapes():
    rows = [*FACTS, HEADER, *ROWS]
    yield "tab", "\n".join("\t".join(r) for r in rows)
    yield "pipe", "\n".join(" | ".join(r) + " |" for r in rows)
    yield "pipe-per-line", "\n".join(c + " |" for r in rows for c in r if c)
    yield "one-cell-per-line", "\n\n".join(c or " " for r in rows for c in r)
    yield "spaces", "\n".join("  ".join(c for c in r if c) for r in rows)


@pytest.mark.parametrize("shape, text", list(_shapes()), ids=[s for s, _ in _shapes()])
def test_every_separator_shape_reads_the_same_table(shape, text):
    doc = read_upload(("项目支出绩效目标表\n" + text).encode(), f"{shape}.txt")
    [t] = doc.tables
    assert (t.name, t.unit, t.kind) == ("基层干部培训", "某县委党校", "targets")
    got = [(i.level1, i.level2, i.name, i.annual_target.text, str(i.weight)) for i in t.indicators]
    assert got == EXPECTED
    assert t.indicators[0].annual_target.op == ">=" and t.indicators[0].annual_target.unit == "人次"
    assert t.indicators[0].source.line > 1


def test_two_column_sets_side_by_side():
    text = "\n".join(" | ".join(r) for r in [
        ["项目绩效目标表"], ["项目名称", "农产品检测"],
        ["一级指标", "二级指标", "三级指标", "指标值", "二级指标", "三级指标", "指标值"],
        ["产出指标", "数量指标", "抽检批次", "≥300批", "数量指标", "抽检批次", "≥100批"],
        ["质量指标", "检测合格率", "≥98%", "质量指标", "检测合格率", "≥98%"],
    ])
    [t] = read_upload(text.encode(), "two.txt").tables
    assert [(i.name, i.period_target.text, i.annual_target.text) for i in t.indicators] == [
        ("抽检批次", "≥300批", "≥100批"), ("检测合格率", "≥98%", "≥98%")]


SELF_EVALUATION = """项目支出绩效自评表（2023年度）
项目名称 | 道路养护 |
主管部门 | 某县交通运输局 | 实施单位 | 某县公路中心 |
项目资金（万元） | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |
年度资金总额 | 80 | 80 | 76 | 10 | 95% | 9.5 |
一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施 |
产出指标 | 数量指标 | 养护里程 | ≥120公里 | 118公里 | 50 | 49 | 雨季停工 |
效益指标 | 社会效益指标 | 通行条件 | 明显改善 | 明显改善 | 30 | 30 | |
满意度指标 | 服务对象满意度指标 | 群众满意度 | ≥90% | 93% | 10 | 10 | |
总分 | 100 | 98.5 |
自评等级 | 优 |
"""


def _execution_of(text: str, name: str = "self.txt") -> dict:
    return next(t.execution for t in read_upload(text.encode(), name).tables if t.execution)


def test_execution_money_unit_from_the_heading_over_the_block():
    text = SELF_EVALUATION.replace("项目资金（万元） | 年初预算数", "资金情况 (万元) |\n年初预算数")
    assert _execution_of(text)["money_unit"] == "万元"
    assert _execution_of(text.replace("(万元)", ""))["money_unit"] is None


def test_execution_given_as_heading_value_pairs():
    text = SELF_EVALUATION.replace(
        "项目资金（万元） | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |\n年度资金总额 | 80 | 80 | 76 | 10 | 95% | 9.5 |",
        "金额单位: | 万元 |\n预算安排情况 | 资金到位情况 | 资金执行情况 | 预算执行进度(%) |\n"
        "预算数 | 80 | 到位数 | 80 | 执行数 | 76 | 95.00 |")
    assert _execution_of(text) == {"budget_initial": None, "budget_full_year": "80", "spent": "76", "rate": "95.00",
                                   "weight": None, "score": None, "money_unit": "万元"}


def test_execution_pairs_one_cell_per_line_with_the_score_in_the_right_column():
    text = "区域绩效目标自评表\n\n专项名称\n\n道路养护\n\n预算执行情况\n\n预算数:\n\n80\n\n执行数:\n\n76\n\n9\n\n" \
           "其中:中央补助\n\n76 万元\n\n一级指标\n\n二级指标\n\n三级指标\n\n年度指标值\n\n实际完成值\n\n" \
           "产出指标\n\n数量指标\n\n养护里程\n\n≥120公里\n\n118公里\n\n"
    assert _execution_of(text) == {"budget_initial": None, "budget_full_year": "80", "spent": "76", "rate": None,
                                   "weight": None, "score": "9", "money_unit": "万元"}


def test_an_indicator_named_like_an_execution_heading_stays_an_indicator():
    text = SELF_EVALUATION.replace("效益指标 | 社会效益指标 |", " | | 预算执行率 | 90 | 95 | 10 | 10 |\n效益指标 | 社会效益指标 |")
    [t] = read_upload(text.encode(), "self.txt").tables
    assert "预算执行率" in [i.name for i in t.indicators]
    assert t.execution["rate"] == "95%"


def test_execution_run_together_is_parted_where_the_rate_agrees():
    from jixiao.core.reading.recognise import _part_numbers

    keys = ["budget_full_year", "spent", "weight", "rate", "score"]
    assert _part_numbers("202010100.00%10", keys) == ["20", "20", "10", "100.00%", "10"]
    assert _part_numbers("3002701090.00%9", keys) == ["300", "270", "10", "90.00%", "9"]
    assert _part_numbers("1212", ["spent", "score"]) is None  # 1|212, 12|12 or 121|2: not certain, read nothing


def test_self_evaluation_is_read_into_the_core_model(tmp_path):
    [t] = read_upload(SELF_EVALUATION.encode(), "self.txt").tables
    assert (t.kind, t.name, t.year) == ("self_evaluation", "道路养护", 2023)
    assert t.execution == {"budget_initial": "80", "budget_full_year": "80", "spent": "76", "weight": "10",
                           "rate": "95%", "score": "9.5", "money_unit": "万元"}
    first = t.indicators[0]
    assert (first.annual_target.text, first.actual, str(first.weight), str(first.score), first.deviation) == (
        "≥120公里", "118公里", "50", "49", "雨季停工")
    assert (str(t.published_total), t.published_grade) == ("98.5", "优")


def test_parse_prints_a_self_evaluation_that_evaluate_accepts(tmp_path):
    source = tmp_path / "self.txt"
    source.write_text(SELF_EVALUATION, encoding="utf-8")
    parsed = subprocess.run([sys.executable, "-m", "jixiao.cli", "parse", "-q", str(source)], capture_output=True, text=True)
    assert parsed.returncode == 0, parsed.stderr
    data = json.loads(parsed.stdout)
    table = data["tables"][0]
    assert table["kind"] == "self_evaluation" and table["published_total"] == "98.5"
    first = table["indicators"][0]
    assert {k: first[k] for k in ("actual", "weight", "score", "deviation")} == {
        "actual": "118公里", "weight": "50", "score": "49", "deviation": "雨季停工"}
    assert 0 < table["confidence"] <= 1
    as_json = tmp_path / "self.json"
    as_json.write_text(parsed.stdout, encoding="utf-8")
    scored = subprocess.run([sys.executable, "-m", "jixiao.cli", "evaluate", str(as_json)], capture_output=True, text=True)
    assert scored.returncode == 0, scored.stderr
    assert json.loads(scored.stdout)["tables"][0]["grade"] in ("优", "良", "中", "差")


def test_saved_web_page_with_merged_cells():
    html = """<html><head><title>x</title><style>td{}</style></head><body>
    <h2>项目支出绩效目标表</h2><p>项目名称：社区养老服务</p>
    <table><tr><th>一级指标</th><th>二级指标</th><th>三级指标</th><th>指标值</th></tr>
    <tr><td rowspan="2">产出指标</td><td>数量指标</td><td>服务老人人数</td><td>≥300人</td></tr>
    <tr><td>时效指标</td><td>服务完成时间</td><td>2024年12月前</td></tr>
    <tr><td colspan="2">满意度指标</td><td>老人满意度</td><td>≥90%</td></tr></table></body></html>"""
    [t] = read_upload(html.encode(), "page.html").tables
    assert t.name == "社区养老服务"
    assert [(i.level1, i.level2, i.name, i.annual_target.text) for i in t.indicators] == [
        ("产出指标", "数量指标", "服务老人人数", "≥300人"),
        ("产出指标", "时效指标", "服务完成时间", "2024年12月前"),
        ("满意度指标", "", "老人满意度", "≥90%"),
    ]


def test_word_table_with_merged_cells(tmp_path):
    word = WordDocument()
    word.add_paragraph("部门预算项目绩效目标申报表")
    word.add_paragraph("项目名称：村级公路建设")
    grid = word.add_table(rows=4, cols=4)
    for r, values in enumerate([HEADER[:3] + ["指标值"], ["产出指标", "数量指标", "新建公路", "≥12公里"],
                                ["", "质量指标", "验收合格率", "100%"], ["效益指标", "社会效益指标", "通行时间缩短", "明显"]]):
        for c, value in enumerate(values):
            grid.cell(r, c).text = value
    grid.cell(1, 0).merge(grid.cell(2, 0))  # 产出指标 over two rows
    path = tmp_path / "table.docx"
    word.save(path)
    [t] = read_upload(path.read_bytes(), "table.docx").tables
    assert t.name == "村级公路建设"
    assert [(i.level1, i.name, i.annual_target.text) for i in t.indicators] == [
        ("产出指标", "新建公路", "≥12公里"), ("产出指标", "验收合格率", "100%"), ("效益指标", "通行时间缩短", "明显")]


@pytest.mark.parametrize("text", [
    "这是一封普通的信，没有表格。\n第二行。\n",
    "项目绩效目标表\n一级指标 | 二级指标 | 三级指标 | 指标值 |\n",  # headers and nothing else
    "项目支出绩效目标表\n项目名称 | 某项目 |\n主管部门 | 某局 |\n",
])
def test_no_table_is_one_line_error_never_a_table_of_headers(text):
    with pytest.raises(ReadError) as err:
        read_upload(text.encode(), "none.txt")
    assert str(err.value).startswith("none.txt:1: 没有找到") and "\n" not in str(err.value)


def test_damaged_word_file_is_one_line_error():
    with pytest.raises(ReadError, match="已损坏"):
        read_upload(b"PK\x03\x04 not really a zip", "bad.docx")


def test_a_self_evaluation_is_not_imported_as_target_tables():
    from jixiao.core.io import target_tables

    doc = read_upload(SELF_EVALUATION.encode(), "self.txt")
    with pytest.raises(ReadError, match="这是绩效自评表（道路养护），不是绩效目标表"):
        target_tables(doc)


def test_sub_headings_split_the_heading_above_them():
    """预期指标值 over 符号 / 单位 (the 数值 heading left empty), 自评得分 over 单项指标得分 / 权重占比 /
    折算得分: each heading is replaced by the sub-headings under it."""
    text = "\n".join([
        "项目绩效自评表",
        "项目名称: 高龄津贴",
        "一级指标 二级指标 三级指标 预期指标值 实际完成值 自评得分",
        "符号 单位(文字描述) 单项指标得分 权重占比(%) 单项指标折算得分",
        "产出指标 质量指标 覆盖率 >= 98 %(百分比) 100% 25.00 40.00 10.00",
        "效益指标 社会效益指标 发放率 >= 75 % 100% 30.00 60.00 18.00",
    ])
    [t] = read_upload(text.encode(), "sub.txt").tables
    got = [(i.name, i.annual_target.text, i.actual, str(i.score), str(i.weight)) for i in t.indicators]
    assert got == [("覆盖率", ">=98%(百分比)", "100%", "25.00", "40.00"), ("发放率", ">=75%", "100%", "30.00", "60.00")]


def test_block_points_after_the_headings_make_a_score_column():
    """Given one cell per line, a number right after the headings (the block's points in the right
    column) stands over each indicator's score."""
    cells = ["区域绩效目标自评表", "专项名称", "食品监管", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成指标值", "50",
             "产出指标", "质量指标", "指标1:违法案件查办率", "100%", "100%", "4",
             "指标2:宣传活动", "已完成", "已完成", "3", "时效指标", "指标1:完成时间", "2021年12月31日", "2021年12月31日", "5"]
    [t] = read_upload("\n\n".join(cells).encode(), "stream.txt").tables
    got = [(i.level2, i.name, i.annual_target.text, i.actual, str(i.score)) for i in t.indicators]
    assert got == [
        ("质量指标", "指标1:违法案件查办率", "100%", "100%", "4"),
        ("质量指标", "指标2:宣传活动", "已完成", "已完成", "3"),
        ("时效指标", "指标1:完成时间", "2021年12月31日", "2021年12月31日", "5"),
    ]


def test_a_table_run_together_inside_a_line_is_read_by_content():
    """Text from a Word file with no separator at all: the heading run is found inside the line
    (the 三级指标 heading lost), names end where the explanation column opens (反映…), values end
    at their unit; a numbered section after the table ends it."""
    text = ("项目支出绩效目标表\n项目名称办公楼运行保障项目类别本级支出绩效指标一级指标二级指标绩效标准当年预期实现值"
            "数量指标日常维修维护次数反映全年维修维护情况280次安检巡察次数反映保卫巡检情况200次"
            "质量指标维修验收合格率反映维修质量情况>92%(二)项目资金使用情况本年安排资金10万元")
    [t] = read_upload(text.encode(), "glued.txt").tables
    got = [(i.level2, i.name, i.annual_target.text) for i in t.indicators]
    assert got == [("数量指标", "日常维修维护次数", "280次"), ("数量指标", "安检巡察次数", "200次"),
                   ("质量指标", "维修验收合格率", ">92%")]
    assert t.indicators[0].source.line == 2


def test_values_glued_to_each_other_are_parted_by_what_the_table_makes_certain():
    """分值 | 年度指标值 | 全年实际值 | 得分 run together: the weight before a target its actual
    repeats, a qualitative target its actual repeats; a bare target and the weight after it. The
    总分 row and the notes under the table close it."""
    evaluation = ("绩效目标自评表\n一级指标二级指标三级指标分值年度指标值全年实际值得分\n"
                  "产出指标(40分)数量指标指标1免费发放原原种8550万粒550万粒8指标2企业自行采购8200万粒200万粒8\n"
                  "成本指标指标1种薯采购价格不高于市场价8是是8生态效益指标1农药使用量较上年减少82%2%8"
                  "……总分100100注:1.一级指标分值统一设置为:产出指标50分、效益指标30分,分别按照80%(含80%)确定得分")
    [t] = read_upload(evaluation.encode(), "glued-evaluation.txt").tables
    got = [(i.name, i.annual_target.text, i.actual, str(i.weight), str(i.score)) for i in t.indicators]
    assert got == [
        ("免费发放原原种", "550万粒", "550万粒", "8", "8"),
        ("企业自行采购", "200万粒", "200万粒", "8", "8"),
        ("种薯采购价格不高于市场价", "是", "是", "8", "8"),
        ("农药使用量较上年减少", "2%", "2%", "8", "8"),
    ]
    targets = ("项目绩效评价指标表\n评价指标评价内容指标名称指标说明目标值分值备注\n"
               "产出数量指标享受资助人数达到预计值210010\n资金支出率达到目标值95%10\n质量指标及时发放率100%20\n总分\n100")
    [t] = read_upload(targets.encode(), "glued-targets.txt").tables
    got = [(i.level1, i.level2, i.name, i.annual_target.text, str(i.weight)) for i in t.indicators]
    assert got == [("产出", "数量指标", "享受资助人数", "2100", "10"), ("产出", "数量指标", "资金支出率", "95%", "10"),
                   ("产出", "质量指标", "及时发放率", "100%", "20")]


# --- provenance: file, sheet/page/table, row and column of every value ---------------------------


def _two_sheet_workbook() -> bytes:
    import io

    from openpyxl import Workbook

    book = Workbook()
    first = book.active
    first.title = "说明"
    first.append(["本工作簿的第二张表是绩效目标表"])
    sheet = book.create_sheet("目标表")
    for row in [["项目支出绩效目标表"], ["项目名称", "基层干部培训"], ["实施单位", "某县委党校"], [], HEADER, *ROWS]:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_every_value_keeps_its_sheet_row_and_column():
    doc = read_upload(_two_sheet_workbook(), "外省.xlsx")
    [t] = doc.tables
    first = t.indicators[0]
    assert first.name == "培训人次"
    assert first.source == ("外省.xlsx", 6, 2, "工作表“目标表”")  # row 6 of the sheet, column C
    assert first.annual_target.source == ("外省.xlsx", 6, 4, "工作表“目标表”")  # the 指标值 cell (E)
    assert t.sources["name"].part == "工作表“目标表”" and t.sources["name"].line == 2
    assert str(first.source) == "外省.xlsx:工作表“目标表”:6:2"
    # a warning names the sheet and the row (the note on the first sheet looked like a title)
    assert [str(w) for w in doc.warnings] == ["工作表“说明”第1行：此处的表格没有读到任何三级指标，已略过"]


def test_provenance_survives_the_json_form():
    from jixiao.core.jsonio import dumps, loads

    doc = read_upload(_two_sheet_workbook(), "外省.xlsx")
    again = loads(dumps(doc), file="外省.json")
    assert again.tables[0].indicators[0].source == doc.tables[0].indicators[0].source
    assert [str(w) for w in again.tables[0].warnings] == [str(w) for w in doc.tables[0].warnings]


def test_a_word_table_row_is_counted_within_its_table(tmp_path):
    word = WordDocument()
    word.add_paragraph("项目支出绩效目标表")
    word.add_paragraph("项目名称：基层干部培训")
    table = word.add_table(rows=0, cols=len(HEADER))
    for row in [HEADER, *ROWS]:
        cells = table.add_row().cells
        for n, text in enumerate(row):
            cells[n].text = text
    word.save(tmp_path / "t.docx")
    [t] = read_upload((tmp_path / "t.docx").read_bytes(), "t.docx").tables
    assert t.indicators[1].source == ("t.docx", 3, 2, "第1个表格")
    assert t.indicators[1].annual_target.source.part == "第1个表格"


def test_a_pdf_value_names_its_page(demo_pdf):
    from jixiao.core.pdf_reader import read_pdf

    doc = read_pdf(demo_pdf)
    sources = [i.source for t in doc.tables for i in t.indicators]
    assert all(s is not None and s.part and s.part.startswith("第") and s.part.endswith("页") for s in sources)
    assert len({s.part for s in sources}) > 5  # the 12 tables run over many pages
    assert doc.tables[0].indicators[0].annual_target.source.part == sources[0].part


def test_lines_of_joined_pages_are_moved_to_their_page():
    """Text read from a PDF's pages is read as one text; each line is then given back to its page."""
    from jixiao.core.reading.documents import read_text_tables, relocate

    text = "\n".join(["项目支出绩效目标表", "项目名称 | 培训", *(" | ".join(r) for r in [HEADER, *ROWS])])
    doc = read_text_tables(text, "x.pdf")
    relocate(doc, lambda line: ("第1页", line) if line <= 4 else ("第2页", line - 4))
    [t] = doc.tables
    assert [(i.source.part, i.source.line) for i in t.indicators] == [("第1页", 4), ("第2页", 1), ("第2页", 2), ("第2页", 3)]
