"""Library entries: the core set as shipped, JSON in and out, Chinese errors naming entry and field."""

from __future__ import annotations

import json

import pytest
from library_helpers import demo_library

from jixiao.core.library import LibraryEntry
from jixiao.core.library.coreset import core_set, core_set_about
from jixiao.core.library.entry import OWN_TEXT, check_entry
from jixiao.core.library.jsonform import dumps, library_from_dict, library_to_dict, loads
from jixiao.core.model import CATEGORIES, ReadError


def test_core_set_names_its_official_source_and_marks_its_own_texts():
    about = core_set_about()
    assert "财预〔2021〕101号" in about["basis"]
    assert "中央部门项目支出核心绩效目标和指标设置及取值指引" in about["basis"]
    assert OWN_TEXT in about["note"]
    library = core_set()
    assert len(library) >= 40
    for entry in library:
        assert entry.source == "central" and entry.status == "approved"
        assert entry.text_source == OWN_TEXT, entry.name
        assert entry.source_document.startswith("财预〔"), entry.name
        assert entry.definition and entry.formula and entry.data_source and entry.scoring, entry.name
        assert check_entry(entry) == []


def test_core_set_covers_every_category_with_units_and_directions():
    library = core_set()
    assert {e.category for e in library} == set(CATEGORIES)
    execution = library.match("预算执行率（%）")
    assert execution.entry.unit == "%" and execution.entry.direction == "higher"
    assert execution.entry.formula == "全年执行数÷全年预算数×100%"
    unit_cost = library.match("宣传品单价")
    assert unit_cost.entry.direction == "lower" and unit_cost.entry.unit == "元/份"


def test_json_round_trip_of_the_demo_library_is_lossless():
    library = demo_library()
    again = loads(dumps(library))
    assert library_to_dict(again) == library_to_dict(library)
    assert [e.usage for e in again] == [e.usage for e in library]


def test_written_entry_carries_usage_count_and_typical_target():
    entry = demo_library().match("宣传活动次数").entry
    written = library_to_dict(demo_library())["entries"]
    mine = next(d for d in written if d["code"] == entry.code)
    assert mine["uses"] == len(mine["usage"]) == 9
    assert mine["typical_target"] == "≥4次"


def _one(**fields) -> dict:
    entry = {"code": "U-SL-0001", "name": "宣传活动次数", "category": "quantity", **fields}
    return {"entries": [entry]}


@pytest.mark.parametrize(
    "fields, message",
    [
        ({"direction": "up"}, "第1条指标（宣传活动次数）：指标方向“up”应为正向、反向、定性之一"),
        ({"status": "done"}, "状态“done”应为待审核、已启用、已停用之一"),
        ({"category": "benefit"}, "二级指标类别“benefit”无法识别"),
        ({"valid_from": 2025, "valid_to": 2023}, "适用年度起（2025）晚于止（2023）"),
        ({"valid_from": "2024年"}, "“valid_from”应为四位年份"),
        ({"locked": "是"}, "“locked”应为 true 或 false"),
        ({"version": "1"}, "“version”应为正整数"),
        ({"reference_basis": "领导定的"}, "参考值依据应以计划标准、行业标准、历史标准、其他标准之一开头"),
        ({"usage": [{"project": 3}]}, "usage 第1项：“project”应为文字"),
    ],
)
def test_bad_entries_are_refused_naming_entry_and_field(fields, message):
    with pytest.raises(ReadError) as caught:
        library_from_dict(_one(**fields), "库.json")
    assert message in str(caught.value)
    assert str(caught.value).startswith("库.json: ")


def test_duplicate_codes_and_missing_names_are_refused():
    twice = {"entries": [_one()["entries"][0], {**_one()["entries"][0], "name": "培训人次"}]}
    with pytest.raises(ReadError, match="第2条指标（培训人次）：指标编码“U-SL-0001”与第1条重复"):
        library_from_dict(twice)
    with pytest.raises(ReadError, match="第1条指标：缺少“name”"):
        library_from_dict({"entries": [{"code": "X"}]})
    with pytest.raises(ReadError, match="应为 {\"entries\": \\[...\\]} 形式的对象"):
        library_from_dict([])
    with pytest.raises(ReadError, match="不是有效的 JSON（第1行"):
        loads("{entries")


def test_category_follows_from_the_labels_when_not_given():
    library = library_from_dict({"entries": [{"code": "A", "name": "培训合格率", "level1": "产出指标", "level2": "质量指标"}]})
    assert library.get("A").category == "quality"


def test_entry_validity_by_year():
    entry = LibraryEntry(code="A", name="x", category="quantity", valid_from=2022, valid_to=2024)
    assert entry.valid_in(2023) and not entry.valid_in(2025) and not entry.valid_in(2021) and entry.valid_in(None)


def test_unknown_keys_are_ignored_like_the_table_json():
    data = _one(remark="备注")
    data["about"] = {"name": "某库"}
    assert library_from_dict(json.loads(json.dumps(data))).get("U-SL-0001").name == "宣传活动次数"
