"""The header block's facts (项目名称, 用款单位) as the real corpus prints them, and goal labels that end in
绩效目标 read as labels, not as the title of a new table."""

import re

import pytest

from jixiao.core.io import read_upload
from jixiao.core.reading.recognise import title_of
from jixiao.core.reading.script import convert


def _same(want: str, got: str) -> bool:
    return re.sub(r"\s+", "", convert(want)) == re.sub(r"\s+", "", got)


@pytest.mark.parametrize("label", ["年度绩效目标", "本年度绩效目标", "实施期绩效目标", "当年绩效目标", "中期绩效目标"])
def test_a_goal_label_is_no_title(label):
    assert title_of(label) is None


@pytest.mark.parametrize("title", ["项目支出绩效目标表", "2023年项目支出绩效目标申报表", "部门整体绩效目标", "项目绩效自评表"])
def test_titles_stay_titles(title):
    assert title_of(title) is not None


def test_the_facts_above_the_goals_stay_with_their_table():
    cells = ["2023年项目支出绩效目标申报表", "项目支出名称", "雾炮车降尘抑尘服务", "预算部门", "湘潭市环境卫生管理处",
             "年度本级 预算金额", "250万", "实施期绩效目标", "全市空气质量达到优良", "本年度绩效目标",
             "全市空气质量达到优良", "一级指标", "二级指标", "三级指标", "指标值及单位",
             "产出指标", "数量指标", "作业天数", "≥180天"]
    (table,) = read_upload("\n\n".join(cells).encode(), "t.txt").tables
    assert (table.name, table.unit, table.budget, table.year) == ("雾炮车降尘抑尘服务", "湘潭市环境卫生管理处", 2500000, 2023)
    assert table.goals.annual == "全市空气质量达到优良" and table.goals.period == "全市空气质量达到优良"
    assert [(i.name, i.annual_target.text) for i in table.indicators] == [("作业天数", "≥180天")]


def test_names_and_units_of_the_real_corpus(real_tables):
    right = {"name": 0, "unit": 0}
    wrong = set()
    for source, want, table in real_tables:
        for key in right:
            got = getattr(table, key)
            if want[key] and got:
                if _same(want[key], got):
                    right[key] += 1
                else:
                    wrong.add((source, key))
    assert right["name"] >= 32 and right["unit"] >= 23, right
    # a flat list giving both 单位信息 (with its code) and a shorter 部门 name: the reader keeps the latter
    assert wrong <= {("09-sichuan-targets.txt", "unit"), ("41-sichuan-targets.xlsx", "unit")}, wrong
