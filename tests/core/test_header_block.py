"""The one reader of a table's header block, as the text and grid readers use it."""

from decimal import Decimal

import pytest

from jixiao.core import layout
from jixiao.core.grid_reader import Cell, tables_from_grid
from jixiao.core.limits import MB, Limits
from jixiao.core.published import read_published
from jixiao.core.vocabulary import HEADER_LABELS, header_label
from jixiao.reader_limits import LimitSettingError, limits_from_environment

HEADER = [
    ["项目名称：乡村道路养护项目"],
    ["主管部门", "某县交通运输局", "實施單位", "某县公路养护中心"],
    ["项目周期", "2024年1月-2025年12月"],
    ["年度资金总额(万元)", "80"],
    ["总体目标", "年度绩效目标", "完成道路养护120公里"],
]
GRID = [["一级指标", "二级指标", "三级指标", "指标值"], ["产出指标", "数量指标", "养护里程", "≥120公里"]]


def _check(t):
    assert t.name == "乡村道路养护项目"
    assert (t.department, t.unit) == ("某县交通运输局", "某县公路养护中心")
    assert (t.period_start, t.period_end) == (2024, 2025)
    assert t.budget == Decimal("800000")
    assert t.goals.annual == "完成道路养护120公里" and t.goals.period == ""


def test_text_and_grid_readers_read_the_same_header_block():
    text = "\n".join("\t".join(row) for row in [["项目绩效目标表"], *HEADER, *GRID])
    from_text = read_published(text).tables[0]
    rows = [[Cell(c, f"A{n}") for c in row] for n, row in enumerate([*HEADER, *GRID], 1)]
    from_grid = tables_from_grid(rows)[0]
    _check(from_text)
    _check(from_grid)
    assert [i.name for i in from_text.indicators] == [i.name for i in from_grid.indicators] == ["养护里程"]


@pytest.mark.parametrize(
    "label, key, year, unit",
    [
        ("2024年预算金额（元）", "budget", 2024, "元"),
        ("年度预算金额(万元)", "budget", None, "万元"),
        ("預算金額（萬元）", "budget", None, "万元"),
        ("2025年度目标", "goals.annual", 2025, None),
        ("中期目标", "goals.period", None, None),
        ("预算单位：", "unit", None, None),
        ("项 目 名 称", "name", None, None),
    ],
)
def test_label_variants(label, key, year, unit):
    found = header_label(label)
    assert (found.key, found.year, found.money_unit) == (key, year, unit)


@pytest.mark.parametrize("text", ["预算执行率", "起始年度", "≥120公里", "完成道路养护120公里", ""])
def test_cells_that_are_not_header_labels(text):
    assert header_label(text) is None


def test_the_writers_official_labels_are_the_vocabulary_s():
    official = {label.key: label.official for label in HEADER_LABELS}
    assert all(official[attr] == text for attr, text in layout.FACT_LABELS)


def test_a_bad_budget_and_extra_cells_are_warned_not_dropped():
    text = "项目绩效目标表\n项目名称\t甲\t备注\n年度预算金额（元）\t约八十万\n一级指标\t二级指标\t三级指标\t指标值\n"
    t = read_published(text).tables[0]
    messages = " ".join(w.message for w in t.warnings)
    assert "“项目名称”后多出的单元格未使用：备注" in messages
    assert "年度预算金额“约八十万”不是数字，未使用" in messages
    assert t.budget is None


def test_limits_from_the_environment():
    assert limits_from_environment({}) == Limits()
    assert limits_from_environment({"JIXIAO_MAX_FILE_MB": " 7 "}).max_file_bytes == 7 * MB
    assert limits_from_environment({"JIXIAO_MAX_ROWS": "500"}).max_rows == 500
    for bad in ("0", "-1", "7.5", "七"):
        with pytest.raises(LimitSettingError, match=f"JIXIAO_MAX_FILE_MB 的值“{bad}”无效"):
            limits_from_environment({"JIXIAO_MAX_FILE_MB": bad})
