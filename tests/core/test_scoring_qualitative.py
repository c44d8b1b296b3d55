"""Qualitative indicators: the three tiers and their score bands (docs/domain.md §1.4)."""

from decimal import Decimal as D

import pytest

from jixiao.core.model import Indicator
from jixiao.core.scoring import ScoringConfig, ScoringError, parse_rating, score_indicator
from jixiao.core.targets import parse_target


def indicator(target="有效引导", name="引导群众依法上访"):
    value = parse_target(target, "social")
    return Indicator("效益指标", "社会效益指标", "social", name, annual_target=value)


def rated(rating, rating_score=None, weight="10", actual=None, target="有效引导"):
    r = score_indicator(indicator(target), D(weight), actual, rating=rating, rating_score=rating_score)
    return r.score, r.status


@pytest.mark.parametrize(
    "rating, expected, status",
    [
        ("达成", "10.00", "met"),  # band top
        ("部分达成", "7.99", "partly"),  # top of [6, 8): the last cent below 8
        ("未达成", "5.99", "not_met"),  # top of [0, 6)
    ],
)
def test_default_score_is_band_top(rating, expected, status):
    assert rated(rating) == (D(expected), status)


@pytest.mark.parametrize(
    "rating, given",
    [("达成", "8"), ("达成", "10"), ("部分达成", "6"), ("部分达成", "7.99"), ("未达成", "0"), ("未达成", "5.99")],
)
def test_scores_at_band_edges_are_accepted(rating, given):
    assert rated(rating, given)[0] == D(given).quantize(D("0.01"))


@pytest.mark.parametrize(
    "rating, given, band",
    [("达成", "7.99", "8–10"), ("达成", "10.01", "8–10"), ("部分达成", "8", "6–7.99"),
     ("部分达成", "5.99", "6–7.99"), ("未达成", "6", "0–5.99"), ("未达成", "-1", "0–5.99")],
)
def test_scores_outside_the_band_are_errors(rating, given, band):
    with pytest.raises(ScoringError) as err:
        rated(rating, given)
    assert str(err.value) == (
        f"指标「引导群众依法上访」：选择「{rating}」时得分应在 {band} 分之间（分值 10），"
        f"填写的 {D(given).quantize(D('0.01')).normalize():f} 分不在此范围"
    )


def test_uneven_weight_bands():
    # 分值 7.5: 达成 6–7.5, 部分达成 4.5–5.99, 未达成 0–4.49
    assert rated("部分达成", weight="7.5") == (D("5.99"), "partly")
    assert rated("未达成", weight="7.5") == (D("4.49"), "not_met")
    # 分值 3.33: 80 % is 2.664, so 2.66 is 部分达成's top and 2.67 达成's floor
    assert rated("部分达成", weight="3.33")[0] == D("2.66")
    assert rated("达成", "2.67", weight="3.33")[0] == D("2.67")
    with pytest.raises(ScoringError):
        rated("达成", "2.66", weight="3.33")


def test_rating_spellings():
    assert parse_rating("达成年度指标") == "met"
    assert parse_rating("达成预期指标") == "met"
    assert parse_rating("部分达成年度指标并具有一定效果") == "partly"
    assert parse_rating("未达成年度指标且效果较差") == "not_met"
    assert parse_rating("partly") == "partly"
    assert parse_rating("合理维护") is None
    with pytest.raises(ScoringError, match="完成等级「很好」无效"):
        rated("很好")


def test_rating_inferred_from_actual_tier_name():
    # Real forms write the tier into the 实际完成值 column (S-tangxi: "达成预期指标" → 8 of 8)
    assert rated(None, actual="达成预期指标", weight="8") == (D("8.00"), "met")
    assert rated(None, "4.5", actual="部分达成", weight="7.5") == (D("4.50"), "partly")


def test_qualitative_without_rating_is_missing():
    r = score_indicator(indicator(), D(10), "已开展宣传")
    assert (r.score, r.status) == (D("0.00"), "missing")
    assert "需选择完成情况" in r.explanation


def test_explanation_names_band_and_choice():
    r = score_indicator(indicator(), D("7.5"), None, rating="部分达成", rating_score="5")
    assert r.explanation == (
        "指标值 有效引导，完成情况「部分达成」，分值 7.5：该档得分为分值的 60%–80%以下，"
        "即 4.5–5.99 分，评价人给分 5.00 分。"
    )
    assert r.needs_deviation_analysis


def test_configurable_tier_bands():
    from jixiao.core.scoring import TierBand

    tiers = (TierBand("met", D("0.9"), D(1), True), TierBand("partly", D("0.5"), D("0.9"), False),
             TierBand("not_met", D(0), D("0.5"), False))
    r = score_indicator(indicator(), D(10), None, rating="部分达成", config=ScoringConfig(tiers=tiers))
    assert r.score == D("8.99")
