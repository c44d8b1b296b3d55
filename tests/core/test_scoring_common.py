"""The common cases scored without their explanation (indicator.score_common, made into results by
common_result when read) give exactly what the general path (score_indicator) gives: every field,
and the explanation when read. Checked case by case, and on whole tables of the demo document and
of the real published tables with generated actuals, rule set by rule set."""

import random
from dataclasses import fields, replace
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from jixiao.core import rules
from jixiao.core.io import read_document
from jixiao.core.model import Indicator
from jixiao.core.numbers import plain
from jixiao.core.scoring import (
    DEFAULT_CONFIG, Execution, IndicatorInput, IndicatorResult, ScoringConfig, ScoringError, allocate_weights,
    evaluate_table, parse_rating, q2, score_budget,
)
from jixiao.core.scoring.config import HUNDRED, NO_POINTS, NOT_APPLICABLE, cents
from jixiao.core.scoring.indicator import common_result, score_common, score_indicator, target_of
from jixiao.core.scoring.table import NOT_APPLICABLE_WHY, IndicatorResults
from jixiao.core.scoring.weights import Finding, allocate
from jixiao.core.targets import parse_target
from jixiao.demo import DEMO_DOCUMENT

CONFIGS = [DEFAULT_CONFIG, ScoringConfig(reverse_formula="ratio"), ScoringConfig(rounding="down"),
           ScoringConfig(rounding="up"), ScoringConfig(ratings_on_numeric=True)]
TARGETS = ["≥90%", "≤5%", "100%", "≥4次", "≤100万元", "<3天", ">10", "=0", "0", "80-90%", "±5%", "良好", "2024年12月",
           "≤0", "≥0", "≥-5", "≤1000元", "100万元", "2024年12月31日前", "2024年6月底前完成", "及时"]
ACTUALS = ["95%", "85%", "3%", "7%", "100%", "4次", "2次", "120万元", "80万元", "2天", "12", "0", "-1", "87%", "达成",
           "2024年11月完成", "", "  ", "5次/年", "1.005", "-0", "0.00", "−3%", "1200000元", "abc", "部分达成",
           "2025年1月完成", "2024年12月31日完成", "2024年6月30日", "2024年7月1日完成", "按时完成", "已完成"]
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "real"


def fields_of(result: IndicatorResult) -> dict:
    """Every field and property of a result, the explanation included (str of numbers: 3 ≠ 3.00)."""
    got = {f.name: getattr(result, f.name) for f in fields(result) if f.name != "why"}
    got |= {"explanation": result.explanation, "deduction": result.deduction, "incomplete": result.incomplete,
            "needs_deviation_analysis": result.needs_deviation_analysis}
    return {k: str(v) if isinstance(v, Decimal) else v for k, v in got.items()}


def fast_result(ind, weight, given, config):
    """score_common's result, or None where it leaves the case to the general path."""
    w = cents(weight)
    row = score_common(ind, w, given, config) if w is not None else None
    return None if row is None else common_result(row, ind, weight, w, given, config)


def both(target, actual, weight, rating=None, rating_score=None, config=DEFAULT_CONFIG, category="quality"):
    ind = Indicator("产出指标", "质量指标", category, "指标", None, parse_target(target, category))
    given = IndicatorInput(actual=actual, rating=rating, rating_score=rating_score)
    fast = fast_result(ind, weight, given, config)
    try:
        slow = score_indicator(ind, weight, actual, rating=rating, rating_score=rating_score, config=config)
    except ScoringError as err:  # the general path refuses: the fast one must have left it to it
        assert fast is None, (target, actual, err)
        return None, None
    return fast, slow


@pytest.mark.parametrize("config", CONFIGS)
def test_numbers_score_as_the_general_path(config):
    checked = 0
    for category in ("quality", "cost"):
        for target in TARGETS:
            for actual in ACTUALS:
                for weight in (Decimal("10"), Decimal("3.33"), Decimal("0"), Decimal("2.345"), Decimal("7.5")):
                    fast, slow = both(target, actual, weight, config=config, category=category)
                    if fast is None:
                        continue
                    checked += 1
                    assert fields_of(fast) == fields_of(slow), (target, actual, weight)
    assert checked > 400  # the common path does take most of them


