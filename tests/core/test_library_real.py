"""The library on the real corpus (tests/fixtures/real: tables from ten provinces as a careful
reader saw them): building, similar projects with their published actuals, a project across years."""

from __future__ import annotations

from library_helpers import real_records

from jixiao.core.categories import compact
from jixiao.core.library import build_library
from jixiao.core.library.coreset import core_set
from jixiao.core.library.similar import Draft, similar_projects, suggest_indicators
from jixiao.core.library.yearly import compare_years, same_project


def _record(prefix):
    return next(r for r in real_records() if r.code.startswith(prefix))


def test_building_from_ten_provinces_merges_what_measures_the_same():
    records = real_records()
    library, report = build_library([r.table for r in records], base=core_set())
    assert report.indicators == sum(len(r.table.indicators) for r in records)
    # The Excel/Word copies (41–45) repeat five tables: the same indicator of the same table counts once.
    distinct = {(r.table.name, r.table.unit, r.table.year, compact(i.name)) for r in records for i in r.table.indicators if i.category}
    assert sum(e.uses for e in library) == len(distinct) < report.indicators - report.skipped
    acceptance = library.match("验收合格率").entry
    assert acceptance.code.startswith("C-ZL-")
    assert {"重点建设工程验收合格率", "经常性大型设备更新验收合格率", "办公大楼日常维修维护验收合格率"} <= set(acceptance.aliases)
    # every 验收合格率 the corpus reads (项目(工程)…, 重点建设工程…, 重.要设备维修维保… with its OCR dot) is one entry
    measured = [(r.table.name, i.name) for r in records for i in r.table.indicators if compact(i.name).endswith("验收合格率")]
    assert len(measured) >= 5 and acceptance.uses == len(measured)
    assert len({u.project for u in acceptance.usage}) == len({p for p, _ in measured}) >= 3
    # Word order differs between the two Hunan years; the words are the same.
    vehicles = library.match("雾炮车降尘抑尘服务配备车辆数").entry
    assert vehicles is library.match("雾炮车抑尘降尘服务配备车辆数").entry
    # A bare 满意度 or 完成率 says too little to join a specific entry.
    assert library.match("满意度").entry.name == "满意度"
    assert library.match("完成率").entry.name == "完成率"


def test_a_relief_draft_finds_the_relief_self_evaluation_with_its_actuals():
    records = list(real_records())
    draft = Draft("城乡困难群众临时救助资金", goals="对遭遇突发事件、意外事故的困难群众给予临时救助")
    found = similar_projects(draft, records)
    assert found[0].record.table.name == "临时救助"
    _, suggestions = suggest_indicators(draft, records)
    examples = [u for s in suggestions for u in s.examples if u.project == "临时救助"]
    relief = next(r for r in records if r.table.name == "临时救助")
    assert len({u.name for u in examples}) == len(relief.table.indicators)
    assert all(u.actual == relief.actuals.get(u.name, "") for u in examples)
    assert sum(1 for u in examples if u.actual) >= 9


def test_the_hunan_dust_service_across_two_years():
    before, after = _record("06-"), _record("14-")
    others = [(r.code, r.table.name, r.table.unit, "") for r in real_records() if r is not before]
    matches = same_project(before.table.name, before.table.unit, "", others)
    assert "14-hunan-targets" in [m.key for m in matches]
    assert not any(m.confirmed for m in matches)  # no project code: a person confirms
    yoy = compare_years([after, before])
    assert yoy.years == [2023, 2024]
    vehicles = next(r for r in yoy.rows if "配备车辆数" in r.name)
    assert (vehicles.cells[2023].target_text, vehicles.cells[2024].target_text) == ("10辆", "10")
    assert vehicles.change_in(2024).kind == "changed"
    period = next(r for r in yoy.rows if r.name == "服务周期")
    assert (period.change_in(2024).before, period.change_in(2024).after) == ("2023.07-2024.01", "180")
    air = next(r for r in yoy.rows if r.name == "服务周期内空气质量")
    assert air.change_in(2024) is None
