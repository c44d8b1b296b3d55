"""The published worked examples of docs/domain.md §6, reproduced by the rules.

Where the published figure differs from the rule, the test asserts the rule's figure and says why.
"""

from decimal import Decimal as D

from jixiao.core.model import Indicator, TargetTable
from jixiao.core.scoring import (
    Execution, IndicatorInput, ScoringConfig, ScoringError, evaluate_table, score_budget, score_indicator,
)
from jixiao.core.targets import parse_target

import pytest


def indicator(target, category, name, level1="产出指标"):
    value = parse_target(target, category)
    return Indicator(level1, "", category, name, annual_target=value)


def test_lfsp_2019_langfang_rounding_differs():
    # S-lfsp: funds 43.2 / 43.2 / 37.24, 分值 10, published 执行率 86 %, 得分 9.
    # The rule gives 37.24 ÷ 43.2 × 10 = 8.6203… → 8.62; the unit rounded up to an integer (9).
    r = score_budget(Execution(D("43.2"), D("43.2"), D("37.24")))
    assert (r.rate, r.score) == (D("0.8620"), D("8.62"))
    assert r.score != D(9)
    # The indicator 工程资金金额: target 43.2, actual 37.24, 分值 10 → also 8.62 (published 9).
    amount = score_indicator(indicator("43.2万元", "quantity", "工程资金金额"), D(10), "37.24万元")
    assert (amount.score, amount.status) == (D("8.62"), "partly")
    # The other indicators, 100/100 → 10/10.
    assert score_indicator(indicator("100%", "quality", "验收合格率"), D(10), "100%").score == D("10.00")


def test_tianchang_2022_full_marks():
    # S-tianchang: 880 / 880 / 880 → 10; satisfaction target 90 %, actual 100 % → 10 of 10 (capped).
    assert score_budget(Execution(D(880), D(880), D(880))).score == D("10.00")
    sat = indicator("≥90%", "satisfaction", "服务对象满意度", "满意度指标")
    r = score_indicator(sat, D(10), "100%")
    assert (r.score, r.status) == (D("10.00"), "met")


def test_tangxi_2022_boundaries_and_zero_funding_row():
    # S-tangxi: "≥50个" with actual 50 → 8 of 8; "达成预期指标" scored 8 of 8; "≤90万元" with 90 → full.
    assert score_indicator(indicator("≥50个", "quantity", "改造户数"), D(8), "50个").score == D("8.00")
    qual = indicator("严格执行相关制度规定", "quality", "制度执行")
    assert score_indicator(qual, D(8), "达成预期指标", rating_score=D(8)).score == D("8.00")
    assert score_indicator(indicator("≤90万元", "cost", "项目总成本"), D(10), "90万元").score == D("10.00")
    # Its 年度资金总额 row was 0 / 0 / 0 and scored 0 although the sub-row shows 90 / 89.974 / 89.974:
    # a zero budget is refused here, and the sub-row's figures give 10 × 99.97 % = 9.997 → 10.00.
    with pytest.raises(ScoringError, match="全年预算数应大于 0"):
        score_budget(Execution(D(0), D(0), D(0)))
    r = score_budget(Execution(D(90), D(90), D("89.974")))
    assert (r.rate, r.score, r.status) == (D("0.9997"), D("10.00"), "partly")


def test_qingshen_2023_adjusted_budget_denominator():
    # S-qingshen: 年初 238.93, 调整后 (full-year) 251.89, spent 251.89 → 100 % → 10.
    r = score_budget(Execution(D("238.93"), D("251.89"), D("251.89")))
    assert (r.rate, r.score) == (D("1.0000"), D("10.00"))


def test_dyrmt_reverse_indicators_at_22_5_points():
    # S-dyrmt: four indicators at 22.5 each, among them "科目调整次数≤10次" and "结余率≤5%".
    times = indicator("≤10次", "cost", "科目调整次数")
    assert score_indicator(times, D("22.5"), "10次").score == D("22.50")
    assert score_indicator(times, D("22.5"), "12次").score == D("18.00")  # (1 − 2/10) × 22.5
    ratio = ScoringConfig(reverse_formula="ratio")
    assert score_indicator(times, D("22.5"), "12次", config=ratio).score == D("18.75")  # 10/12 × 22.5
    surplus = indicator("≤5%", "cost", "结余率")
    assert score_indicator(surplus, D("22.5"), "5%").score == D("22.50")
    assert score_indicator(surplus, D("22.5"), "10%").score == D("0.00")  # 2× over-run


def test_doczj_not_applicable_rescaled_to_100():
    # S-doczj: non-applicable indicators are dropped and the rest rescaled so the total stays 100.
    t = TargetTable(name="示例", indicators=[
        indicator("≥10次", "quantity", "培训次数"),
        indicator("≥100人", "quantity", "培训人数"),
        indicator("有效提升", "social", "能力提升", "效益指标"),
        indicator("≥90%", "satisfaction", "满意度", "满意度指标"),
    ])
    inputs = [IndicatorInput("10次"), IndicatorInput(not_applicable=True),
              IndicatorInput(rating="达成", rating_score=D(30)), IndicatorInput("95%")]
    result = evaluate_table(t, inputs, Execution(D(10), D(10), D(10)))
    assert [r.weight for r in result.indicators] == [D(50), D(0), D(30), D(10)]
    assert result.indicators[1].status == "not_applicable"
    assert result.total == D("100.00") and result.grade == "优"
