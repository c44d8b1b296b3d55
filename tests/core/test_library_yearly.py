"""Year on year on the demo: a sample 2023 beside the real 2024, changes, next year's draft."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from library_helpers import demo_document, demo_library

from jixiao.core.library.record import ProjectRecord
from jixiao.core.library.sample import earlier_year
from jixiao.core.library.yearly import compare_years, next_year_table, same_project
from jixiao.core.targets import parse_target


def _table(name):
    return next(t for t in demo_document().tables if t.name == name)


def test_sample_years_exist_only_inside_the_period_and_are_marked():
    made = {t.name: earlier_year(t) for t in demo_document().tables}
    assert {n for n, r in made.items() if r is None} == {"综治中心绩效奖励", "信访事项经费", "扫黑除恶专项斗争工作经费", "平安建设治理经费"}
    for name, record in made.items():
        if record is None:
            continue
        real = _table(name)
        assert record.sample and record.year == 2023
        assert [i.name for i in record.table.indicators] == [i.name for i in real.indicators]
        assert [i.period_target for i in record.table.indicators] == [i.period_target for i in real.indicators]
        assert Decimal("0.9") * real.budget <= record.table.budget <= real.budget
        assert Decimal("85") <= record.execution_rate <= 100


def test_sample_years_are_plausible_and_repeatable():
    record = earlier_year(_table("维稳专项经费（常）"))
    again = earlier_year(_table("维稳专项经费（常）"))
    assert record.actuals == again.actuals and record.table == again.table
    for indicator in record.table.indicators:
        now = next(i for i in _table("维稳专项经费（常）").indicators if i.name == indicator.name).annual_target
        before = indicator.annual_target
        if before.kind == "numeric" and before.direction != "lower":
            assert before.value <= now.value  # never stricter than the real year
        if before.kind == "deadline":
            assert before.deadline.year == 2023
    execution = next(i for i in record.table.indicators if "预算执行率" in i.name)
    assert parse_target(record.actual_of(execution)).value == record.execution_rate


def test_two_years_side_by_side_with_changes():
    real = ProjectRecord(_table("维稳专项经费（常）"))
    yoy = compare_years([real, earlier_year(real.table)], demo_library())
    assert yoy.years == [2023, 2024]
    assert len(yoy.rows) == len(real.table.indicators)
    activities = next(r for r in yoy.rows if r.name == "维稳宣传活动次数")
    assert (activities.cells[2023].target_text, activities.cells[2024].target_text) == ("≥3次", "≥4次")
    assert activities.cells[2023].actual == "4次" and activities.cells[2024].actual == ""
    change = activities.change_in(2024)
    assert (change.kind, change.label, change.before, change.after, change.looser) == ("raised", "提高", "≥3次", "≥4次", False)
    deadline = next(r for r in yoy.rows if r.name == "维稳工作任务完成时间").change_in(2024)
    assert (deadline.kind, deadline.before, deadline.after) == ("changed", "2023年内", "2024年内")
    assert {row.name for row, _ in yoy.changes(2024)} >= {"维稳宣传活动次数", "维稳工作任务完成时间"}


def test_added_removed_and_looser_targets():
    old = _table("基层防线办经费（常）")
    new = replace(old, year=2025, indicators=[
        replace(i, annual_target=parse_target("≥1次")) if i.name == "宣传活动次数" else i
        for i in old.indicators if i.name != "宣传区域覆盖率"
    ] + [replace(old.indicators[0], name="国家安全知识知晓率", category="social", annual_target=parse_target("≥80%"))])
    yoy = compare_years([ProjectRecord(old), ProjectRecord(new)])
    kinds = {row.name: change.kind for row, change in yoy.changes(2025)}
    assert kinds == {"宣传活动次数": "lowered", "宣传区域覆盖率": "removed", "国家安全知识知晓率": "added"}
    lowered = next(c for row, c in yoy.changes(2025) if row.name == "宣传活动次数")
    assert lowered.looser


def test_renamed_indicator_follows_its_library_entry():
    old = _table("基层防线办经费（常）")
    new = replace(old, year=2025, indicators=[replace(i, name="国家安全宣传活动次数") if i.name == "宣传活动次数" else i for i in old.indicators])
    yoy = compare_years([ProjectRecord(old), ProjectRecord(new)], demo_library())
    row = next(r for r in yoy.rows if r.name == "国家安全宣传活动次数")
    assert set(row.cells) == {2024, 2025} and row.change_in(2025) is None


def test_next_year_table_carries_last_years_actuals():
    record = earlier_year(_table("维稳专项经费（常）"))
    table, beside = next_year_table(record)
    assert table.year == 2024 and table.period_end == 2024
    assert [i.annual_target for i in table.indicators] == [i.annual_target for i in record.table.indicators]
    assert beside["维稳宣传活动次数"] == "4次"
    assert record.table.year == 2023  # the record itself is untouched
    last, _ = next_year_table(ProjectRecord(_table("维稳专项经费（常）")))
    assert (last.year, last.period_end) == (2025, 2025)


def test_same_project_by_code_or_by_name_in_the_same_unit():
    unit = "东莞市东坑镇综合治理办公室"
    others = [
        ("a", "维稳专项经费", unit, ""),
        ("b", "维稳专项经费（常）", "另一单位", ""),
        ("c", "维稳工作经费", unit, ""),
        ("d", "完全不同的名字", unit, "P-001"),
    ]
    matches = same_project("维稳专项经费（常）", unit, "", others)
    assert [(m.key, m.confirmed) for m in matches] == [("a", False)]
    by_code = same_project("维稳专项经费（常）", unit, "P-001", others)
    assert [(m.key, m.confirmed) for m in by_code] == [("d", True), ("a", False)]
