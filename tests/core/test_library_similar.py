"""Suggestions from similar projects: a 宣传 project drafted in a new year, against the demo tables."""

from __future__ import annotations

from library_helpers import demo_document, demo_library

from jixiao.core.library import LibraryConfig
from jixiao.core.library.record import ProjectRecord
from jixiao.core.library.similar import Draft, similar_projects, suggest_indicators

TYPE = "其他特定目标类（部门职能类）"
DRAFT = Draft("国家安全宣传教育经费", TYPE, "开展国家安全宣传活动，发放宣传资料，提高群众国家安全意识。")


def _history():
    records = [ProjectRecord(t) for t in demo_document().tables]
    base = next(r for r in records if r.table.name == "基层防线办经费（常）")
    base.actuals = {"宣传活动次数": "3次", "预算执行率（%）": "96.5%"}
    return records


def test_the_project_with_the_same_work_comes_first():
    found = similar_projects(DRAFT, _history())
    names = [s.record.table.name for s in found]
    assert names[0] == "基层防线办经费（常）"  # 国家安全 and 宣传 in its goals and indicators
    assert len(found) == LibraryConfig().similar_projects
    assert all(s.score >= LibraryConfig().similar_threshold for s in found)
    assert found[0].score > found[1].score


def test_same_type_gives_a_bonus():
    other = Draft(DRAFT.name, "其他事业发展性支出", DRAFT.goals)
    same = {s.record.table.name: s.score for s in similar_projects(DRAFT, _history())}
    different = {s.record.table.name: s.score for s in similar_projects(other, _history())}
    assert same["基层防线办经费（常）"] - different["基层防线办经费（常）"] == LibraryConfig().same_type_bonus


def test_suggestions_carry_definition_typical_target_and_what_each_project_set_and_reached():
    projects, suggestions = suggest_indicators(DRAFT, _history(), demo_library())
    by_name = {s.name: s for s in suggestions}
    activities = by_name["宣传活动次数"]
    assert activities.entry.code.startswith("C-SL-") and activities.definition.startswith("反映")
    assert activities.projects == 5 and activities.typical_target == "≥4次"
    example = next(u for u in activities.examples if u.project == "基层防线办经费（常）")
    assert (example.target, example.actual, example.year) == ("≥2次", "3次", 2024)
    assert (activities.band.low, activities.band.high) == (2, 4)
    execution = by_name["预算执行率"]
    assert next(u.actual for u in execution.examples if u.project == "基层防线办经费（常）") == "96.5%"
    categories = [s.category for s in suggestions]
    assert categories.index("quantity") < categories.index("cost") < categories.index("satisfaction")


def test_indicators_not_in_the_library_are_suggested_by_name():
    projects, suggestions = suggest_indicators(DRAFT, _history(), library=None)
    assert {s.entry for s in suggestions} == {None}
    assert "提升群众国家安全意识" in {s.name for s in suggestions}


def test_nothing_alike_gives_nothing():
    assert suggest_indicators(Draft("航空母舰维护"), _history(), demo_library()) == ([], [])
    # 调解 is in the goals of 中立法律服务社经费 (矛盾纠纷调解): the only word any past project has.
    found = similar_projects(Draft("人民调解员补贴"), _history())
    assert found[0].record.table.name in ("中立法律服务社经费", "法学会经费")
    assert similar_projects(DRAFT, []) == []
