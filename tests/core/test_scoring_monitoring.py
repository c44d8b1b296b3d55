"""运行监控: time progress, the budget execution light and per-indicator lights."""

from datetime import date
from decimal import Decimal as D

import pytest

from jixiao.core.model import Indicator
from jixiao.core.scoring import (
    ScoringConfig, default_cutoff, execution_light, indicator_light, time_progress,
)
from jixiao.core.targets import parse_target


def test_time_progress():
    assert default_cutoff(2024) == date(2024, 7, 31)
    assert time_progress(date(2024, 7, 31)) == D(7) / D(12)
    assert time_progress(date(2024, 6, 30)) == D("0.5")
    assert time_progress(date(2024, 12, 31)) == D(1)
    # mid-month counts the days of that month: 15 Feb 2024 → (1 + 15/29) / 12
    assert time_progress(date(2024, 2, 15)) == (D(1) + D(15) / D(29)) / D(12)
    # a cut-off outside the budget year
    assert time_progress(date(2023, 12, 31), 2024) == 0
    assert time_progress(date(2025, 1, 31), 2024) == 1
    assert execution_light(D(10), D(100), date(2023, 12, 31), year=2024).color is None


@pytest.mark.parametrize(
    "spent, color",
    [
        ("34.99", "red"),  # 34.99 % ÷ 58.33 % = 59.98 % < 60 %
        ("35", "yellow"),  # exactly 60 % of time progress
        ("46.66", "yellow"),  # 79.99 %
        ("46.67", "green"),  # 80.01 %
        ("100", "green"),
    ],
)
def test_execution_light_at_31_july(spent, color):
    light = execution_light(D(spent), D(100), date(2024, 7, 31))
    assert light.color == color
    assert light.needs_explanation == (color != "green")


def test_execution_light_explanation_and_thresholds():
    light = execution_light(D(40), D(100), date(2024, 7, 31))
    assert light.ratio == D("0.6857")
    assert "执行率 = 40 ÷ 100 = 40.00%，时间进度 58.33%，执行率 ÷ 时间进度 = 68.57%" in light.explanation
    strict = ScoringConfig(red_below=D("0.7"), yellow_below=D("0.9"))
    assert execution_light(D(40), D(100), date(2024, 7, 31), strict).color == "red"
    assert execution_light(None, D(100), date(2024, 7, 31)).color is None


def indicator(target, category="quality"):
    value = parse_target(target, category)
    return Indicator("产出指标", "", category, "测试指标", annual_target=value)


def test_indicator_light_from_expected_full_year_value():
    assert indicator_light(indicator("≥90%"), "90%").color == "green"
    assert indicator_light(indicator("≥90%"), "72%").color == "yellow"  # 80 % of target, but short of it
    assert indicator_light(indicator("≥90%"), "71.9%").color == "yellow"
    assert indicator_light(indicator("≥90%"), "53.95%").color == "red"  # 59.94 % of target: red, not rounded up
    assert indicator_light(indicator("≥90%"), "54%").color == "yellow"  # 60 %
    # a cost cap: expected 1.6 元/份 against 1.25 → (1 − 0.35/1.25) = 72 % → yellow
    light = indicator_light(indicator("1.25元/份", "cost"), "1.6元/份")
    assert (light.color, light.ratio) == ("yellow", D("0.72"))
    assert indicator_light(indicator("≥90%"), None).color is None


def test_indicator_light_for_qualitative_rating():
    q = indicator("有效引导", "social")
    assert [indicator_light(q, None, rating=r).color for r in ("达成", "部分达成", "未达成")] == \
        ["green", "yellow", "red"]


def test_a_shortfall_is_never_green():
    # Expected 70 % against ≥80 %: 87.5 % of the points, but the target is missed → yellow, and
    # the explanation says why.
    light = indicator_light(indicator("≥80%"), "70%")
    assert (light.color, light.ratio) == ("yellow", D("0.875"))
    assert light.needs_explanation
    assert light.explanation == (
        "全年预计完成值 70%，指标值 ≥80%：预计达不到指标值，按自评计分规则预计得分为分值的 87.50%；"
        "达不到指标值的，预计得分低于分值的 60% 为红灯，其余为黄灯：黄灯。")
    # A unit cost of 1.5 against a 1.25 cap: 80 % of the points by the linear rule, still yellow
    assert indicator_light(indicator("≤1.25元/份", "cost"), "1.5元/份").color == "yellow"
    assert indicator_light(indicator("1.25元/份", "cost"), "1.5元/份").color == "yellow"
    # Far below the target: red; on or beyond the target: green
    assert indicator_light(indicator("≥80%"), "47%").color == "red"
    assert indicator_light(indicator("≥80%"), "80%").color == "green"
    assert indicator_light(indicator("≤1.25元/份", "cost"), "1.25元/份").color == "green"
    # A deadline expected to be missed
    late = indicator_light(indicator("2024年11月前", "timeliness"), "2024年12月完成")
    assert late.color == "red"


def test_shortfall_colour_comes_from_the_config():
    strict = ScoringConfig(shortfall_light="red")
    assert indicator_light(indicator("≥80%"), "79%", config=strict).color == "red"
    assert "达不到指标值的为红灯" in indicator_light(indicator("≥80%"), "79%", config=strict).explanation
    with pytest.raises(Exception, match="shortfall_light 的值「blue」无效"):
        ScoringConfig(shortfall_light="blue")


def test_rated_indicator_light_needs_no_score():
    q = indicator("有效引导", "social")
    light = indicator_light(q, None, rating="部分达成")
    assert light.color == "yellow"
    assert light.explanation == "预计完成情况「部分达成」，为黄灯（定性指标预计达成为绿灯，部分达成为黄灯，未达成为红灯）。"
