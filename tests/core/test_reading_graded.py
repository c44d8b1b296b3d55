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


EVALUATION = [("level1", None), ("level2", None), ("name", None), ("weight", None), ("annual", None), ("actual", None),
              ("score", None), ("deviation", None)]


def test_a_misread_sign_repeated_by_the_actual_stays_with_its_value():
    cells = glued.cells("经济效益指标亩均收入增长8工5%工5%8", EVALUATION)
    assert cells == ["经济效益指标", "亩均收入增长", "8", "工5%", "工5%", "8"]


def test_a_yes_target_glued_to_an_actual_in_words_is_parted():
    cells = glued.cells("可持续影响指标种薯供应体系完善8是基本达到7加强技术指导", EVALUATION)
    assert cells == ["可持续影响指标", "种薯供应体系完善", "8", "是", "基本达到", "7", "加强技术指导"]
    # in a target table (no actual column) the words stay together
    targets = [("level2", None), ("name", None), ("weight", None), ("annual", None)]
    assert "是基本达到" in glued.cells("可持续影响指标种薯供应体系完善8是基本达到满意度指标", targets)


def test_a_bond_spending_row_is_the_budget_execution():
    text = "\n".join([
        "专项债券项目绩效自评表",
        "项目名称 | 老旧小区燃气管道改造",
        "当年绩效指标 | 债券资金管理指标(10分) | 总体支出进度 | 实际支出 金额 | 下达 额度 | 实际 完成值 | 分值 | 得分 |",
        "1,200 | 1,500 | 80% | 10 | 8 |",
        "一级指标 | 二级指标 | 三级指标 | 目标值 | 实际完成值 | 分值 | 得分 |",
        "产出指标 | 数量指标 | 改造住宅小区数 | 12个 | 12个 | 10 | 10 |",
    ])
    [t] = _read(text, "bond.txt").tables
    assert t.kind == "self_evaluation"
    assert {k: t.execution[k] for k in ("budget_full_year", "spent", "rate", "weight", "score")} == {
        "budget_full_year": "1500", "spent": "1200", "rate": "80%", "weight": "10", "score": "8"}
    assert [(i.name, i.annual_target.text, i.actual) for i in t.indicators] == [("改造住宅小区数", "12个", "12个")]


SCATTERED = "\n".join([
    "种子推广项目绩效目标自评表(2022年度)项目名称种子推广资金情况(万元)年度资金总额全年预算数(A)120全年执行数(B)执行率(B/A)其中中央补助120万元",
    "{spent}万元",
    "{rate}市县资金年度总体目标推广良种。绩效指标一级指标二级指标三级指标分值年度指标值全年实际值得分"
    "产出指标数量指标推广面积10500亩500亩10",
])


def test_run_together_execution_numbers_are_found_where_the_rate_agrees():
    [t] = _read(SCATTERED.format(spent="96", rate="80%"), "scattered.txt").tables
    assert {k: t.execution[k] for k in ("budget_full_year", "spent", "rate", "money_unit")} == {
        "budget_full_year": "120", "spent": "96", "rate": "80%", "money_unit": "万元"}
    assert [(i.name, i.annual_target.text) for i in t.indicators] == [("推广面积", "500亩")]


def test_run_together_execution_numbers_that_do_not_agree_are_not_guessed():
    [t] = _read(SCATTERED.format(spent="96", rate="50%"), "scattered.txt").tables
    assert t.execution is None


def test_numbered_names_with_no_values_are_rows_of_their_own():
    text = "\n".join([
        "区域绩效目标自评表",
        "一级指标 二级指标 三级指标 年度指标值 实际完成值",
        "产出指标 成本指标 指标1.培训成本 400元/人 180元/人",
        "指标2.药品抽验平均标准",
        "指标3.化妆品抽验平均标准",
        "效益指标 社会效益指标 指标1.群众知晓率 ≥90% 95%",
    ])
    [t] = _read(text, "numbered.txt").tables
    assert [(i.name, i.actual) for i in t.indicators] == [
        ("指标1.培训成本", "180元/人"), ("指标2.药品抽验平均标准", None), ("指标3.化妆品抽验平均标准", None),
        ("指标1.群众知晓率", "95%")]


def test_a_row_with_two_bare_numbers_in_a_self_evaluation_is_points_and_score():
    text = "\n".join([
        "项目绩效自评表",
        "一级指标 二级指标 三级指标 分值 年度指标值 全年实际值 得分",
        "产出指标 数量指标 ★补助种植面积 10 9",
        "红薯种植面积 5.5亩 5.5亩",
        "培训人数 500 480",
        "质量指标 种植成活率 10 ≥90% 95% 10",
    ])
    [t] = _read(text, "points.txt").tables
    got = [(i.name, i.annual_target.text if i.annual_target else None, i.actual, i.weight, i.score) for i in t.indicators]
    assert got[0] == ("★补助种植面积", None, None, 10, 9)
    assert got[1] == ("红薯种植面积", "5.5亩", "5.5亩", None, None)
    assert got[2] == ("培训人数", "500", "480", None, None)  # more than 100: a target and its actual, not points
    assert got[3] == ("种植成活率", "≥90%", "95%", 10, 10)


