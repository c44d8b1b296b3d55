"""结果应用 under central-2020: the grade's consequence, the reviewer's decision checked, the report."""

from decimal import Decimal as D

from jixiao.core import rules
from jixiao.core.results_use import ResultLine, applied_text, check_decision, consequences, results_report

CENTRAL = rules.load("central-2020").results_use


def test_consequences_of_central_2020_in_order():
    assert consequences(CENTRAL) == ["优先保障", "保障", "压缩或核减预算", "取消或暂停"]


def test_accepting_means_the_mapped_consequence():
    assert check_decision(CENTRAL, "良", "accept", "保障", None, "") == []
    [problem] = check_decision(CENTRAL, "良", "accept", "优先保障", None, "")
    assert "规则对应的“保障”" in problem


def test_adjusting_needs_a_reason_and_a_known_consequence():
    assert check_decision(CENTRAL, "中", "adjust", "保障", None, "") == ["调整结果应用须说明理由"]
    assert check_decision(CENTRAL, "中", "adjust", "保障", None, "偏差因政策调整，非单位原因") == []
    [problem] = check_decision(CENTRAL, "中", "adjust", "加倍", None, "理由")
    assert "优先保障、保障、压缩或核减预算、取消或暂停" in problem


def test_a_cut_percentage_only_for_a_cut_and_within_0_to_100():
    assert check_decision(CENTRAL, "中", "accept", "压缩或核减预算", D(10), "") == []
    assert applied_text("压缩或核减预算", D("10.0")) == "压缩或核减预算 10%"
    assert applied_text("保障", D(10)) == "保障"
    assert "只有“压缩”类" in check_decision(CENTRAL, "良", "accept", "保障", D(10), "")[0]
    assert "不超过 100（填写的是 120）" in check_decision(CENTRAL, "中", "accept", "压缩或核减预算", D(120), "")[0]


def test_report_lists_decided_and_pending_projects():
    lines = [
        ResultLine("信访事项经费", 2023, D("91.5"), "优", "优先保障", "优先保障", "accept", decided_by="Rita",
                   decided_on="2024-03-01"),
        ResultLine("法学会经费", 2023, D("72"), "中", "压缩或核减预算", "", ""),
    ]
    report = results_report("东坑镇综治办", 2023, "central-2020", lines)
    assert ("已确定", "1 / 2 个项目") in report.facts
    rows = report.sections[0].table.rows
    assert rows[0][4] == "采纳：优先保障" and rows[0][5] == "2024年预算"
    assert rows[1][4] == "待审核人员确定"


def test_next_budget_checked_against_last_years_consequence():
    from jixiao.core.results_use import budget_follows

    assert budget_follows("保障", None, D(100000), D(120000)) == ""
    assert budget_follows("压缩或核减预算", D(10), D(100000), D(90000)) == ""
    assert budget_follows("压缩或核减预算", D(10), D(100000), D(95000)) == (
        "上年度结果应用为“压缩或核减预算 10%”，本年度预算 95,000.00 元，上年度 100,000.00 元：应压缩 10%，即不超过 90,000.00 元")
    assert budget_follows("压缩或核减预算", None, D(100000), D(99000)) == ""
    assert "应低于上年度" in budget_follows("压缩或核减预算", None, D(100000), D(100000))
    assert "仍安排预算 5,000.00 元" in budget_follows("取消或暂停", None, D(9000), D(5000))
    assert budget_follows("压缩或核减预算", D(10), D(100000), None) == ""