RATED = [("达成", Decimal("9")), ("部分达成", Decimal("7")), ("未达成", Decimal("2")), ("部分达成", Decimal("9.5")),
         ("达成", Decimal("7.999")), ("met", Decimal("10")), ("partly", Decimal("6.005")), ("未完成", Decimal("0")),
         ("部分达成（进度滞后）", Decimal("7.99")), (" 达成", Decimal("8.00")), ("达成", Decimal("8")), ("达成", "9"),
         ("达成", 9), ("达成", Decimal("NaN")), ("达成", Decimal("sNaN")), ("达成", Decimal("-0")), ("好", Decimal("9")),
         ("达成", Decimal("1E+40")), ("未达成", Decimal("5.995")), ("达成", None)]


@pytest.mark.parametrize("config", CONFIGS)
@pytest.mark.parametrize("rating, rating_score", RATED)
def test_ratings_score_as_the_general_path(config, rating, rating_score):
    for target in ("良好", "2024年12月", "≥90%", "及时", "≥"):
        for weight in (Decimal("10"), Decimal("3.33"), Decimal("0")):
            fast, slow = both(target, None, weight, rating, rating_score, config=config)
            if fast is not None:
                assert fields_of(fast) == fields_of(slow), (target, rating, rating_score)


def test_a_signalling_nan_is_refused_in_chinese():
    ind = Indicator("产出指标", "质量指标", "quality", "群众满意度", None, parse_target("良好", "quality"))
    with pytest.raises(ScoringError, match="「sNaN」不是数字") as err:  # not a TypeError from a cache
        evaluate_table_of([ind], [IndicatorInput(rating="达成", rating_score=Decimal("sNaN"))])
    assert err.value.index == 0


def evaluate_table_of(indicators, inputs):
    from jixiao.core.model import TargetTable
    return evaluate_table(TargetTable(name="表", indicators=indicators), inputs)


# --- whole tables -----------------------------------------------------------------------------

def real_tables():
    tables = [t for t in read_document(DEMO_DOCUMENT).tables if t.indicators]
    for path in sorted(FIXTURES.glob("*.txt")):
        tables += [t for t in read_document(path).tables if t.indicators]
    return tables


def generated(target, weight, rng):
    """An input as the scoring bench makes them (numbers around the target, dates around the deadline,
    ratings with a score in their band), now and then something odd."""
    if rng.random() < 0.03:
        return IndicatorInput(actual=rng.choice(ACTUALS + [None]), rating=rng.choice([None, None, "达成", "未达成"]),
                              rating_score=rng.choice([None, weight, Decimal("1.5")]),
                              weight=rng.choice([None, None, Decimal("4")]), not_applicable=rng.random() < 0.2,
                              score=rng.choice([None, None, Decimal("1")]), deduction_reason=rng.choice(["", "理由"]),
                              deviation_analysis=rng.choice(["", "原因"]))
    if target is None or target.kind in ("qualitative", "composite") or (target.kind == "deadline" and target.deadline is None) \
            or (target.kind == "numeric" and target.value is None):
        tier = rng.choice(("达成", "部分达成", "未达成"))
        band = DEFAULT_CONFIG.tier(parse_rating(tier))
        return IndicatorInput(rating=tier, rating_score=rng.choice([band.top_score(weight), cents(weight * band.low)]))
    if target.kind == "deadline":
        done = target.deadline + timedelta(days=rng.randint(-60, 20))
        return IndicatorInput(actual=f"{done.year}年{done.month}月{done.day}日完成")
    low, high = (80, 220) if target.direction == "lower" else (50, 130)
    value = (target.value or Decimal(1)) * rng.randint(low, high) / 100
    return IndicatorInput(actual=f"{value.quantize(Decimal('0.01'))}{target.unit or ''}",
                          deviation_analysis=rng.choice(["", "原因"]))


