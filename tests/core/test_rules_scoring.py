"""Scoring by each shipped rule set, on real published tables where one is complete enough and on
small tables worked out by hand. Sources are named beside each table."""

from decimal import Decimal as D

import pytest

from jixiao.core.jsonio import document_from_dict
from jixiao.core.rules import load
from jixiao.core.scoring import Execution, IndicatorInput, ScoringError, evaluate_table, is_rated


def table(rows, name="项目"):
    """A core table from (一级, 二级, name, 年度指标值) rows."""
    return document_from_dict({"tables": [{"name": name, "indicators": [
        {"level1": l1, "level2": l2, "name": n, "annual_target": t} for l1, l2, n, t in rows]}]}).tables[0]


# 中江县水利局 2022 绩效目标自评表 (https://chacewang.com/newsdetail/news242266.html): the footnote says
# 产出 50 / 效益 30 / 满意度 10 / 预算执行率 10, the table prints 产出(70分) / 效益(20分) / 满意度(10分)
# plus 预算执行率 10 — and 总分 100. Actuals are written with their comparator (≥266米).
ZHONGJIANG = [
    ("产出指标", "数量指标", "安装坡面水标尺", "≥266米", "≥266米", "10"),
    ("产出指标", "数量指标", "水标尺宽度", "≥50厘米", "≥50厘米", "10"),
    ("产出指标", "质量指标", "项目(工程)验收合格率", "100%", "100%", "20"),
    ("产出指标", "时效指标", "及时(按期)开工率", "≥90%", "≥90%", "10"),
    ("产出指标", "时效指标", "及时(按期)完工率", "≥90%", "≥90%", "10"),
    ("产出指标", "成本指标", "项目计划总投资", "20万元", "20万元", "10"),
    ("效益指标", "社会效益指标", "受益脱贫(含监测对象)户人口数", "≥1000人", "≥1000人", "10"),
    ("效益指标", "社会效益指标", "群众生产生活条件改善状况", "显著提升", "显著提升", "10"),
    ("满意度指标", "服务对象满意度指标", "受益脱贫(含监测对象)户满意度", "≥95%", "≥95%", "10"),
]


def test_central_scores_a_table_whose_weights_are_not_50_30_10_as_written():
    t = table([r[:4] for r in ZHONGJIANG], "中江县农业水价综合改革精准补贴和节水奖励项目")
    # rows the grammar reads as text (显著提升; ≥50厘米 until 厘米 is a known unit) are rated 达成 in full
    inputs = [IndicatorInput(actual, D(w), rating="达成" if is_rated(ind) else None, score=D(w) if is_rated(ind) else None)
              for ind, (*_, actual, w) in zip(t.indicators, ZHONGJIANG)]
    result = evaluate_table(t, inputs, Execution(None, D(20), D(20)), load("central-2020").scoring)
    # every row full marks, as published; the budget 20 ÷ 20 = 100 % → 10
    assert [r.score for r in result.indicators] == [D(w) for *_, w in ZHONGJIANG]
    assert result.budget.score == D(10)
    # 70 + 20 + 10 + 10 = 110: scored as written, and the reviewer is told why it is not 100
    assert result.total == D(110)
    assert [f.message for f in result.findings] == [
        "产出指标各指标分值合计为 70 分，应为 50 分；按表内分值计分",
        "效益指标各指标分值合计为 20 分，应为 30 分；按表内分值计分",
        "各项分值合计为 110 分（不是 100 分），按表内分值计分",
    ]


# 丽江市古城区自然资源局 2020年省级自然资源卫片执法补助经费 绩效自评表
# (http://m.jjiadianqingjie.com.cn/changyong/13241.html): every target met, yet 9 of 10, 19 of 20,
# 19 of 20 and 27 of 30 — the evaluator's deductions. (The 满意度 row's score is cut off in the source.)
LIJIANG = [
    ("产出指标", "数量指标", "卫片执法补助经费", "=72890元", "72890元", "10", "9"),
    ("产出指标", "质量指标", "项目验收合格率", "=100%", "100%", "20", "19"),
    ("产出指标", "时效指标", "项目完成及时率", "=100%", "100%", "20", "19"),
    ("效益指标", "社会效益指标", "违法行为责停率", "≥95%", "95%", "30", "27"),
]


def test_published_deductions_are_reproduced_with_their_reasons():
    t = table([r[:4] for r in LIJIANG])
    config = load("as-printed").scoring
    inputs = [IndicatorInput(actual, D(w), score=D(s), deduction_reason="资料归档不及时")
              for *_, actual, w, s in LIJIANG]
    result = evaluate_table(t, inputs, None, config)
    assert [r.score for r in result.indicators] == [D(9), D(19), D(19), D(27)]
    assert [r.formula_score for r in result.indicators] == [D(10), D(20), D(20), D(30)]
    assert [r.status for r in result.indicators] == ["met"] * 4  # targets met; the deduction is judgement
    assert result.total == D(74) and result.complete
    assert result.indicators[3].explanation.endswith("评价人扣减 3 分（理由：资料归档不及时），得分 27.00 分。")
    assert [r.name for r in result.deductions] == [r[2] for r in LIJIANG]
    # Without a reason the table is incomplete and says what to enter; above the formula is refused
    inputs[0] = IndicatorInput("72890元", D(10), score=D(9))
    result = evaluate_table(t, inputs, None, config)
    assert not result.complete and result.missing[0].missing_reason == "请填写扣分理由"
    inputs[0] = IndicatorInput("72890元", D(10), score=D("10.5"))
    with pytest.raises(ScoringError, match="得分 10.5 分高于按公式计算的 10.00 分"):
        evaluate_table(t, inputs, None, config)


