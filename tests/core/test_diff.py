"""The diff of two versions of a demo table: fields, indicators added / removed / changed, order."""

import copy
from dataclasses import replace
from decimal import Decimal

import pytest

from jixiao.core.diff import ADDED, CHANGED, REMOVED, diff_tables
from jixiao.core.io import read_document
from jixiao.core.model import Goals, Indicator
from jixiao.core.targets import parse_target
from jixiao.demo import DEMO_DOCUMENT


@pytest.fixture(scope="module")
def demo():
    return read_document(DEMO_DOCUMENT).tables


def test_same_table_has_no_diff(demo):
    diff = diff_tables(demo[0], copy.deepcopy(demo[0]))
    assert not diff
    assert diff.summary() == "没有变化"


def test_fields_changed_old_to_new(demo):
    old = demo[0]  # 维稳专项经费（常）, 150000 元
    new = replace(old, budget=Decimal("180000"), goals=Goals(old.goals.period, "新的年度目标"), level="")
    diff = diff_tables(old, new)
    assert [(f.label, f.old, f.new) for f in diff.fields] == [
        ("项目等级", old.level, ""),
        ("年度预算金额（元）", "150,000", "180,000"),
        ("年度目标", old.goals.annual, "新的年度目标"),
    ]
    assert diff.indicators == ()
    assert diff.summary() == "3 项基本信息修改"


def test_indicators_added_removed_changed(demo):
    old = demo[0]
    indicators = copy.deepcopy(old.indicators)
    indicators[1].annual_target = parse_target("≥6次")  # 维稳宣传活动次数 ≥4次 → ≥6次
    removed = indicators.pop(3)  # 维稳宣传制品质量达标率
    indicators.append(Indicator("产出指标", "数量指标", "quantity", "新增巡查次数", None, parse_target("≥12次")))
    diff = diff_tables(old, replace(old, indicators=indicators))
    by_change = {c: [i for i in diff.indicators if i.change == c] for c in (ADDED, REMOVED, CHANGED)}
    [changed] = by_change[CHANGED]
    assert changed.heading == "数量指标／维稳宣传活动次数"
    assert [(f.label, f.old, f.new) for f in changed.fields] == [("当年度指标值", "≥4次", "≥6次")]
    [added] = by_change[ADDED]
    assert added.name == "新增巡查次数" and [(f.label, f.new) for f in added.fields] == [("当年度指标值", "≥12次")]
    [gone] = by_change[REMOVED]
    assert gone.name == removed.name == "维稳宣传制品质量达标率"
    assert [(f.label, f.old, f.new) for f in gone.fields] == [("实施周期指标值", "100%", ""), ("当年度指标值", "100%", "")]
    assert not diff.reordered
    assert diff.summary() == "指标新增 1 项、删除 1 项、修改 1 项"
    assert "修改指标 数量指标／维稳宣传活动次数：当年度指标值 ≥4次 → ≥6次" in diff.lines()


def test_moved_indicator_is_reordered_not_removed(demo):
    old = demo[0]
    indicators = copy.deepcopy(old.indicators)
    indicators[0], indicators[1] = indicators[1], indicators[0]
    diff = diff_tables(old, replace(old, indicators=indicators))
    assert diff.reordered and diff.indicators == ()
    assert diff.summary() == "指标顺序调整"


def test_indicator_moved_to_another_group_pairs_by_name(demo):
    old = demo[0]
    indicators = copy.deepcopy(old.indicators)
    indicators[0].level2 = "质量指标"
    diff = diff_tables(old, replace(old, indicators=indicators))
    [change] = diff.indicators
    assert change.change == CHANGED and [(f.label, f.old, f.new) for f in change.fields] == [("二级指标", "数量指标", "质量指标")]


def test_every_demo_table_against_the_next_differs_somewhere(demo):
    for a, b in zip(demo, demo[1:]):
        diff = diff_tables(a, b)
        assert diff and diff.to_dict()["summary"] == diff.summary()