def general_table(table, inputs, execution, config):
    """evaluate_table with every indicator through score_indicator: what the common path must match."""
    blocks, weights, findings = allocate(table.indicators, [i.weight for i in inputs],
                                         [i.not_applicable for i in inputs], config)
    results = []
    for index, (ind, given, weight, block) in enumerate(zip(table.indicators, inputs, weights, blocks)):
        if given.not_applicable:
            r = IndicatorResult(ind.name, NO_POINTS, NO_POINTS, NOT_APPLICABLE, NOT_APPLICABLE_WHY)
        else:
            r = score_indicator(ind, weight, given.actual, rating=given.rating, rating_score=given.rating_score,
                                score=given.score, deduction_reason=given.deduction_reason, config=config)
        r.block, r.index, r.deviation_analysis = block, index, given.deviation_analysis or ""
        results.append(r)
    budget = score_budget(execution, config)
    sums = {b.key: NO_POINTS for b in config.blocks}
    points, scores = dict(sums), dict(sums)
    for r in results:
        points[r.block] += r.weight
        scores[r.block] += r.score
    for b in config.blocks:
        if b.judged:
            points[b.key] = q2(b.points or NO_POINTS) + NO_POINTS
            scores[b.key] = NO_POINTS
    total = config.round(budget.score + sum(scores.values(), NO_POINTS))
    possible = budget.weight + sum(points.values(), NO_POINTS)
    findings += [Finding("total", f"各项分值合计为 {plain(possible)} 分（不是 100 分），按表内分值计分")] \
        if possible != HUNDRED else []
    return results, points, scores, total, findings


@pytest.mark.parametrize("config", [*CONFIGS, *(r.scoring for r in rules.available())],
                         ids=[f"config{i}" for i in range(len(CONFIGS))] + [r.name for r in rules.available()])
def test_whole_tables_score_and_explain_as_the_general_path(config):
    """Every indicator of generated tables (the bench's kind of actuals) against score_indicator."""
    tables = real_tables()
    rng = random.Random(2024)
    compared = common = 0
    for table in tables * 6:
        try:
            weights, given = allocate_weights(table.indicators, config=config), None
        except ScoringError:  # a rule set that takes the 分值 as printed: give them
            weights = given = [Decimal(5)] * len(table.indicators)
        inputs = [generated(target_of(ind), w, rng) for ind, w in zip(table.indicators, weights)]
        if given:
            inputs = [replace(i, weight=i.weight or w) for i, w in zip(inputs, given)]
        budget = table.budget or Decimal(100000)
        execution = Execution(budget, budget, budget * rng.randint(60, 105) / 100)
        try:
            expected = general_table(table, inputs, execution, config)
        except ScoringError as err:
            with pytest.raises(ScoringError) as got:
                evaluate_table(table, inputs, execution, config)
            assert err.message in got.value.message
            continue
        result = evaluate_table(table, inputs, execution, config)
        common += sum(type(row) is tuple for row in result.indicators._rows)
        results, points, scores, total, findings = expected
        assert [fields_of(r) for r in result.indicators] == [fields_of(r) for r in results], table.name
        assert {k: str(v) for k, v in result.blocks.items()} == {k: str(v) for k, v in points.items()}
        assert {k: str(v) for k, v in result.block_scores.items()} == {k: str(v) for k, v in scores.items()}
        assert (str(result.total), result.findings) == (str(total), findings)
        compared += len(results)
    assert compared > 1500 and common > compared * 0.8, (compared, common)


# --- results built when read ------------------------------------------------------------------

def test_results_are_built_when_first_read_and_stay():
    table = next(t for t in read_document(DEMO_DOCUMENT).tables if t.name == "信访事项经费")
    inputs = [IndicatorInput(actual="1间"), IndicatorInput(actual="3次")]
    result = evaluate_table(table, inputs)
    assert isinstance(result.indicators, IndicatorResults)
    assert len(result.indicators) == 20 and type(result.indicators._rows[1]) is tuple  # not built by len
    second = result.indicators[1]
    assert (second.name, str(second.score), second.block, second.index) == ("信访宣传活动次数", "2.51", "output", 1)
    assert result == evaluate_table(table, inputs) and result.indicators != evaluate_table(table, []).indicators
    second.deviation_analysis = "宣传活动因疫情取消一次"
    assert result.indicators[1] is second and list(result.indicators)[1].deviation_analysis == "宣传活动因疫情取消一次"
    assert result.indicators[:2] == [result.indicators[0], second] and result.indicators == list(result.indicators)
    assert [r.name for r in reversed(result.indicators)][-1] == "访前法律咨询工作室"
