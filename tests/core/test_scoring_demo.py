"""The demo project 信访事项经费 (20 indicators) scored end to end with a full set of actuals.

Every expected figure is computed by hand below; the code must agree to the cent.
"""

from decimal import Decimal as D

import pytest

from jixiao.core.io import read_document
from jixiao.core.scoring import Execution, IndicatorInput, ScoringConfig, evaluate_table
from jixiao.demo import DEMO_DOCUMENT


@pytest.fixture(scope="module")
def table():
    doc = read_document(DEMO_DOCUMENT)
    (found,) = [t for t in doc.tables if t.name == "信访事项经费"]
    return found


# 产出 (数量 5, 质量 4, 时效 4, 成本 2 = 15 indicators) shares 50 points: 50 ÷ 15 = 3.333…, so 3.33 each
# (49.95) and the 5 leftover cents go to the first five rows → 3.34 × 5 + 3.33 × 10 = 50.
# 效益 (社会 2 + 可持续影响 2 = 4) shares 30 → 7.50 each; 满意度 (1) gets 10.
ENTRIES = [
    # (实际完成值 / rating, rating score, expected 分值, expected 得分, status)
    ("1间", None, "3.34", "3.34", "met"),  # 访前法律咨询工作室 1间: met
    ("3次", None, "3.34", "2.51", "partly"),  # 信访宣传活动次数 ≥4次: 3 ÷ 4 × 3.34 = 2.505 → 2.51
    ("1个", None, "3.34", "3.34", "met"),  # 驻点信访维稳工作专班 1个
    ("100%", None, "3.34", "3.34", "met"),  # 接返工作任务完成率 100%
    ("28,000份", None, "3.34", "2.92", "partly"),  # 信访宣传制品数量 32000份: 28000 ÷ 32000 × 3.34 = 2.9225 → 2.92
    ("98%", None, "3.33", "3.26", "partly"),  # 信访宣传制品质量达标率 100%: 0.98 × 3.33 = 3.2634 → 3.26
    ("100%", None, "3.33", "3.33", "met"),  # 驻点工作任务处理率 100%
    ("92%", None, "3.33", "3.33", "met"),  # 上访人息诉罢访率 ≥90%
    ("60%", None, "3.33", "2.50", "partly"),  # 疏导访前群众任务完成率 ≥80%: 60 ÷ 80 × 3.33 = 2.4975 → 2.50
    ("100%", None, "3.33", "3.33", "met"),  # 信访宣传活动完成及时率 100%
    ("85%", None, "3.33", "3.33", "met"),  # 提供访前法律咨询服务的及时率 ≥85%: exactly the target
    ("95%", None, "3.33", "3.33", "met"),  # 驻点任务完成及时率 ≥90%
    ("90%", None, "3.33", "3.33", "met"),  # 接返工作任务完成及时率 ≥90%
    ("82.87%", None, "3.33", "3.07", "partly"),  # 预算执行率 ≥90%: 82.87 ÷ 90 × 3.33 = 3.0662 → 3.07
    ("1.5元/份", None, "3.33", "2.66", "partly"),  # 信访宣传制品单价 1.25元/份 (a cap, over-run):
    #   (1 − (1.5 − 1.25) ÷ 1.25) × 3.33 = 0.8 × 3.33 = 2.664 → 2.66
    ("达成", "7.5", "7.50", "7.50", "met"),  # 维护信访人合法权益 合理维护: 达成 7.5, the band's top
    ("部分达成", "5", "7.50", "5.00", "partly"),  # 引导群众依法上访: 部分达成 5 (band 4.5–5.99)
    ("未达成", "4.49", "7.50", "4.49", "not_met"),  # 促进信访法治建设: 未达成 4.49, the band's top (4.50 − 0.01)
    ("达成年度指标", "7", "7.50", "7.00", "met"),  # 维持合理的信访诉求秩序: tier written as actual, 7 (band 6–7.5)
    ("76%", None, "10.00", "9.50", "partly"),  # 服务对象满意度 ≥80%: 76 ÷ 80 × 10 = 9.50
]
# 产出: 3.34 + 2.51 + 3.34 + 3.34 + 2.92 = 15.45; + 3.26 + 3.33 + 3.33 + 2.50 = 27.87;
#       + 3.33 × 4 = 41.19; 成本 + 3.07 + 2.66 = 46.92
# 效益: 7.50 + 5.00 + 4.49 + 7.00 = 23.99;  满意度: 9.50
# 预算执行率: 150000 ÷ 181000 = 82.8729…% → 10 × 0.828729 = 8.287 → 8.29
# 总分 = 46.92 + 23.99 + 9.50 + 8.29 = 88.70 → 良 (80 ≤ 88.70 < 90)
EXECUTION = Execution(D(181000), D(181000), D(150000))


