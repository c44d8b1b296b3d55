"""The published-text reader, on the bundled demo document and on small hand-made damage."""

from decimal import Decimal

import pytest

from jixiao.core import categories
from jixiao.core.io import read_document, read_upload
from jixiao.core.model import ReadError
from jixiao.core.published import read_published, split_line
from jixiao.demo import DEMO_DOCUMENT

DEMO_NAMES = [
    "维稳专项经费（常）",
    "基层防线办经费（常）",
    "横沥检察室补助经费（常）",
    "综合经费",
    "“东莞市东坑平安建设促进会”专项经费",
    "法学会经费",
    "中立法律服务社经费",
    "综治中心绩效奖励",
    "信访事项经费",
    "扫黑除恶专项斗争工作经费",
    "平安建设治理经费",
    "法院、检察院定额经费镇街承担部分",
]
DEMO_COUNTS = [11, 10, 10, 11, 10, 9, 10, 9, 20, 9, 15, 8]


@pytest.fixture(scope="module")
def demo():
    return read_document(DEMO_DOCUMENT)


def table(demo, name):
    return next(t for t in demo.tables if t.name == name)


def indicator(t, name):
    return next(i for i in t.indicators if i.name == name)


def test_demo_has_all_tables_and_indicators_in_order(demo):
    assert [t.name for t in demo.tables] == DEMO_NAMES
    assert [len(t.indicators) for t in demo.tables] == DEMO_COUNTS
    assert sum(DEMO_COUNTS) == 132


def test_demo_facts(demo):
    t = table(demo, "横沥检察室补助经费（常）")
    assert (t.type, t.level) == ("其他事业发展性支出", "二级项目")
    assert t.department == t.unit == "东莞市东坑镇综合治理办公室"
    assert (t.period_start, t.period_end, t.year) == (2022, 2024, 2024)
    assert t.budget == Decimal("360000")
    assert t.goals.period.startswith("补助监察室6人")
    assert t.goals.annual.startswith("补助监察室6人，进一步确保")
    assert t.sources["budget"].line == 66


def test_half_width_bracket_budget_label(demo):
    t = table(demo, "法院、检察院定额经费镇街承担部分")
    assert t.budget == Decimal("1560000") and t.year == 2024


def test_every_indicator_has_a_category_and_both_targets(demo):
    for t in demo.tables:
        for ind in t.indicators:
            assert ind.category in categories_list(), (t.name, ind.name)
            assert ind.period_target is not None and ind.annual_target is not None, (t.name, ind.name)


def categories_list():
    from jixiao.core.model import CATEGORIES

    return CATEGORIES


@pytest.mark.parametrize(
    "table_name, name, category, period, annual",
    [
        # row shifted left by one, 成本指标 as 一级
        ("维稳专项经费（常）", "预算执行率（%）", "cost", "≥80%", "≥80%"),
        # 成本指标 as 二级 under 产出, then a row shifted left by two
        ("横沥检察室补助经费（常）", "部门预算执行率", "cost", "≥90%", "≥90%"),
        ("横沥检察室补助经费（常）", "监察室补助标准", "cost", "45000元/人/年", "45000元/人/年"),
        # 二级 label in the wrong column and only one target value
        ("综治中心绩效奖励", "绩效奖励发放合规率", "quality", "100%", "100%"),
        ("综治中心绩效奖励", "绩效奖励发放准确率", "quality", "100%", "100%"),
        ("综治中心绩效奖励", "绩效奖励标准", "cost", "良好等级：500元/人；优秀等级：1500元/人", "良好等级：500元/人；优秀等级：1500元/人"),
        # 二级 labels in column 1, a row shifted by two
        ("信访事项经费", "促进信访法治建设", "sustainability", "促进长效建设", "促进长效建设"),
        ("信访事项经费", "维持合理的信访诉求秩序", "sustainability", "长期", "长期"),
        ("信访事项经费", "服务对象满意度", "satisfaction", "≥80%", "≥80%"),
        ("信访事项经费", "信访宣传制品单价", "cost", "1.25元/份", "1.25元/份"),
        ("扫黑除恶专项斗争工作经费", "宣传品单价", "cost", "≥1.6元/份（个）", "≥1.6元/份（个）"),
        ("扫黑除恶专项斗争工作经费", "宣传覆盖率（%）", "quality", "≥85%", "≥85%"),
        ("平安建设治理经费", "平安出租屋创建完成及时率", "timeliness", "≥90%", "≥90%"),
        ("平安建设治理经费", "完善社会治理现代化管理机制", "social", "良好", "良好"),
        ("平安建设治理经费", "提高社会群众的安全防范意识", "sustainability", "长期提高", "长期提高"),
        ("法院、检察院定额经费镇街承担部分", "辅助人员工作考核达标率", "quality", "≥90%", "≥90%"),
        ("法院、检察院定额经费镇街承担部分", "辅助人员聘用成本标准", "cost", "≥12万元/年", "≥12万元/年"),
        ("中立法律服务社经费", "法律咨询服务人员的数量", "quantity", "1人/每周三", "1人/每周三"),
    ],
)
def test_damaged_rows_are_repaired(demo, table_name, name, category, period, annual):
    ind = indicator(table(demo, table_name), name)
    assert ind.category == category
    assert ind.period_target.text == period
    assert ind.annual_target.text == annual


