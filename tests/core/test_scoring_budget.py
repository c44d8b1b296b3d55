"""The 预算执行率 block: rate = 全年执行数 ÷ 全年预算数, score = 分值 × min(rate, 1)."""

from decimal import Decimal as D

import pytest

from jixiao.core.scoring import Execution, ScoringConfig, ScoringError, score_budget
from jixiao.core.scoring.config import central_blocks


def budget(full_year, spent, config=ScoringConfig()):
    return score_budget(Execution(None, D(full_year), D(spent)), config)


@pytest.mark.parametrize(
    "full_year, spent, rate, score, status",
    [
        ("100", "100", "1.0000", "10.00", "met"),
        ("100", "99.99", "0.9999", "10.00", "partly"),  # 9.999 rounds to 10.00, but not fully spent
        ("100", "90", "0.9000", "9.00", "partly"),
        ("100", "0", "0.0000", "0.00", "not_met"),
        ("100", "120", "1.2000", "10.00", "met"),  # over-spending is capped at the block's points
        ("181000", "150000", "0.8287", "8.29", "partly"),  # 10 × 0.828729… = 8.287…
    ],
)
def test_budget_block(full_year, spent, rate, score, status):
    r = budget(full_year, spent)
    assert (str(r.rate), str(r.score), r.status) == (rate, score, status)


def test_reason_required_below_90_percent():
    assert not budget("100", "90").needs_reason
    r = budget("100", "89.99")
    assert r.needs_reason and r.explanation.endswith("执行率低于 90%，须说明原因。")


def test_missing_figures_are_reported_not_guessed():
    r = score_budget(None)
    assert (r.score, r.status, r.rate) == (D("0.00"), "missing", None)
    assert score_budget(Execution(D(100), D(100), None)).status == "missing"


def test_bad_figures():
    with pytest.raises(ScoringError, match="全年预算数应大于 0"):
        budget("0", "0")
    with pytest.raises(ScoringError, match="全年执行数不能为负数"):
        budget("100", "-1")


def test_configured_block_points():
    config = ScoringConfig(blocks=central_blocks(output=45), budget_weight=D(15))
    assert budget("100", "80", config).score == D("12.00")
