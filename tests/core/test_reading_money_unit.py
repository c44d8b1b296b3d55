"""A budget in the header block is stored in yuan, in the money unit the table states above it
(金额单位：万元, 资金情况（万元）) unless its label or its value names its own."""

from decimal import Decimal

import pytest

from jixiao.core.io import read_upload

GRID = ["一级指标 | 二级指标 | 三级指标 | 指标值 |", "产出指标 | 数量指标 | 培训人次 | ≥500人次 |"]


def _table(*lines: str):
    text = "\n".join(["项目支出绩效目标表", "项目名称 | 基层干部培训 |", *lines, *GRID])
    (table,) = read_upload(text.encode(), "t.txt").tables
    return table


@pytest.mark.parametrize("stated", ["金额单位：万元", "单位:万元 |", "资金情况 |\n(万元) |"])
def test_the_stated_unit_scales_a_bare_budget(stated):
    table = _table(stated, "年度资金总额 | 16 |")
    assert table.budget == Decimal("160000")
    assert any("按万元换算为元" in w.message for w in table.warnings)


@pytest.mark.parametrize("row, budget", [("年度资金总额 | 181000元 |", "181000"), ("年度资金总额 | 5万元 |", "50000"),
                                         ("年度预算（元） | 181000 |", "181000")])
def test_a_unit_of_the_value_or_the_label_wins(row, budget):
    assert _table("金额单位：万元", row).budget == Decimal(budget)


def test_no_stated_unit_leaves_the_budget_as_written():
    assert _table("年度资金总额 | 16 |").budget == Decimal("16")


def test_budgets_of_the_real_corpus(real_tables):
    """Read right where the corpus states them; the two read wrong state no unit anywhere (a careful
    reader takes 500 for 500万元 from the rest of the page)."""
    right, wrong = 0, set()
    for source, want, table in real_tables:
        if table.budget is not None:
            if want["budget"] is not None and Decimal(want["budget"]) == table.budget:
                right += 1
            else:
                wrong.add(source)
    assert right >= 18
    assert wrong <= {"25-anhui-targets.txt", "48-shaanxi-targets.txt"}, wrong


def test_a_heading_cell_before_the_facts_of_its_row_is_set_aside():
    """资金情况（万元） | 项目资金总额： | 1500: the block's heading gives the unit, the facts follow it."""
    table = _table("资金情况（万元） | 项目资金总额： | 1500 |")
    assert table.budget == Decimal("15000000")
    assert any("行首的文字未使用：资金情况（万元）" in w.message for w in table.warnings)


def test_wan_alone_after_a_budget_is_wan_yuan():
    assert _table("年度本级 预算金额 | 250万 |").budget == Decimal("2500000")