def test_issue_example_formula_98_percent_scored_9():
    # 98 % against 100 % with 分值 10: the formula gives 9.8, the evaluator wrote 9.
    t = table([("产出指标", "质量指标", "合格率", "100%")])
    r = evaluate_table(t, [IndicatorInput("98%", D(10), score=D(9), deduction_reason="抽检两批次不合格")], None,
                       load("as-printed").scoring).indicators[0]
    assert (r.formula_score, r.score, r.deduction, r.status) == (D("9.80"), D(9), D("0.80"), "partly")


# 四川 部门预算项目支出绩效自评表 (青神县发展和改革局 2023, https://www.scqs.gov.cn/info/13206/211004.htm):
# 预算执行情况 10 with 调整后预算 251.89 and 执行数 251.89; 绩效指标 90 as 60 + 30. Its 完成值 are blank,
# so the actuals below are ours: coverage 95 % → 95 ÷ 100 × 60 = 57; 足额保障率 100 % → 30.
def test_sichuan_10_plus_90_with_weights_per_indicator():
    t = table([("产出指标", "数量指标", "发放(缴纳)覆盖率", "=100%"),
               ("效益指标", "社会效益指标", "足额保障率(参保率)", "=100%")])
    config = load("sichuan").scoring
    result = evaluate_table(t, [IndicatorInput("95%", D(60)), IndicatorInput("100%", D(30))],
                            Execution(D("238.93"), D("251.89"), D("251.89")), config)
    assert [r.score for r in result.indicators] == [D(57), D(30)]
    assert result.blocks == {"indicators": D(90)} and result.block_labels == {"indicators": "绩效指标"}
    assert (result.budget.score, result.total, result.grade, result.findings) == (D(10), D(97), "优", [])
    # No weights given: the 90 points are shared evenly
    even = evaluate_table(t, [IndicatorInput("95%"), IndicatorInput("100%")], None, config)
    assert [r.weight for r in even.indicators] == [D(45), D(45)]


def test_hubei_execution_20_times_rate_plus_80():
    # 执行率 27 ÷ 30 = 90 % → 20 × 0.9 = 18; 80 points over two indicators, 40 each: 40 + 40 × 0.9 = 76
    t = table([("产出指标", "数量指标", "培训人次", "≥100人次"), ("效益指标", "社会效益指标", "持证上岗率", "≥90%")])
    result = evaluate_table(t, [IndicatorInput("120人次"), IndicatorInput("81%")], Execution(None, D(30), D(27)),
                            load("hubei").scoring)
    assert (result.budget.weight, result.budget.score) == (D(20), D(18))
    assert [r.score for r in result.indicators] == [D(40), D(36)]
    assert (result.total, result.grade) == (D(94), "优")


def test_transfer_payment_with_a_judged_goal_block():
    # 预算执行 2.38 ÷ 2.38 → 20; 年度目标完成情况 judged 18 of 20; 绩效指标 50 over two rows, 25 each:
    # "已完成" rated 达成 and scored 23, 100 % of 100 % → 25; 满意度 96 % of ≥95 % → 10. Total 96.
    t = table([("产出指标", "质量指标", "食品安全监管人员培训", "已完成"),
               ("产出指标", "质量指标", "违法案件查办率", "100%"),
               ("满意度指标", "服务对象满意度指标", "群众满意度", "≥95%")])
    config = load("transfer").scoring
    inputs = [IndicatorInput("已完成", rating="达成", score=D(23)), IndicatorInput("100%"), IndicatorInput("96%")]
    result = evaluate_table(t, inputs, Execution(None, D("2.38"), D("2.38")), config, {"goals": D(18)})
    assert [r.score for r in result.indicators] == [D(23), D(25), D(10)]
    assert result.block_scores == {"goals": D(18), "indicators": D(48), "satisfaction": D(10)}
    assert (result.budget.score, result.total, result.grade) == (D(20), D(96), "优")
    # Ratings on numeric targets are allowed here: 100 % judged 部分达成 with 16 of 25
    inputs[1] = IndicatorInput("100%", rating="部分达成", score=D(16))
    assert evaluate_table(t, inputs, None, config, {"goals": D(18)}).indicators[1].score == D(16)
    # The goal block must be scored
    missing = evaluate_table(t, inputs, None, config)
    assert not missing.complete and missing.judged_missing == ["年度目标完成情况"]


def test_as_printed_eight_each_and_execution_not_scored():
    # 池州市贵池区棠溪镇 2022 委托业务项目 (tests/fixtures/real/01): 分值 8 or 10 per indicator,
    # qualitative ones answered 达成预期指标 with full marks; its funds row is 0 / 0 / 0.
    t = table([("产出指标", "数量指标", "基建工程委托业务项目数量", "≥50个"),
               ("产出指标", "质量指标", "经费支出合规性", "严格执行相关制度规定"),
               ("效益指标", "社会效益指标", "对维护基建市场公平的影响程度", "效果明显")])
    inputs = [IndicatorInput("50个", D(8)), IndicatorInput("达成预期指标", D(8), score=D(8)),
              IndicatorInput("达成预期指标", D(10), score=D(10))]
    result = evaluate_table(t, inputs, None, load("as-printed").scoring)
    assert [r.score for r in result.indicators] == [D(8), D(8), D(10)]
    assert result.budget.status == "not_applicable" and result.total == D(26)
    assert result.findings[-1].message == "各项分值合计为 26 分（不是 100 分），按表内分值计分"
    with pytest.raises(ScoringError, match="未填写分值（产出指标按表内分值计分）"):
        evaluate_table(t, [IndicatorInput("50个")], None, load("as-printed").scoring)
