"""The common cases scored without their explanation (indicator.score_common) give exactly what the
general path (score_indicator) gives: score, status, 分值, texts, and the explanation when read."""

import random
from decimal import Decimal

import pytest

from jixiao.core.io import read_document
from jixiao.core.model import Indicator
from jixiao.core.scoring import DEFAULT_CONFIG, IndicatorInput, ScoringConfig, allocate_weights, evaluate_table
from jixiao.core.scoring.indicator import score_common, score_indicator
from jixiao.core.targets import parse_target
from jixiao.demo import DEMO_DOCUMENT

CONFIGS = [DEFAULT_CONFIG, ScoringConfig(reverse_formula="ratio"), ScoringConfig(rounding="down")]
TARGETS = ["≥90%", "≤5%", "100%", "≥4次", "≤100万元", "<3天", ">10", "=0", "0", "80-90%", "±5%", "良好", "2024年12月",
           "≤0", "≥0"]
ACTUALS = ["95%", "85%", "3%", "7%", "100%", "4次", "2次", "120万元", "80万元", "2天", "12", "0", "-1", "87%", "达成",
           "2024年11月完成", "", "  ", "5次/年", "1.005"]


def both(target, actual, weight, rating=None, rating_score=None, config=DEFAULT_CONFIG, category="quality"):
    ind = Indicator("产出指标", "质量指标", category, "指标", None, parse_target(target, category))
    given = IndicatorInput(actual=actual, rating=rating, rating_score=rating_score)
    fast = score_common(ind, weight, given, config)
    try:
        slow = score_indicator(ind, weight, actual, rating=rating, rating_score=rating_score, config=config)
    except Exception as err:  # the general path refuses: the fast one must have left it to it
        assert fast is None, (target, actual, err)
        return None, None
    return fast, slow


@pytest.mark.parametrize("config", CONFIGS)
def test_numbers_score_as_the_general_path(config):
    checked = 0
    for target in TARGETS:
        for actual in ACTUALS:
            for weight in (Decimal("10"), Decimal("3.33"), Decimal("0"), Decimal("2.345")):
                fast, slow = both(target, actual, weight, config=config)
                if fast is None:
                    continue
                checked += 1
                assert (fast.score, fast.status, fast.weight, fast.target, fast.actual, fast.rating) == \
                       (slow.score, slow.status, slow.weight, slow.target, slow.actual, slow.rating), (target, actual)
                assert str(fast.score) == str(slow.score) and fast.explanation == slow.explanation
    assert checked > 200  # the common path does take most of them


@pytest.mark.parametrize("rating, rating_score", [("达成", Decimal("9")), ("部分达成", Decimal("7")), ("未达成", Decimal("2")),
                                                  ("部分达成", Decimal("9.5")), ("达成", Decimal("7.999")), ("met", Decimal("10"))])
def test_ratings_score_as_the_general_path(rating, rating_score):
    for target in ("良好", "2024年12月", "≥90%"):
        fast, slow = both(target, None, Decimal("10"), rating, rating_score)
        if fast is None:
            continue
        assert (fast.score, fast.status, fast.rating, fast.target) == (slow.score, slow.status, slow.rating, slow.target)
        assert fast.explanation == slow.explanation


def test_whole_tables_score_and_explain_as_before():
    """Every indicator of many scored tables against score_indicator, one by one."""
    tables = [t for t in read_document(DEMO_DOCUMENT).tables if t.indicators]
    rng = random.Random(7)
    for _ in range(60):
        table = rng.choice(tables)
        weights = allocate_weights(table.indicators)
        inputs = [IndicatorInput(actual=rng.choice(ACTUALS)) if rng.random() < 0.7 else
                  IndicatorInput(rating=rng.choice(["达成", "部分达成"]), rating_score=w * Decimal("0.8"))
                  for w in weights]
        try:
            result = evaluate_table(table, inputs)
        except Exception:
            continue
        for ind, given, w, r in zip(table.indicators, inputs, weights, result.indicators):
            slow = score_indicator(ind, w, given.actual, rating=given.rating, rating_score=given.rating_score)
            assert (r.score, r.status, r.weight, r.actual, r.target) == (slow.score, slow.status, slow.weight,
                                                                         slow.actual, slow.target)
            assert r.explanation == slow.explanation
