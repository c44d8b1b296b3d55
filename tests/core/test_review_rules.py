"""Each review rule on hand-made tables: one built to pass every rule, one variant per rule that fails it."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest
from test_review_helpers import clean_indicators, clean_table, indicator, table

from jixiao.core.model import Goals, Section
from jixiao.core.review import RULES, ReviewConfig, has_errors, implied_costs, review_table


def _without(*names):
    return [i for i in clean_indicators() if i.name not in names]


def _replacing(name, new):
    return [new if i.name == name else i for i in clean_indicators()]


def _adding(*new):
    return clean_indicators() + list(new)


# rule id -> (a table that breaks the rule, text the message must contain)
FAILING = {
    "completeness.missing-level1": (
        lambda: table(_without("群众满意度")),
        "缺少满意度指标",
    ),
    "completeness.missing-level2": (
        lambda: table(_without("宣传活动完成时间")),
        "产出指标缺少时效指标",
    ),
    "completeness.missing-cost": (
        lambda: table(_without("宣传册印制单价", "预算执行率")),
        "没有成本指标",
    ),
    "completeness.empty-goals": (
        lambda: clean_table(goals=Goals(period="三年开展宣传活动12次以上。", annual=" ")),
        "年度目标为空",
    ),
    "completeness.empty-target": (
        lambda: table(_replacing("宣传覆盖率", indicator("quality", "宣传覆盖率", "", "≥90%"))),
        "“宣传覆盖率”的当年度指标值为空",
    ),
    "form.quantity-not-numeric": (
        lambda: table(_adding(indicator("quantity", "走访群众", "全面走访"))),
        "“走访群众”的当年度指标值“全面走访”没有数值",
    ),
    "form.quantity-no-unit": (
        lambda: table(_replacing("宣传册印制数量", indicator("quantity", "宣传册印制数量", "10000", "30000"))),
        "“宣传册印制数量”的当年度指标值“10000”没有计量单位",
    ),
    "form.timeliness-not-measurable": (
        lambda: table(_replacing("宣传活动完成时间", indicator("timeliness", "宣传活动完成时间", "及时"))),
        "“宣传活动完成时间”的当年度指标值“及时”既不是完成时限也不是比率",
    ),
    "form.cost-lower-bound": (
        lambda: table(_replacing("宣传册印制单价", indicator("cost", "宣传册印制单价", "≥4.5元/份"))),
        "“≥4.5元/份”是下限",
    ),
    "form.unknown-category": (
        lambda: table(_adding(replace(indicator("quality", "档案归档率", "100%"), level2="其他指标", category=None))),
        "“档案归档率”所在的二级指标“其他指标”不是规范的指标类别",
    ),
    "form.unparsed-target": (
        lambda: table(_adding(indicator("quality", "宣传资料质量", "100%完成", "≥90%"))),
        "“宣传资料质量”的当年度指标值“100%完成”无法识别",
    ),
    "form.digit-lookalike": (
        lambda: table(_replacing("宣传覆盖率", indicator("quality", "宣传覆盖率", "≥9O%", "≥90%"))),
        "“宣传覆盖率”的当年度指标值“≥9O%”中有字母混作数字，请改为“≥90%”",
    ),
    "form.rate-not-numeric": (
        lambda: table(_replacing("宣传覆盖率", indicator("quality", "宣传覆盖率", "100%完成", "≥90%"))),
        "“宣传覆盖率”的当年度指标值“100%完成”不是百分比数值",
    ),
    "form.rate-over-100": (
        lambda: table(_replacing("宣传覆盖率", indicator("quality", "宣传覆盖率", "≥120%", "≥90%"))),
        "“宣传覆盖率”的当年度指标值“≥120%”超过100%",
    ),
    "form.rate-unit": (
        lambda: table(_replacing("宣传覆盖率", indicator("quality", "宣传覆盖率", "12个", "≥90%"))),
        "“宣传覆盖率”的当年度指标值“12个”的计量单位是“个”，与比率指标不符",
    ),
    "form.comparator-direction": (
        lambda: table(_replacing("群众满意度", indicator("satisfaction", "群众满意度", "≤90%", "≥90%"))),
        "“≤90%”是上限（≤）；“群众满意度”越高越好，应写下限，如“≥90%”",
    ),
    "consistency.period-equals-annual": (
        lambda: table(_replacing("宣传活动次数", indicator("quantity", "宣传活动次数", "≥4次"))),
        "同为“≥4次”",
    ),
    "consistency.period-equals-annual-stock": (
        lambda: table(_adding(indicator("quantity", "聘请法律顾问人数", "2人"))),
        "同为“2人”",
    ),
    "consistency.annual-exceeds-period": (
        lambda: table(_replacing("宣传活动次数", indicator("quantity", "宣传活动次数", "≥14次", "≥12次"))),
        "当年度指标值“≥14次”大于实施周期指标值“≥12次”",
    ),
    "consistency.period-annual-mismatch": (
        lambda: table(_replacing("宣传册印制数量", indicator("quantity", "宣传册印制数量", "10000份", "30000册"))),
        "计量单位不同",
    ),
    "consistency.implied-cost-over-budget": (
        lambda: table(_replacing("宣传册印制单价", indicator("cost", "宣传册印制单价", "≤6元/份"))),
        "10,000 × 6 = 60,000 元，年度预算 50,000 元；测算成本超出预算 10,000 元",
    ),
    "consistency.implied-cost-under-budget": (
        lambda: clean_table(budget=Decimal("90000")),
        "10,000 × 4.5 = 45,000 元，年度预算 90,000 元；测算成本只占预算的50.0%（相差 45,000 元）",
    ),
    "consistency.deadline-outside-period": (
        lambda: table(
            _replacing("宣传活动完成时间", indicator("timeliness", "宣传活动完成时间", "2025年6月前", "2026年12月前"))
        ),
        "“2025年6月前”（2025-06-30）不在2024预算年度内",
    ),
    "consistency.duplicate-indicator": (
        lambda: table(_adding(indicator("quality", "宣传 覆盖率", "≥85%"))),
        "“宣传 覆盖率”重复出现",
    ),
    "measurability.qualitative-outputs": (
        lambda: table(
            _adding(
                indicator("quality", "宣传内容质量", "符合要求"),
                indicator("quality", "宣传资料规范性", "规范"),
            )
        ),
        "6个产出指标中有2个为定性表述（33.3%，上限30.0%）",
    ),
    "measurability.vague-benefit": (
        lambda: table(_replacing("宣传机制持续运行年限", indicator("sustainability", "宣传机制持续运行", "长期"))),
        "“长期”难以核实；建议写明持续期限",
    ),
    "budget.execution-rate-missing": (
        lambda: table(_without("预算执行率")),
        "没有预算执行率指标",
    ),
    "budget.execution-rate-low": (
        lambda: table(_replacing("预算执行率", indicator("cost", "预算执行率", "≥80%"))),
        "“≥80%”低于90%",
    ),
}


def test_every_rule_has_a_failing_table():
    # The 指标库 rules need a library to run: test_review_library.py covers them.
    assert set(FAILING) == {rule_id for rule_id, r in RULES.items() if r.family != "library"}


def test_the_clean_table_passes_every_rule():
    findings = review_table(clean_table())
    assert findings == []


@pytest.mark.parametrize("rule_id", sorted(FAILING))
def test_rule_fires_on_its_failing_table_only(rule_id):
    build, expected = FAILING[rule_id]
    assert not [f for f in review_table(clean_table()) if f.rule == rule_id]
    found = [f for f in review_table(build()) if f.rule == rule_id]
    assert found, f"{rule_id} did not fire"
    assert any(expected in f.message for f in found), [f.message for f in found]
    assert all("【社区安全宣传经费】" in f.message for f in found)
    assert all(f.severity == RULES[rule_id].severity for f in found)


def test_declared_section_without_indicators_counts_as_missing():
    t = table(_without("群众满意度"))
    t.sections.append(Section("满意度指标", "服务对象满意度指标", "satisfaction"))
    (finding,) = [f for f in review_table(t) if f.rule == "completeness.missing-level1"]
    assert finding.severity == "error" and finding.indicator is None
    assert "列出了满意度指标，但其下没有任何三级指标" in finding.message


def test_unit_cost_matches_quantity_by_unit_not_by_name():
    t = table(
        _adding(
            indicator("quantity", "驻点人员", "6人"),
            indicator("cost", "补贴标准", "≤500元/人/月"),
        ),
        budget=Decimal("36000"),
    )
    costs = {c.cost.name: c for c in implied_costs(t)}
    assert costs["补贴标准"].quantity.name == "驻点人员"
    assert costs["补贴标准"].low == Decimal("36000")  # 6 人 × 500 元 × 12 月
    assert costs["宣传册印制单价"].quantity.name == "宣传册印制数量"


def test_several_quantities_in_the_unit_pick_the_closest_name():
    t = table(
        _adding(
            indicator("quantity", "宣传海报张贴数量", "200份", "600份"),
        )
    )
    (cost,) = [c for c in implied_costs(t) if c.cost.name == "宣传册印制单价"]
    assert cost.quantity.name == "宣传册印制数量"


def test_graded_standard_gives_a_range():
    t = table(
        _adding(
            indicator("quantity", "奖励人数", "≥10人"),
            indicator("cost", "奖励标准", "良好等级：500元/人；优秀等级：1500元/人"),
        ),
        budget=Decimal("12000"),
    )
    (cost,) = [c for c in implied_costs(t) if c.cost.name == "奖励标准"]
    assert (cost.low, cost.high) == (Decimal("5000"), Decimal("15000"))
    assert not [f for f in review_table(t) if f.indicator == "奖励标准"]

    over = replace(t, budget=Decimal("4000"))
    (f,) = [f for f in review_table(over) if f.indicator == "奖励标准"]
    assert f.rule == "consistency.implied-cost-over-budget"
    assert "良好等级 10 × 500 = 5,000 元；优秀等级 10 × 1,500 = 15,000 元" in f.message
    assert "即使全部按最低档，测算成本超出预算 1,000 元" in f.message


def test_single_year_project_is_not_checked_for_period_sums():
    t = table(_replacing("宣传活动次数", indicator("quantity", "宣传活动次数", "≥4次")), period_start=2024, period_end=2024)
    assert not [f for f in review_table(t) if f.rule.startswith("consistency.period")]


def test_thresholds_come_from_the_configuration():
    low = table(_replacing("预算执行率", indicator("cost", "预算执行率", "≥85%")))
    assert [f for f in review_table(low) if f.rule == "budget.execution-rate-low"]
    assert not review_table(low, ReviewConfig(min_execution_rate=Decimal("80")))

    cheap = clean_table(budget=Decimal("60000"))  # 45,000 is 75 % of it
    assert [f for f in review_table(cheap) if f.rule == "consistency.implied-cost-under-budget"]
    assert not review_table(cheap, ReviewConfig(min_implied_cost_share=Decimal("0.7")))


def test_configuration_can_disable_or_reweigh_a_rule():
    t = table(_without("群众满意度"))
    assert has_errors(review_table(t))
    assert not review_table(t, ReviewConfig(disabled=frozenset({"completeness.missing-level1"})))
    (f,) = review_table(t, ReviewConfig(severities={"completeness.missing-level1": "warning"}))
    assert f.severity == "warning"


def test_findings_are_sorted_errors_first():
    t = table(_without("群众满意度", "预算执行率"))
    assert [f.severity for f in review_table(t)] == ["error", "warning"]


def test_finding_keys_are_stable_and_distinct():
    t = table([i for i in clean_indicators() if i.category not in ("satisfaction", "social", "sustainability")])
    first, again = review_table(t), review_table(t)
    assert [f.key for f in first] == [f.key for f in again]
    missing = [f.key for f in first if f.rule == "completeness.missing-level1"]
    assert missing == ["completeness.missing-level1||效益", "completeness.missing-level1||满意度"]
    assert len({f.key for f in first}) == len(first)


def test_money_amount_repeated_over_a_multi_year_period():
    t = table(_adding(indicator("cost", "设备购置费", "≤2万元")))
    (f,) = [f for f in review_table(t) if f.rule == "consistency.period-equals-annual"]
    assert f.indicator == "设备购置费" and "同为“≤2万元”" in f.message


def test_a_layout_without_period_column_is_one_finding_not_one_per_row():
    t = clean_table()
    for i in t.indicators:
        i.period_target = None
    hits = [f for f in review_table(t) if f.rule == "completeness.empty-target"]
    assert len(hits) == 1 and hits[0].indicator is None
    assert f"全部{len(t.indicators)}个指标都没有实施周期指标值" in hits[0].message
    one_missing = clean_table()
    one_missing.indicators[0].period_target = None
    hits = [f for f in review_table(one_missing) if f.rule == "completeness.empty-target"]
    assert [f.indicator for f in hits] == [one_missing.indicators[0].name]