def test_cost_at_either_level(demo):
    one = indicator(table(demo, "维稳专项经费（常）"), "预算执行率（%）")
    two = indicator(table(demo, "横沥检察室补助经费（常）"), "部门预算执行率")
    assert (one.level1, one.level2) == ("成本指标", "")
    assert (two.level1, two.level2) == ("产出指标", "成本指标")
    assert one.category == two.category == "cost"


def test_missing_satisfaction_indicator_is_kept_as_a_section_and_warned(demo):
    for name, line in (("平安建设治理经费", 314), ("法院、检察院定额经费镇街承担部分", 341)):
        t = table(demo, name)
        assert not t.indicators_in("satisfaction")
        assert any(s.category == "satisfaction" for s in t.sections)
        assert any(w.line == line and "没有三级指标" in w.message for w in t.warnings)


def test_split_words_and_separator_are_reported(demo):
    t = table(demo, "平安建设治理经费")
    assert any(w.line == 314 and "多余空格" in w.message for w in t.warnings)
    assert any(w.line == 315 and "分隔线" in w.message for w in t.warnings)
    assert ("满意度指标", "服务对象满意度指标") in {(s.level1, s.level2) for s in t.sections}


def test_empty_level2_categories_are_sections(demo):
    t = table(demo, "信访事项经费")
    empty = [s.level2 for s in t.sections if not any(i.level2 == s.level2 and i.level1 == s.level1 for i in t.indicators)]
    assert empty == ["经济效益指标", "生态效益指标"]


def test_repaired_lines_are_named(demo):
    lines = {w.line for t in demo.tables for w in t.warnings}
    # shifted rows, a single target value, goal text in column 1, split words, a separator
    assert {24, 78, 208, 209, 231, 253, 271, 306, 314, 315, 333} <= lines
    untouched = {17, 18, 45, 72, 233}
    assert not (lines & untouched)


def test_no_nonempty_cell_is_silently_dropped(demo):
    seen = set()
    for t in demo.tables:
        seen.update(
            [t.name, t.type, t.level, t.department, t.unit, str(t.period_start), str(t.period_end), str(t.budget)]
        )
        seen.update(t.goals.period.split("\n") + t.goals.annual.split("\n"))
        for s in t.sections:
            seen.update([s.level1, s.level2])
        for i in t.indicators:
            seen.update([i.level1, i.level2, i.name])
            seen.update(v.text for v in (i.period_target, i.annual_target) if v)
    warnings = " ".join(w.message for t in demo.tables for w in t.warnings)
    structure = {"项目绩效目标表", "项目名称", "项目类型", "项目等级", "主管部门", "用款单位", "实施周期",
                 "起始年度", "到期年度", "总体绩效目标", "实施周期总目标", "2024年度目标", "绩效指标",
                 "一级指标", "二级指标", "三级指标", "实施周期指标值", "当年度指标值",
                 "2024年预算金额（元）", "2024年预算金额(元)"}
    for number, line in enumerate(DEMO_DOCUMENT.read_text(encoding="utf-8").splitlines(), 1):
        for cell in split_line(line):
            if not cell or cell in structure:
                continue
            assert cell in seen or categories.compact(cell) in seen or cell in warnings, (number, cell)