def inputs():
    result = []
    for actual, score, *_ in ENTRIES:
        if actual in ("达成", "部分达成", "未达成"):
            result.append(IndicatorInput(rating=actual, rating_score=score and D(score)))
        else:
            result.append(IndicatorInput(actual=actual, rating_score=score and D(score)))
    return result


def test_demo_table_has_twenty_indicators(table):
    assert len(table.indicators) == 20
    assert table.indicators[14].name == "信访宣传制品单价"


def test_each_indicator_matches_hand_computation(table):
    result = evaluate_table(table, inputs(), EXECUTION)
    got = [(str(r.weight), str(r.score), r.status) for r in result.indicators]
    assert got == [(w, s, st) for _, _, w, s, st in ENTRIES]


def test_total_grade_and_blocks(table):
    result = evaluate_table(table, inputs(), EXECUTION)
    assert result.block_scores == {"output": D("46.92"), "benefit": D("23.99"), "satisfaction": D("9.50")}
    assert result.blocks == {"output": D(50), "benefit": D(30), "satisfaction": D(10)}
    assert (result.budget.rate, result.budget.score) == (D("0.8287"), D("8.29"))
    assert result.budget.needs_reason  # 82.87 % < 90 %
    assert (result.total, result.grade, result.complete) == (D("88.70"), "良", True)


def test_shortfalls_need_deviation_analysis(table):
    entries = inputs()
    entries[1].deviation_analysis = "下半年受场地限制，宣传活动少办 1 次；明年提前落实场地。"
    result = evaluate_table(table, entries, EXECUTION)
    pending = [r.name for r in result.needs_deviation_analysis]
    assert pending == ["信访宣传制品数量", "信访宣传制品质量达标率", "疏导访前群众任务完成率",
                       "预算执行率（%）", "信访宣传制品单价", "引导群众依法上访", "促进信访法治建设",
                       "维持合理的信访诉求秩序", "服务对象满意度"]
    over = result.indicators[14]
    assert "(1 − (1.5 − 1.25) ÷ 1.25) × 3.33 = 2.66 分" in over.explanation


def test_ratio_rule_changes_only_the_reverse_indicator(table):
    result = evaluate_table(table, inputs(), EXECUTION, ScoringConfig(reverse_formula="ratio"))
    # 1.25 ÷ 1.5 × 3.33 = 2.775 → 2.78 instead of 2.66: total 88.70 + 0.12 = 88.82
    assert result.indicators[14].score == D("2.78")
    assert result.total == D("88.82")


def test_missing_actuals_leave_the_table_incomplete(table):
    entries = inputs()
    entries[0] = IndicatorInput()
    result = evaluate_table(table, entries, None)
    assert not result.complete
    assert [r.name for r in result.missing] == ["访前法律咨询工作室"]
    assert result.budget.status == "missing"
    # 88.70 − 3.34 (missing indicator) − 8.29 (missing budget figures)
    assert result.total == D("77.07") and result.grade == "中"


def test_a_rating_without_its_score_is_missing_not_the_top_of_its_tier(table):
    # 维护信访人合法权益 rated 达成 but no 评价得分: nothing is scored for it, the table is incomplete,
    # and the reason says what to enter (the band it must lie in), not a silent 7.50.
    entries = inputs()
    entries[15] = IndicatorInput(rating="达成")
    result = evaluate_table(table, entries, EXECUTION)
    row = result.indicators[15]
    assert (row.status, row.score, row.rating) == ("missing", D("0.00"), "met")
    assert row.missing_reason == "请填写评价得分"
    assert row.explanation == ("指标值 合理维护，完成情况「达成」，分值 7.5：该档得分为分值的 80%–100%，"
                               "即 6–7.5 分，请填写评价得分，暂不计分。")
    assert [r.name for r in result.missing] == ["维护信访人合法权益"]
    assert not result.complete
    assert result.total == D("88.70") - D("7.50")