def test_the_script_of_a_long_document_is_told_from_samples_spread_over_it():
    from jixiao.core.reading import script

    simplified_text = "项目支出绩效目标表产出指标数量指标培训人次" * 5000
    traditional_text = "項目支出績效目標表產出指標數量指標培訓人次" * 5000
    assert len(script._sample(simplified_text)) == script.SAMPLES * script.SAMPLE_CHARS
    assert script.simplified(simplified_text) is None
    assert script.simplified(traditional_text) == simplified_text


def test_five_grades_with_low_before_poor_read_the_same():
    rows = [HEADING, ["优", "良", "中", "低", "差"], *([*r[:4], r[4], r[5], "75%", r[6], r[7]] for r in ROWS)]
    doc = _read("预算指标绩效目标表\n" + "\n".join(" | ".join(r) for r in rows))
    assert _indicators(doc) == EXPECTED
    body = "".join("".join([*r[:4], r[4], r[5], "75%", r[6], r[7]]) for r in ROWS)
    glued_doc = _read("预算指标绩效目标表\n" + "".join(HEADING) + "优良中低差" + body + "\n")
    assert _indicators(glued_doc) == EXPECTED


def test_a_self_evaluation_cut_before_the_last_rows_actual_drops_that_row():
    head = ["项目支出绩效自评表", "一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分",
            "产出指标 | 数量指标 | 培训人次 | ≥500人次 | 520人次 | 10 | 10"]
    cut = _read("\n".join([*head, "满意度指标 | 服务对象满意度指标 | 学员满意度 | >=9"]), "cut.txt")
    [t] = cut.tables
    assert [i.name for i in t.indicators] == ["培训人次"]
    assert any("学员满意度" in w.message and "截断" in w.message for w in t.warnings)
    # the same row complete is read
    whole = _read("\n".join([*head, "满意度指标 | 服务对象满意度指标 | 学员满意度 | >=90% | 95% | 10 | 10"]), "whole.txt")
    assert [i.name for i in whole.tables[0].indicators] == ["培训人次", "学员满意度"]


def test_a_label_printed_in_every_column_and_a_lone_points_note_are_no_indicators():
    text = "\n".join([
        "项目支出绩效自评表",
        "一级指标 二级指标 三级指标 分值 年度指标值 全年实际值 得分",
        "(50分)",
        "产出指标 数量指标 培训人次 10 ≥500人次 520人次 10",
        "预算执行率 预算执行率",
    ])
    doc = _read(text, "labels.txt")
    assert [i.name for t in doc.tables for i in t.indicators] == ["培训人次"]


def test_a_numbered_sentence_of_the_report_ends_the_table():
    from jixiao.core.reading.glued import is_section

    assert is_section("3.分析评价申报内容是否与实际相符,申报目标是否合理可行")
    assert not is_section("3.药品抽验品种")  # a numbered name
    assert not is_section("指标2.化妆品抽验批次")


def test_a_lone_number_after_an_empty_actual_is_the_points_not_the_score():
    from jixiao.core.reading.align import Role, align

    roles = [Role("name"), Role("annual"), Role("actual"), Role("weight"), Role("score")]
    assigned, _ = align(roles, ["培训人次", "≥500人次", "", "60", ""])
    assert assigned[3] == Role("weight")
    assigned, _ = align(roles, ["培训人次", "≥500人次", "520人次", "60", "58"])
    assert (assigned[3], assigned[4]) == (Role("weight"), Role("score"))


def test_a_number_over_100_is_never_points_and_a_sign_alone_never_a_name():
    from jixiao.core.reading.align import NEG, Role, align, fit

    roles = [Role("name"), Role("nature"), Role("value"), Role("unit"), Role("weight"), Role("note")]
    # an Excel date serial printed twice (value and unit column), then the points
    assigned, dropped = align(roles, ["项目财政资金到位时间", "=", "44,561", "44,561", "10"])
    assert assigned[4] == Role("weight") and dropped == [3]
    assert fit(Role("score"), "120") == NEG
    assert fit(Role("name"), "$") == NEG and fit(Role("name"), "年") == NEG
    assert fit(Role("name"), "培训人次") > 0


def test_a_weight_wrapped_onto_its_own_line_belongs_to_the_row_above():
    text = "\n".join([
        "绩效目标表",
        "一级指标 二级指标 三级指标 指标性质 指标值 度量单位 权重(%)",
        "产出指标 数量指标 召开会议 ≥ 2 次 15",
        "效益指标 社会效益指标 食品安全整体状况 定性 高中低",
        "10",
        "满意度指标 服务对象满意度指标 公众满意度 ≥ 90 % 5",
    ])
    [t] = _read(text, "wrapped.txt").tables
    assert [(i.name, i.weight) for i in t.indicators] == [("召开会议", 15), ("食品安全整体状况", 10), ("公众满意度", 5)]
