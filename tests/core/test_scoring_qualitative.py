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
def test_band_top_is_the_highest_score_admitted(rating, expected, status):
    top = ScoringConfig().tier(parse_rating(rating)).top_score(D(10))
    assert top == D(expected)
    assert rated(rating, top) == (D(expected), status)
    with pytest.raises(ScoringError):
        rated(rating, top + D("0.01"))


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
    tier = ScoringConfig().tier
    assert (tier("partly").describe(D("7.5")), tier("not_met").describe(D("7.5"))) == ("4.5–5.99", "0–4.49")
    assert rated("部分达成", "5.99", weight="7.5") == (D("5.99"), "partly")
    with pytest.raises(ScoringError):
        rated("未达成", "4.5", weight="7.5")
    # 分值 3.33: 80 % is 2.664, so 2.66 is 部分达成's top and 2.67 达成's floor
    assert tier("partly").top_score(D("3.33")) == D("2.66")
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
    # Real forms write the tier into the 实际完成值 column (S-tangxi: "达成预期指标" scored 8 of 8)
    assert rated(None, "8", actual="达成预期指标", weight="8") == (D("8.00"), "met")
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
    config = ScoringConfig(tiers=tiers)
    r = score_indicator(indicator(), D(10), None, rating="部分达成", rating_score="8.99", config=config)
    assert r.score == D("8.99")
    with pytest.raises(ScoringError, match="5–8.99 分之间"):
        score_indicator(indicator(), D(10), None, rating="部分达成", rating_score="9", config=config)


def test_is_rated_follows_the_target_kind():
    from jixiao.core.scoring import is_rated

    def ind(annual, period=None, category="social"):
        return Indicator("效益指标", "", category, "x",
                         annual_target=annual and parse_target(annual, category),
                         period_target=period and parse_target(period, category))

    assert is_rated(ind("有效引导"))  # qualitative
    assert is_rated(ind(None))  # no target at all
    assert not is_rated(ind("≥90%"))
    assert not is_rated(ind("2024年12月前", category="timeliness"))
    assert not is_rated(ind(None, "≥4次"))  # the 实施周期指标值 stands in for a missing annual one
    composite = parse_target("≥90%；≥80%", "social")
    assert composite.kind == "composite"
    assert is_rated(Indicator("效益指标", "", "social", "x", annual_target=composite))


def test_rating_without_score_asks_for_the_score():
    r = score_indicator(indicator(), D(10), None, rating="部分达成")
    assert (r.score, r.status, r.rating) == (D("0.00"), "missing", "partly")
    assert r.missing_reason == "请填写评价得分"
    assert "6–7.99 分，请填写评价得分" in r.explanation
    # A tier written as the actual (real forms: "达成预期指标") needs its score just the same
    assert score_indicator(indicator(), D(8), "达成预期指标").missing_reason == "请填写评价得分"
    # Nothing chosen at all: the rating is what is missing
    assert score_indicator(indicator(), D(8), None).missing_reason == "请选择完成情况（达成／部分达成／未达成）"
    # A weight of 0 admits one score only
    assert score_indicator(indicator(), D(0), None, rating="达成").status == "met"
