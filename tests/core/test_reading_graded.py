"""Graded targets (评价标准 优/良/中/差), documents in traditional script, and text columns run together."""

from jixiao.core.io import read_upload
from jixiao.core.reading import glued

HEADING = ["绩效指标分类", "绩效指标", "绩效指标描述", "评价标准", "评价标准确定依据"]
GRADES = ["优", "良", "中", "差"]
ROWS = [
    ["产出指标", "培训覆盖率", "应训人员是否全部参训", "100%", "90%", "85%", "80%", "按培训签到记录评价"],
    ["产出指标", "培训合格人数", "考核合格的学员人数", "500人", "450人", "400人", "300人", "按考核成绩评价"],
    ["效果指标", "学员满意度(%)", "问卷调查中满意的学员占比", "90%", "85%", "80%", "70%", "按问卷调查结果评价"],
]
EXPECTED = [("产出指标", "培训覆盖率", "100%"), ("产出指标", "培训合格人数", "500人"), ("效果指标", "学员满意度(%)", "90%")]


def _read(text: str, name: str = "graded.txt"):
    return read_upload(text.encode(), name)


def _indicators(doc):
    return [(i.level1, i.name, i.annual_target.text) for t in doc.tables for i in t.indicators]


def test_a_graded_table_reads_the_first_grade_as_the_target():
    rows = [HEADING, GRADES, *ROWS]
    doc = _read("预算指标绩效目标表\n" + "\n".join(" | ".join(r) for r in rows))
    assert _indicators(doc) == EXPECTED


def test_a_graded_table_run_together_is_parted_by_what_its_columns_hold():
    # a document preview: every separator lost, the grades printed after the whole heading row
    body = "".join("".join(r) for r in ROWS)
    doc = _read("预算指标绩效目标表\n绩效目标：提高培训质量。" + "".join(HEADING) + "".join(GRADES) + body + "\n")
    assert _indicators(doc) == EXPECTED
    assert any("按内容拆开" in w.message for w in doc.warnings)


def test_text_columns_run_together_part_at_the_measured_noun_and_the_basis_verb():
    roles = [("level1", None), ("name", None), ("note", None), ("annual", None), ("note", None)]
    cells = glued.cells("产出指标资金发放比率按标准发放资金的比例95%按发放记录评价资金到位率资金到位情况100%", roles)
    assert cells == ["产出指标", "资金发放比率", "按标准发放资金的比例", "95%", "按发放记录评价", "资金到位率", "资金到位情况", "100%"]
    # with no description column the words after a name stay one cell
    plain = glued.cells("产出指标资金发放比率按标准发放资金的比例95%", [("level1", None), ("name", None), ("annual", None)])
    assert plain == ["产出指标", "资金发放比率按标准发放资金的比例", "95%"]


def test_a_cost_target_written_in_words_is_a_value():
    roles = [("level2", None), ("name", None), ("note", None), ("annual", None)]
    cells = glued.cells("成本指标成本控制率不超预算资金到位率反映资金到位情况100%", roles)
    assert cells == ["成本指标", "成本控制率", "不超预算", "资金到位率", "反映资金到位情况", "100%"]


TRADITIONAL = "\n".join([
    "項目支出績效目標表",
    "項目名稱\t職業技能培訓補貼",
    "一級指標\t二級指標\t三級指標\t指標值",
    "產出指標\t數量指標\t補貼發放人數\t≥500人",
    "產出指標\t質量指標\t補貼資金發放準確率\t100%",
    "滿意度指標\t服務對象滿意度指標\t受助學員滿意度\t≥90%",
])


def test_a_document_in_traditional_script_is_read_in_simplified_characters():
    doc = _read(TRADITIONAL, "traditional.txt")
    [t] = doc.tables
    assert t.name == "职业技能培训补贴"
    assert [(i.level2, i.name, i.annual_target.text) for i in t.indicators] == [
        ("数量指标", "补贴发放人数", "≥500人"),
        ("质量指标", "补贴资金发放准确率", "100%"),
        ("服务对象满意度指标", "受助学员满意度", "≥90%"),
    ]
    assert any("繁体" in w.message for w in doc.warnings)


def test_a_simplified_document_with_a_stray_traditional_form_is_left_as_written():
    text = "\n".join([
        "项目支出绩效目标表",
        "项目名称\t關於技能培训补贴",
        "一级指标\t二级指标\t三级指标\t指标值",
        "产出指标\t数量指标\t补贴发放人数\t≥500人",
        "产出指标\t质量指标\t补贴资金发放准确率\t100%",
    ])
    doc = _read(text, "stray.txt")
    [t] = doc.tables
    assert t.name == "關於技能培训补贴"  # two traditional characters in a simplified page: not converted
    assert not any("繁体" in w.message for w in doc.warnings)


def test_text_the_converter_cannot_take_is_left_as_it_is():
    from jixiao.core.reading.script import convert, simplified

    assert convert("績效\udcff") == "績效\udcff"
    assert simplified("績效\udcff") is None
