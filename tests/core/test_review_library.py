"""The 指标库 review rules: each on a hand-made table and library, with the numbers in the message."""

from __future__ import annotations


from library_helpers import demo_document, demo_library, entry, uses
from test_review_helpers import clean_indicators, clean_table, indicator, table

from jixiao.core.library import Library
from jixiao.core.library.record import ProjectRecord
from jixiao.core.review import RULES, review_document, review_table
from jixiao.core.review.library import LibraryContext, with_library

LIBRARY_RULES = sorted(r for r in RULES if r.startswith("library."))


def _library(**replacements) -> Library:
    entries = [
        entry("宣传活动次数", usage=uses(["≥4次", "≥4次", "≥5次", "≥6次", "≥6次", "≥8次"])),
        entry("宣传册印制数量", unit="份"),
        entry("宣传册印制单价", "cost", "元/份", direction="lower", usage=uses(["≤4.5元/份"])),
        entry("预算执行率", "cost", "%", locked=True, reference_value="≥95%", code="C-CB-0001"),
        entry("群众满意度", "satisfaction", "%"),
    ]
    return Library([replacements.get(e.name, e) for e in entries])


def _findings(t, rule_id=None, **context):
    config = with_library(None, LibraryContext(context.pop("library", _library()), **context))
    return [f for f in review_table(t, config) if rule_id is None or f.rule == rule_id]


def _messages(t, rule_id, **context):
    found = _findings(t, rule_id, **context)
    assert all(f.severity == RULES[rule_id].severity for f in found)
    return [f.message for f in found]


def _with(name, new):
    return [new if i.name == name else i for i in clean_indicators()]


def test_without_a_library_the_rules_find_nothing():
    assert LIBRARY_RULES == [
        "library.below-last-actual",
        "library.benefit-restates-output",
        "library.locked-altered",
        "library.quantity-without-cost",
        "library.target-outside-band",
        "library.unit-mismatch",
    ]
    broken = table(_with("预算执行率", indicator("cost", "部门预算执行率", "≥80%")))
    assert not [f for f in review_table(broken) if f.rule in LIBRARY_RULES]
    assert not [f for r in review_document(demo_document()) for f in r.findings if f.rule in LIBRARY_RULES]


def test_the_clean_table_agrees_with_its_library():
    assert _findings(clean_table()) == []


def test_a_locked_entry_renamed_and_weakened_is_an_error():
    t = table(_with("预算执行率", indicator("cost", "部门预算执行率", "≥90%")))
    assert _messages(t, "library.locked-altered") == [
        "【社区安全宣传经费】指标“部门预算执行率”对应指标库固化指标“预算执行率”（C-CB-0001，第1版），须按原样使用："
        "名称应为“预算执行率”（表中为“部门预算执行率”）；指标值应为“≥95%”（表中为“≥90%”）。"
    ]


def test_a_locked_entry_chosen_from_the_library_is_followed_by_its_code():
    t = table(_with("预算执行率", indicator("cost", "资金支付进度", "≥95次")))
    links = {"资金支付进度": ("C-CB-0001", 1)}
    (message,) = _messages(t, "library.locked-altered", links=links)
    assert "名称应为“预算执行率”（表中为“资金支付进度”）；计量单位应为“%”（表中为“次”）" in message
    assert _messages(t, "library.locked-altered") == []  # not linked, not alike: not this entry


def test_a_unit_contradicting_the_entry():
    t = table(_with("宣传活动次数", indicator("quantity", "宣传活动次数", "≥4场", "≥12场")))
    assert _messages(t, "library.unit-mismatch") == [
        "【社区安全宣传经费】指标“宣传活动次数”的指标值“≥4场”以“场”计量，指标库条目“宣传活动次数”（T-宣传活动次数，第1版）"
        "的计量单位为“次”，请统一计量单位或改选条目。"
    ]


def test_a_target_above_the_90th_percentile_of_comparable_projects():
    t = table(_with("宣传活动次数", indicator("quantity", "宣传活动次数", "≥20次", "≥60次")))
    assert _messages(t, "library.target-outside-band") == [
        "【社区安全宣传经费】指标“宣传活动次数”的当年度指标值“≥20次”高于同类项目的第90百分位（7次）："
        "6个同类项目的指标值第10–90百分位为4–7次，中位数5.5次（指标库条目“宣传活动次数”（T-宣传活动次数，第1版））。"
        "请核实指标值或说明理由。"
    ]
    low = table(_with("宣传活动次数", indicator("quantity", "宣传活动次数", "≥1次", "≥3次")))
    (message,) = _messages(low, "library.target-outside-band")
    assert "“≥1次”低于同类项目的第10百分位（4次）" in message


