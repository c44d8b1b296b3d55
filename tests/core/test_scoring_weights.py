"""分值: block assignment, even split, user weights, not-applicable rescaling, empty blocks."""

from decimal import Decimal as D

import pytest

from jixiao.core.model import Indicator
from jixiao.core.scoring import ScoringConfig, ScoringError, allocate_weights, block_of, split_cents
from jixiao.core.scoring.config import central_blocks
from jixiao.core.scoring.weights import allocate


def ind(category, name=None, level1=""):
    return Indicator(level1, "", category, name or category)


def table(*categories):
    return [ind(c, f"{c}{i}") for i, c in enumerate(categories)]


def weights(indicators, given=None, na=None, config=ScoringConfig()):
    return [str(w) for w in allocate_weights(indicators, given, na, config)]


def test_blocks_by_category():
    config = ScoringConfig()
    blocks = {c: block_of(ind(c), config) for c in
              ("quantity", "quality", "timeliness", "cost", "economic", "social", "ecological",
               "sustainability", "satisfaction")}
    assert blocks == {"quantity": "output", "quality": "output", "timeliness": "output", "cost": "output",
                      "economic": "benefit", "social": "benefit", "ecological": "benefit",
                      "sustainability": "benefit", "satisfaction": "satisfaction"}
    own = ScoringConfig(blocks=central_blocks(output=40, cost=10))
    assert block_of(ind("cost"), own) == "cost"
    # no category: the 一级 label decides; neither: an error naming the indicator
    assert block_of(ind(None, "x", "效益指标"), config) == "benefit"
    with pytest.raises(ScoringError, match="指标「x」无法确定所属的一级指标"):
        block_of(ind(None, "x", "其他"), config)


def test_even_split_sums_exactly_to_block_points():
    # 产出 50 over 15 indicators: 3.33 × 15 = 49.95, the 5 remaining cents go to the first five
    w = allocate_weights(table(*["quantity"] * 15, "social", "social", "social", "satisfaction"))
    assert w[:5] == [D("3.34")] * 5 and w[5:15] == [D("3.33")] * 10
    assert sum(w[:15]) == D(50)
    assert w[15:18] == [D(10)] * 3 and w[18] == D(10)


def test_split_cents_largest_remainder():
    assert split_cents(D(10), [D(1)] * 3) == [D("3.34"), D("3.33"), D("3.33")]
    assert split_cents(D(30), [D(2), D(1)]) == [D(20), D(10)]
    assert split_cents(D(10), [D(0), D(0)]) == [D(5), D(5)]


REFUSE = ScoringConfig(weight_mismatch="refuse")


def test_user_weights_must_sum_to_block_points_when_the_rules_refuse_otherwise():
    t = table("quantity", "quality", "social", "satisfaction")
    assert weights(t, [D(20), D(30), D(30), D(10)], config=REFUSE) == ["20.00", "30.00", "30.00", "10.00"]
    with pytest.raises(ScoringError) as err:
        allocate_weights(t, [D(20), D(28), D(30), D(10)], config=REFUSE)
    assert str(err.value) == "产出指标各指标分值合计为 48 分，应为 50 分"
    with pytest.raises(ScoringError, match="效益指标各指标分值合计为 31 分，应为 30 分"):
        allocate_weights(t, [D(20), D(30), D(31), D(10)], config=REFUSE)


def test_weights_as_written_with_a_finding():
    # Real tables print 产出 70 / 效益 20 / 满意度 10: scored as written, the mismatch reported.
    t = table("quantity", "quality", "social", "satisfaction")
    blocks, w, findings = allocate(t, [D(35), D(35), D(20), D(10)])
    assert w == (D(35), D(35), D(20), D(10))
    assert [f.message for f in findings] == ["产出指标各指标分值合计为 70 分，应为 50 分；按表内分值计分",
                                             "效益指标各指标分值合计为 20 分，应为 30 分；按表内分值计分"]
    assert allocate(t, [D(20), D(30), D(30), D(10)])[2] == []


def test_partly_given_weights_share_the_rest():
    t = table("quantity", "quality", "timeliness", "social", "satisfaction")
    assert weights(t, [D(20), None, None, None, None]) == ["20.00", "15.00", "15.00", "30.00", "10.00"]
    with pytest.raises(ScoringError, match="产出指标已填分值合计为 50 分，已达到或超过该一级指标的 50 分，另有 2 个指标未填分值"):
        allocate_weights(t, [D(50), None, None, None, None], config=REFUSE)
    _, w, findings = allocate(t, [D(50), None, None, None, None])
    assert w[:3] == (D(50), D(0), D(0)) and "未填分值的按 0 分计" in findings[0].message
    with pytest.raises(ScoringError, match="分值为负数"):
        allocate_weights(t, [D(-5), None, None, None, None])


def test_not_applicable_dropped_and_block_rescaled():
    t = table("quantity", "quality", "timeliness", "social", "satisfaction")
    # even split: the other two share 产出's 50
    assert weights(t, na=[False, True, False, False, False]) == ["25.00", "0", "25.00", "30.00", "10.00"]
    # user weights 20/20/10: 20 and 10 rescaled to 50 → 33.33 + 16.67 (rounding cent to the larger remainder)
    assert weights(t, [D(20), D(20), D(10), D(30), D(10)], [False, True, False, False, False]) == \
        ["33.33", "0", "16.67", "30.00", "10.00"]


def test_empty_block_points_go_to_the_other_blocks():
    # No 满意度 indicator: its 10 points are spread over 产出 and 效益 in proportion 50:30 → 56.25 / 33.75
    t = table("quantity", "quality", "social")
    assert weights(t) == ["28.13", "28.12", "33.75"]
    # All satisfaction indicators not applicable: same effect
    t = table("quantity", "social", "satisfaction")
    assert weights(t, na=[False, False, True]) == ["56.25", "33.75", "0"]


def test_own_cost_block():
    config = ScoringConfig(blocks=central_blocks(output=40, cost=10))
    t = table("quantity", "cost", "social", "satisfaction")
    assert weights(t, config=config) == ["40.00", "10.00", "30.00", "10.00"]


def test_config_must_total_100():
    with pytest.raises(ScoringError, match="合计为 110 分，应为 100 分"):
        ScoringConfig(blocks=central_blocks(output=60))
    with pytest.raises(ScoringError, match="reverse_formula 的值「square」无效"):
        ScoringConfig(reverse_formula="square")
