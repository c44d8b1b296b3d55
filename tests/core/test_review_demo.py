"""The review on the bundled demo document (12 real tables of 东坑镇综合治理办公室, 2024)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from jixiao.core.io import read_document
from jixiao.core.review import count_findings, has_errors, implied_costs, review_document, review_table
from jixiao.demo import DEMO_DOCUMENT


@pytest.fixture(scope="module")
def demo():
    return {t.name: t for t in read_document(DEMO_DOCUMENT).tables}


@pytest.fixture(scope="module")
def findings(demo):
    return {name: review_table(t) for name, t in demo.items()}


def _of(findings, rule, indicator="any"):
    return [f for f in findings if f.rule == rule and (indicator == "any" or f.indicator == indicator)]


def test_cost_arithmetic_of_hengli_subsidy(demo, findings):
    (cost,) = implied_costs(demo["横沥检察室补助经费（常）"])
    assert (cost.count, cost.low, cost.budget) == (6, Decimal("270000"), Decimal("360000"))
    assert cost.quantity.name == "监察室补助人数"
    (f,) = _of(findings["横沥检察室补助经费（常）"], "consistency.implied-cost-under-budget", "监察室补助标准")
    assert f.severity == "warning"
    assert "6 × 45,000 = 270,000 元，年度预算 360,000 元" in f.message
    assert "相差 90,000 元" in f.message


def test_graded_reward_standard_against_people_and_budget(demo, findings):
    (cost,) = implied_costs(demo["综治中心绩效奖励"])
    assert cost.quantity.name == "绩效奖励人数" and cost.count_text == "≥23人"
    assert (cost.low, cost.high) == (Decimal("11500"), Decimal("34500"))
    (f,) = _of(findings["综治中心绩效奖励"], "consistency.implied-cost-under-budget", "绩效奖励标准")
    assert "良好等级 23 × 500 = 11,500 元；优秀等级 23 × 1,500 = 34,500 元，年度预算 43,500 元" in f.message
    assert "即使全部按最高档" in f.message and "79.3%" in f.message


def test_petition_leaflets_unit_price_times_copies(findings):
    (f,) = _of(findings["信访事项经费"], "consistency.implied-cost-under-budget", "信访宣传制品单价")
    assert "32,000 × 1.25 = 40,000 元，年度预算 181,000 元" in f.message


def test_lower_bound_cost_target_of_saohei(findings):
    (f,) = _of(findings["扫黑除恶专项斗争工作经费"], "form.cost-lower-bound")
    assert f.severity == "error" and f.indicator == "宣传品单价"
    assert "“≥1.6元/份（个）”是下限" in f.message


@pytest.mark.parametrize("name", ["平安建设治理经费", "法院、检察院定额经费镇街承担部分"])
def test_missing_satisfaction_indicator(findings, name):
    (f,) = _of(findings[name], "completeness.missing-level1")
    assert f.severity == "error" and "满意度指标" in f.message and name in f.message


def test_period_targets_equal_to_annual_in_multi_year_projects(demo, findings):
    flagged = {
        (name, f.indicator)
        for name, fs in findings.items()
        for f in _of(fs, "consistency.period-equals-annual")
    }
    assert ("维稳专项经费（常）", "维稳宣传活动次数") in flagged
    assert ("综合经费", "采购宣传制品的数量") in flagged
    assert ("横沥检察室补助经费（常）", "监察室补助次数") in flagged
    # Only 2022–2024 projects: the single-year 2024 projects state the same ≥4次 without a finding.
    multi_year = {n for n, t in demo.items() if t.period_start == 2022 and t.period_end == 2024}
    assert {name for name, _ in flagged} <= multi_year
    assert len({name for name, _ in flagged}) >= 6
    assert not _of(findings["信访事项经费"], "consistency.period-equals-annual")


def test_execution_rate_checks(findings):
    assert _of(findings["维稳专项经费（常）"], "budget.execution-rate-low", "预算执行率（%）")
    assert not _of(findings["基层防线办经费（常）"], "budget.execution-rate-low")  # ≥95%
    assert _of(findings["扫黑除恶专项斗争工作经费"], "budget.execution-rate-missing")


def test_every_table_reviewed_and_counts(demo):
    reviews = review_document(read_document(DEMO_DOCUMENT))
    assert [r.name for r in reviews] == list(demo)
    errors = sorted((r.name, f.rule) for r in reviews for f in r.findings if f.severity == "error")
    assert errors == [
        ("平安建设治理经费", "completeness.missing-level1"),
        ("扫黑除恶专项斗争工作经费", "form.cost-lower-bound"),
        ("法院、检察院定额经费镇街承担部分", "completeness.missing-level1"),
        ("法院、检察院定额经费镇街承担部分", "form.cost-lower-bound"),
    ]
    clean = [r.name for r in reviews if not has_errors(r.findings)]
    assert len(clean) == 9 and "基层防线办经费（常）" in clean


def test_counts_for_the_review_report(findings):
    everything = [f for fs in findings.values() for f in fs]
    counts = count_findings(everything)
    assert counts["severity"]["error"] == 4
    assert sum(counts["severity"].values()) == sum(counts["rule"].values()) == len(everything)
    assert counts["rule"]["completeness.missing-level1"] == 2
    assert counts["rule"]["consistency.implied-cost-under-budget"] == 3