# --- small hand-made documents -------------------------------------------------------------

HEAD = """项目绩效目标表
项目名称\t测试项目
项目类型\t其他特定目标类
项目等级\t二级项目
主管部门\t某镇财政分局
用款单位\t某镇综合办
实施周期\t起始年度\t2023\t到期年度\t2025
2024年预算金额（元）\t120000
总体绩效目标\t实施周期总目标
\t三年完成宣传
\t2024年度目标
\t本年完成宣传
绩效指标\t一级指标\t二级指标\t三级指标\t实施周期指标值\t当年度指标值
"""


def read_rows(*rows: str):
    doc = read_published(HEAD + "\n".join(rows) + "\n", file="t.txt")
    assert len(doc.tables) == 1
    return doc.tables[0]


def test_clean_rows_need_no_repair():
    t = read_rows("\t产出指标\t数量指标\t宣传次数\t≥12次\t≥4次", "\t\t\t宣传人数\t≥300人\t≥100人")
    assert [(i.category, i.name, i.period_target.text, i.annual_target.text) for i in t.indicators] == [
        ("quantity", "宣传次数", "≥12次", "≥4次"),
        ("quantity", "宣传人数", "≥300人", "≥100人"),
    ]
    assert t.warnings == []
    assert (t.period_start, t.period_end, t.year, t.budget) == (2023, 2025, 2024, Decimal("120000"))
    assert (t.goals.period, t.goals.annual) == ("三年完成宣传", "本年完成宣传")


def test_row_shifted_left_by_two():
    t = read_rows("\t产出指标\t质量指标\t合格率\t100%\t100%", "\t次品率\t≤1%\t≤1%")
    assert t.indicators[1].name == "次品率" and t.indicators[1].category == "quality"
    assert t.indicators[1].annual_target.text == "≤1%"
    assert "向左错位2列" in t.warnings[0].message and t.warnings[0].line == 15


def test_row_shifted_right():
    t = read_rows("\t产出指标\t质量指标\t合格率\t100%\t100%", "\t\t\t\t次品率\t≤1%\t≤1%")
    assert (t.indicators[1].name, t.indicators[1].period_target.text) == ("次品率", "≤1%")
    assert "向右错位1列" in t.warnings[0].message


def test_label_in_wrong_column_and_single_value():
    t = read_rows("\t产出指标\t数量指标\t次数\t4次\t4次", "\t\t\t时效指标\t完成时间\t2024年内")
    ind = t.indicators[1]
    assert (ind.category, ind.level1, ind.level2) == ("timeliness", "产出指标", "时效指标")
    assert ind.period_target.text == ind.annual_target.text == "2024年内"
    assert "只有一个指标值" in t.warnings[0].message


def test_cost_as_level1_and_level2():
    t = read_rows(
        "\t产出指标\t成本指标\t单价\t≤2元/份\t≤2元/份",
        "\t成本指标\t经济成本指标\t总成本\t≤10万元\t≤4万元",
        "成本指标\t预算执行率\t≥90%\t≥90%",
    )
    assert [(i.level1, i.level2, i.category) for i in t.indicators] == [
        ("产出指标", "成本指标", "cost"),
        ("成本指标", "经济成本指标", "cost"),
        ("成本指标", "", "cost"),
    ]


def test_split_words_and_empty_categories():
    t = read_rows(
        "\t效益指标\t经济效益指标",
        "\t\t社会 效益指标\t群众 知晓\t有效提升\t有效提升",
        "满意度指 标\t服务对象满意度指标\t群众满意度\t≥90%\t≥90%",
    )
    assert [(i.category, i.name) for i in t.indicators] == [("social", "群众知晓"), ("satisfaction", "群众满意度")]
    assert [s.level2 for s in t.sections] == ["经济效益指标", "社会效益指标", "服务对象满意度指标"]
    assert all("多余空格" in w.message for w in t.warnings)


