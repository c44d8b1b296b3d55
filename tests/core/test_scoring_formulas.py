"""Quantitative and deadline scoring rules, each at and around its boundaries (docs/domain.md §7.2)."""

from decimal import Decimal as D

import pytest

from jixiao.core.model import Indicator
from jixiao.core.scoring import ScoringConfig, ScoringError, score_indicator
from jixiao.core.targets import parse_target

RATIO = ScoringConfig(reverse_formula="ratio")


def indicator(target: str, category: str = "quality", name: str = "测试指标") -> Indicator:
    value = parse_target(target, category)
    return Indicator("产出指标", "", category, name, period_target=value, annual_target=value)


def score(target, actual, weight="10", category="quality", config=ScoringConfig()):
    r = score_indicator(indicator(target, category), D(weight), actual, config=config)
    return r.score, r.status


@pytest.mark.parametrize(
    "actual, expected, status",
    [
        ("90%", "10.00", "met"),  # actual = target
        ("89.99%", "10.00", "partly"),  # 89.99/90 × 10 = 9.9988… → 10.00 after rounding, still not met
        ("89%", "9.89", "partly"),  # 89/90 × 10 = 9.888…
        ("45%", "5.00", "partly"),
        ("0%", "0.00", "not_met"),
        ("100%", "10.00", "met"),  # over-achievement is capped at full points
    ],
)
def test_higher_is_better(actual, expected, status):
    assert score("≥90%", actual) == (D(expected), status)


def test_just_below_target_rounds_half_up():
    # 3/4 × 3.34 = 2.505 → 2.51 (ROUND_HALF_UP, not banker's 2.50)
    assert score("≥4次", "3次", "3.34", "quantity") == (D("2.51"), "partly")


def test_exact_target_scored_like_higher():
    assert score("1间", "1间", category="quantity") == (D("10.00"), "met")
    assert score("1间", "2间", category="quantity") == (D("10.00"), "met")
    assert score("100%", "98%") == (D("9.80"), "partly")


def test_strict_greater_than_scored_like_at_least():
    assert score(">90%", "90%") == (D("10.00"), "met")


def test_thousands_separator_in_actual():
    assert score("32000份", "32,000份", category="quantity") == (D("10.00"), "met")
    assert score("32000份", "28,000份", "3.34", "quantity") == (D("2.92"), "partly")  # 0.875 × 3.34 = 2.9225


@pytest.mark.parametrize(
    "actual, expected, status",
    [
        ("1.25元/份", "10.00", "met"),  # actual = target
        ("1.2元/份", "10.00", "met"),  # under the cap
        ("0元/份", "10.00", "met"),
        ("1.26元/份", "9.92", "partly"),  # (1 − 0.01/1.25) × 10 = 9.92
        ("1.5元/份", "8.00", "partly"),  # (1 − 0.25/1.25) × 10
        ("2.49元/份", "0.08", "partly"),  # (1 − 1.24/1.25) × 10 = 0.08
        ("2.5元/份", "0.00", "not_met"),  # 2× over-run → 0
        ("4元/份", "0.00", "not_met"),  # beyond 2× stays at 0, never negative
    ],
)
def test_lower_is_better_linear(actual, expected, status):
    assert score("1.25元/份", actual, category="cost") == (D(expected), status)


@pytest.mark.parametrize(
    "actual, expected",
    [("1.25元/份", "10.00"), ("1.5元/份", "8.33"), ("2.5元/份", "5.00"), ("5元/份", "2.50")],
)
def test_lower_is_better_ratio_rule(actual, expected):
    # target ÷ actual × 分值: 1.25/1.5 × 10 = 8.333…; a 2× over-run still earns half
    assert score("1.25元/份", actual, category="cost", config=RATIO)[0] == D(expected)


def test_bare_amount_under_cost_is_a_cap():
    r = score_indicator(indicator("45000元/人/年", "cost"), D(10), "46000元/人/年")
    assert r.score == D("9.78")  # (1 − 1000/45000) × 10 = 9.777…
    assert r.status == "partly"
    assert "(1 − (46000 − 45000) ÷ 45000) × 10" in r.explanation


def test_zero_target():
    assert score("0次", "0次", category="quality") == (D("10.00"), "met")
    assert score("0次", "1次", category="quality") == (D("0.00"), "not_met")
    assert score("≤0次", "0次") == (D("10.00"), "met")
    assert score("≤0次", "2次") == (D("0.00"), "not_met")


def test_range_and_tolerance():
    assert score("80-90%", "85%") == (D("10.00"), "met")
    assert score("80-90%", "80%") == (D("10.00"), "met")
    assert score("80-90%", "72%") == (D("9.00"), "partly")  # below: 72/80 × 10
    assert score("80-90%", "99%") == (D("9.00"), "partly")  # above: (1 − 9/90) × 10
    assert score("±3%以内", "-2%") == (D("10.00"), "met")
    assert score("±3%以内", "4.5%") == (D("5.00"), "partly")  # (1 − 1.5/3) × 10


def test_unit_conversion_and_mismatch():
    r = score_indicator(indicator("≤90万元", "cost"), D(10), "900000元")
    assert (r.score, r.status) == (D("10.00"), "met")
    r = score_indicator(indicator("≤90万元", "cost"), D(10), "1080000元")  # 108万元: (1 − 18/90) × 10
    assert r.score == D("8.00")
    assert "折合 108万元" in r.explanation
    with pytest.raises(ScoringError) as err:
        score_indicator(indicator("≥4次", "quantity", "信访宣传活动次数"), D(10), "5人")
    assert str(err.value) == "指标「信访宣传活动次数」：实际完成值的单位「人」与指标值的单位「次」不一致，无法比较"


def test_actual_without_unit_takes_the_target_unit():
    assert score("≥90%", "95") == (D("10.00"), "met")


def test_non_numeric_actual_for_numeric_target_is_an_error():
    with pytest.raises(ScoringError, match="指标「测试指标」：实际完成值「基本完成」不是数值"):
        score("≥90%", "基本完成")


def test_missing_actual_is_not_guessed():
    r = score_indicator(indicator("≥90%"), D(10), None)
    assert (r.score, r.status) == (D("0.00"), "missing")
    assert not r.needs_deviation_analysis
    assert score("≥90%", "  ")[1] == "missing"


def test_deadline_met_or_not():
    target = "2024年12月前"
    assert score(target, "2024年11月完成", category="timeliness") == (D("10.00"), "met")
    assert score(target, "2024年12月31日", category="timeliness") == (D("10.00"), "met")
    assert score(target, "2025年1月完成", category="timeliness") == (D("0.00"), "not_met")
    # a late completion earns partial credit only through the qualitative tiers
    late = score_indicator(indicator(target, "timeliness"), D(10), "2025年1月完成", rating="部分达成", rating_score="7")
    assert (late.score, late.status) == (D("7.00"), "partly")
    with pytest.raises(ScoringError, match="不是完成日期"):
        score(target, "基本按时", category="timeliness")


def test_explanation_shows_inputs_formula_and_result():
    r = score_indicator(indicator("≥90%", name="上访人息诉罢访率"), D("3.33"), "80%")
    assert r.explanation == (
        "指标值 ≥90%，实际完成值 80%，分值 3.33：未达到指标值，"
        "得分 = 实际完成值 ÷ 指标值 × 分值 = 80 ÷ 90 × 3.33 = 2.96 分。"
    )
    assert r.needs_deviation_analysis


def test_large_over_achievement_prompts_a_note():
    r = score_indicator(indicator("≥4次", "quantity"), D(10), "9次")
    assert r.score == D("10.00") and "超出指标值一倍以上" in r.explanation
