"""Searching the library: Chinese words, pinyin initials, categories, retired entries; the CLI's JSON."""

from __future__ import annotations

import json
from dataclasses import replace

from library_helpers import demo_library

from jixiao.cli import main
from jixiao.core.library import Library
from jixiao.core.library.search import search


def _names(hits):
    return [h.entry.name for h in hits]


def test_words_found_whole_rank_first_and_the_most_used_first_among_equals():
    hits = search(demo_library(), "宣传活动")
    assert _names(hits)[:3] == ["宣传活动次数", "宣传活动完成及时率", "宣传活动完成率"]
    assert [h.entry.uses for h in hits[:2]] == [9, 7]


def test_every_word_of_the_query_counts():
    hits = search(demo_library(), "补助 及时率")
    assert _names(hits)[0] == "补助（补贴）发放及时率"
    assert hits[0].score > hits[1].score


def test_pinyin_initials_find_chinese_names():
    assert _names(search(demo_library(), "yszxl")) == ["预算执行率"]
    assert _names(search(demo_library(), "xchd"))[0] == "宣传活动次数"


def test_words_in_the_definition_count_for_less():
    hits = search(demo_library(), "知晓")
    assert _names(hits) == ["政策（宣传内容）知晓率"]
    hits = search(demo_library(), "支出进度")  # only in the 指标解释 of 预算执行率
    assert _names(hits) == ["预算执行率"] and hits[0].score < 100


def test_category_filter_limit_and_nothing_found():
    hits = search(demo_library(), "满意度", category="satisfaction", limit=3)
    assert len(hits) == 3 and {h.entry.category for h in hits} == {"satisfaction"}
    assert search(demo_library(), "航空母舰") == []


def test_retired_entries_are_not_offered():
    library = demo_library()
    retired = Library([replace(e, status="retired") if e.name == "宣传活动次数" else e for e in library])
    assert "宣传活动次数" not in _names(search(retired, "宣传活动"))


def test_cli_prints_exactly_the_documented_keys(capsys):
    assert main(["library", "search", "宣传", "活动", "--limit", "2"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert list(printed) == ["entries"]
    assert len(printed["entries"]) == 2
    first = printed["entries"][0]
    assert list(first) == ["code", "name", "category", "definition", "unit", "typical_target", "uses"]
    assert first["name"] == "宣传活动次数" and first["category"] == "quantity" and first["unit"] == "次"
    assert first["typical_target"] == "≥4次" and first["uses"] == 9 and first["definition"].startswith("反映")
