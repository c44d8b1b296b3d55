"""Building the library from the demo tables: candidates, near-duplicates merged, usage counted."""

from __future__ import annotations

from dataclasses import replace

from library_helpers import demo_document, demo_library

from jixiao.core.library import Library, build_library
from jixiao.core.library.coreset import core_set


def _entry(library: Library, name: str):
    return next(e for e in library if name in e.names)


def test_every_indicator_of_the_demo_is_counted_once():
    library, report = build_library([demo_document()])
    indicators = sum(len(t.indicators) for t in demo_document().tables)
    assert report.tables == 12 and report.indicators == indicators == 132
    assert sum(e.uses for e in library) + report.skipped == indicators
    assert report.skipped == 0


def test_qualified_names_join_their_generic_form():
    library, _ = build_library([demo_document()])
    activities = _entry(library, "宣传活动次数")
    assert activities.name == "宣传活动次数"
    assert {"维稳宣传活动次数", "信访宣传活动次数", "专题宣传活动次数", "开展法律宣传活动次数"} <= set(activities.aliases)
    assert activities.uses == 9 and activities.unit == "次" and activities.direction == "higher"
    assert activities.typical_target == "≥4次"
    coverage = _entry(library, "宣传区域覆盖率")
    assert "宣传覆盖率（%）" not in coverage.names and "宣传覆盖率" in coverage.names  # brackets dropped


def test_names_measuring_different_things_stay_apart():
    library, _ = build_library([demo_document()])
    # 92 % alike by characters, but 人数 is not 次数 (and 人 is not 次).
    assert _entry(library, "监察室补助人数") is not _entry(library, "监察室补助次数")
    # Same words, different head: 及时率 is not 合规率.
    assert _entry(library, "维稳事件处置及时率") is not _entry(library, "维稳事件处置合规率")
    # Same name in another category would be another entry.
    assert _entry(library, "宣传活动完成及时率").category == "timeliness"


def test_core_entries_keep_code_and_texts_and_gain_the_usage():
    library = demo_library()
    execution = _entry(library, "部门预算执行率")
    original = core_set().get(execution.code)
    assert execution.code.startswith("C-CB-")
    assert (execution.definition, execution.formula, execution.status) == (original.definition, original.formula, "approved")
    written = [i for t in demo_document().tables for i in t.indicators if "预算执行率" in i.name]
    assert execution.uses == len(written) == 9
    assert {u.project for u in execution.usage} >= {"维稳专项经费（常）", "横沥检察室补助经费（常）"}


def test_new_entries_are_proposed_unit_entries_with_what_the_tables_say():
    library = demo_library()
    price = _entry(library, "信访宣传制品单价")
    assert price.code.startswith("U-CB-") and price.status == "proposed" and price.source == "unit"
    assert price.unit == "元/份" and price.direction == "lower" and price.value_type == "quantitative"
    assert price.valid_from == 2024 and price.project_types == ("其他特定目标类（部门职能类）",)
    deadline = _entry(library, "宣传工作完成时间")
    assert deadline.value_type == "deadline" and deadline.direction == "qualitative"
    benefit = _entry(library, "提升群众国家安全意识")
    assert benefit.value_type == "qualitative" and benefit.level1 == "效益指标"


def test_building_again_on_the_result_keeps_codes_and_does_not_double_counts():
    first = demo_library()
    second, report = build_library([demo_document()], base=first)
    assert [e.code for e in second] == [e.code for e in first]
    assert [e.uses for e in second] == [e.uses for e in first]
    assert report.new_entries == 0


def test_a_new_table_extends_the_library_with_the_next_free_codes():
    first = demo_library()
    table = replace(demo_document().tables[0], name="禁毒宣传经费", year=2025)
    table.indicators = [replace(i, name="禁毒宣传活动次数" if "宣传活动次数" in i.name else i.name) for i in table.indicators]
    extended, _ = build_library([table], base=first)
    activities = _entry(extended, "禁毒宣传活动次数")
    assert activities.code == _entry(first, "宣传活动次数").code
    assert activities.uses == 10
    numbers = sorted(int(e.code.rsplit("-", 1)[1]) for e in first if e.code.startswith("U-SL-"))
    assert numbers == list(range(1, len(numbers) + 1))