def test_too_few_comparable_projects_give_no_band_finding():
    few = entry("宣传活动次数", usage=uses(["≥4次", "≥5次", "≥6次", "≥8次"]))
    t = table(_with("宣传活动次数", indicator("quantity", "宣传活动次数", "≥20次", "≥60次")))
    assert _messages(t, "library.target-outside-band", library=_library(宣传活动次数=few)) == []


def test_a_quantity_without_its_cost_entry_gets_the_cost_worked_out():
    t = table([i for i in clean_indicators() if i.name != "宣传册印制单价"])
    assert _messages(t, "library.quantity-without-cost") == [
        "【社区安全宣传经费】数量指标“宣传册印制数量”（10000份）没有以“元/份”计量的成本指标；"
        "指标库有成本条目“宣传册印制单价”（T-宣传册印制单价，第1版，元/份），"
        "按典型值“≤4.5元/份”核算：10,000份 × 4.5元/份 = 45,000元（年度预算50,000元）。"
    ]


def test_a_benefit_restating_an_output():
    t = table([*clean_indicators(), indicator("social", "开展宣传活动次数", "≥4次")])
    assert _messages(t, "library.benefit-restates-output") == [
        "【社区安全宣传经费】效益指标“开展宣传活动次数”与产出指标“宣传活动次数”几乎相同（相似度100%），"
        "重复了产出；效益指标应写产出带来的效果，如知晓率、化解率、受益人数。"
    ]
    moved = table(
        [*(i for i in clean_indicators() if i.name != "宣传册印制数量"), indicator("social", "宣传册印制数量", "10000份")]
    )
    assert _messages(moved, "library.benefit-restates-output") == [
        "【社区安全宣传经费】效益指标“宣传册印制数量”在指标库中是数量指标“宣传册印制数量”（T-宣传册印制数量，第1版），"
        "属于产出；效益指标应写产出带来的效果。"
    ]


def test_targets_against_last_years_actuals():
    last = ProjectRecord(clean_table(year=2023), {"宣传活动次数": "6次", "宣传册印制单价": "4.2元/份", "宣传覆盖率": "88%"})
    assert _messages(clean_table(), "library.below-last-actual", previous=last) == [
        "【社区安全宣传经费】指标“宣传活动次数”的当年度指标值“≥4次”低于上年（2023年）实际完成值“6次”"
        "（上年指标“宣传活动次数”，指标值“≥4次”）；目标应不低于上年实际，或说明理由。",
        "【社区安全宣传经费】指标“宣传册印制单价”的当年度指标值“≤4.5元/份”高于上年（2023年）实际完成值“4.2元/份”"
        "（上年指标“宣传册印制单价”，指标值“≤4.5元/份”）；上限不宜高于上年实际，或说明理由。",
    ]


def test_a_renamed_indicator_is_compared_through_its_library_entry():
    last = ProjectRecord(clean_table(year=2023), {"宣传活动次数": "6次"})
    t = table(_with("宣传活动次数", indicator("quantity", "社区宣传活动次数", "≥5次", "≥15次")))
    (message,) = _messages(t, "library.below-last-actual", previous=last)
    assert "“社区宣传活动次数”的当年度指标值“≥5次”低于上年（2023年）实际完成值“6次”（上年指标“宣传活动次数”" in message


def test_the_demo_reviewed_with_its_own_library():
    config = with_library(None, LibraryContext(demo_library()))
    by_table = {r.name: [f for f in r.findings if f.rule in LIBRARY_RULES] for r in review_document(demo_document(), config)}
    law = [f.message for f in by_table["法学会经费"] if f.rule == "library.target-outside-band"]
    assert law == [
        "【法学会经费】指标“开展法律宣传活动次数”的当年度指标值“1次”低于同类项目的第10百分位（2次）："
        "8个同类型项目的指标值第10–90百分位为2–4次，中位数3次（指标库条目“宣传活动次数”（C-SL-0002，第1版））。"
        "请核实指标值或说明理由。"
    ]
    costs = [f.message for f in by_table["基层防线办经费（常）"] if f.rule == "library.quantity-without-cost"]
    assert any("20,000份 × 1.25元/份 = 25,000元（年度预算22,500元）" in m for m in costs)
    # 信访事项经费 states its unit price per 份, so its 份 count needs no cost entry.
    assert not [f for f in by_table["信访事项经费"] if f.rule == "library.quantity-without-cost" and "制品" in f.message]
