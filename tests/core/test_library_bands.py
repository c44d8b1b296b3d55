"""Percentile bands of comparable projects' targets (10th–90th), checked by hand."""

from __future__ import annotations

from decimal import Decimal

from library_helpers import demo_library, entry, uses

from jixiao.core.library import LibraryConfig
from jixiao.core.library.bands import percentiles, target_band


def test_percentiles_interpolate_between_targets():
    # Ten targets 1..10: the 10th percentile lies 0.9 of the way from 1 to 2 (inclusive method).
    low, median, high = percentiles([Decimal(n) for n in range(1, 11)], 10, 90)
    assert (low, median, high) == (Decimal("1.9"), Decimal("5.5"), Decimal("9.1"))


def test_band_needs_enough_targets_and_leaves_out_the_project_itself():
    activities = entry("宣传活动次数", usage=uses(["≥2次", "≥4次", "≥4次", "≥4次", "≥6次"]))
    band = target_band(activities)
    assert (band.low, band.median, band.high, band.count) == (Decimal("2.8"), 4, Decimal("5.2"), 5)
    assert target_band(activities, project="项目1", org="某单位") is None  # only 4 others left
    assert target_band(activities, config=LibraryConfig(min_band_samples=6)) is None


def test_band_converts_units_and_skips_non_numeric_targets():
    budget = entry("项目总成本", "cost", "万元", usage=uses(["≤10万元", "≤200000元", "≤15万元", "合理控制", "≤12万元", "≤30万元"]))
    band = target_band(budget)
    assert band.count == 5 and band.unit == "万元"
    assert (band.low, band.high) == (Decimal("10.8"), Decimal("26"))


def test_same_type_projects_are_preferred_when_there_are_enough():
    mixed = uses(["≥2次"] * 5, project_type="其他事业发展性支出") + uses(["≥8次"] * 5)
    mixed = tuple(u.__class__(**{**u.__dict__, "project": f"{u.project}{u.project_type}"}) for u in mixed)
    activities = entry("宣传活动次数", usage=mixed)
    band = target_band(activities, project_type="其他事业发展性支出")
    assert band.same_type and band.high == 2
    assert not target_band(activities, project_type="新类型").same_type


def test_demo_band_of_execution_rates():
    execution = demo_library().match("预算执行率").entry
    band = target_band(execution, project="维稳专项经费（常）", org="东莞市东坑镇综合治理办公室",
                       project_type="其他特定目标类（部门职能类）")
    # The seven other 部门职能类 tables set 95, 90, 90, 90, 80, 90, 90.
    assert band.count == 7 and band.same_type
    assert (band.low, band.median, band.high) == (Decimal(86), 90, Decimal(92))