def test_separator_line_and_extra_cells_are_warned_not_dropped():
    t = read_rows("\t产出指标\t数量指标\t次数\t4次\t4次\t备注：见附件", "------\t-----\t--")
    assert "备注：见附件" in t.warnings[0].message
    assert "分隔线" in t.warnings[1].message


def test_half_width_and_wan_yuan_budget():
    t = read_published(HEAD.replace("2024年预算金额（元）\t120000", "2024年预算金额(万元)\t12.5") + "\t产出指标\t数量指标\t次数\t4次\t4次\n").tables[0]
    assert t.budget == Decimal("125000.0")


def test_gbk_file_is_read(tmp_path):
    path = tmp_path / "gbk.txt"
    path.write_bytes((HEAD + "\t产出指标\t数量指标\t次数\t4次\t4次\n").encode("gbk"))
    doc = read_document(path)
    assert doc.tables[0].name == "测试项目"
    assert "GB18030" in doc.warnings[0].message


@pytest.mark.parametrize(
    "data, message",
    [
        (b"", "文件为空"),
        (b"  \n\n", "文件为空"),
        (bytes(range(256)) * 4, "不是文本文件"),
        ("这是一封普通的信。\n没有表格。\n".encode(), "没有找到"),
    ],
)
def test_unreadable_input_names_file_and_line(data, message):
    with pytest.raises(ReadError) as err:
        read_upload(data, "bad.txt")
    assert message in str(err.value)
    assert str(err.value).startswith("bad.txt:1: ")


def test_truncated_table_keeps_what_was_read():
    text = HEAD.split("总体绩效目标")[0]
    t = read_published(text + "\n" + HEAD + "\t产出指标\t数量指标\t次数\t4次\t4次\n").tables
    assert len(t) == 2
    assert t[0].name == "测试项目" and t[0].indicators == []
    assert any("表格不完整" in w.message for w in t[0].warnings)
    assert len(t[1].indicators) == 1


def test_table_without_title_line_starts_at_project_name():
    body = HEAD + "\t产出指标\t数量指标\t次数\t4次\t4次\n"
    second = body.replace("项目绩效目标表\n", "").replace("测试项目", "第二个项目")
    doc = read_published(body + second)
    assert [t.name for t in doc.tables] == ["测试项目", "第二个项目"]
    assert "缺少标题" in doc.tables[1].warnings[0].message


def test_period_written_as_a_range():
    t = read_published(HEAD.replace("实施周期\t起始年度\t2023\t到期年度\t2025", "实施周期\t2023—2025年") + "\t产出指标\t数量指标\t次数\t4次\t4次\n").tables[0]
    assert (t.period_start, t.period_end) == (2023, 2025)
    assert not t.warnings


def test_clean_and_repaired_rows_agree():
    """The fast path for clean rows and the general path give the same indicators."""
    clean = read_rows("\t产出指标\t成本指标\t单价\t≤2元/份\t≤2元/份", "\t满意度指标\t服务对象满意度指标\t满意度\t≥90%\t≥90%")
    shifted = read_rows("产出指标\t成本指标\t单价\t≤2元/份\t≤2元/份", "满意度指标\t服务对象满意度指标\t满意度\t≥90%\t≥90%")
    assert clean.indicators == shifted.indicators
    assert clean.sections == shifted.sections
    assert not clean.warnings and len(shifted.warnings) == 2


def test_goal_text_beside_its_label_needs_no_repair():
    doc = read_published(HEAD.replace("总体绩效目标\t实施周期总目标\n\t三年完成宣传\n\t2024年度目标\n\t本年完成宣传",
                                      "总体绩效目标\t实施周期总目标\t三年完成宣传\n\t年度目标\t本年完成宣传")
                         + "\t产出指标\t数量指标\t次数\t4次\t4次\n")
    t = doc.tables[0]
    assert (t.goals.period, t.goals.annual) == ("三年完成宣传", "本年完成宣传")
    assert t.warnings == []
