"""Every chart's numbers on the demo's sample year, against figures computed by hand.

The sample year (``dashboards.lifecycle.play``) approves 7 of the 12 demo tables and spends, by 31
July, these shares of their budgets (``JULY_RATES`` in the tables' order).
"""

from datetime import date
from decimal import Decimal

import pytest

from jixiao.web.dashboards import charts, lifecycle, queries
from jixiao.web.library.demo import add_sample_years
from jixiao.web.monitoring.models import MonitoringReport
from jixiao.web.review.models import ApprovedVersion, Kind
from jixiao.web.targets.models import TargetTable

pytestmark = pytest.mark.django_db

# Approved table → (budget in yuan, share spent by 31 July), by hand from the demo document.
JULY = {
    "维稳专项经费（常）": (150000, "0.62"), "基层防线办经费（常）": (22500, "0.40"),
    "横沥检察室补助经费（常）": (360000, "0.55"), "综合经费": (60000, "0.25"),
    "“东莞市东坑平安建设促进会”专项经费": (9000, "0.58"), "法学会经费": (9000, "0.50"), "中立法律服务社经费": (5000, "0.45"),
}
SEVEN_TWELFTHS = Decimal(7) / Decimal(12)


@pytest.fixture
def year(cast):
    """The sample year played by alice (unit A staff) and rita (reviewer), and sample 2023 years."""
    tables = list(TargetTable.objects.filter(year=2024).select_related("project").order_by("pk"))
    add_sample_years(tables)
    return lifecycle.play(tables, cast.alice, cast.rita)


def test_finance_overview_numbers(year, cast, monkeypatch):
    tables = TargetTable.objects.all()
    execution = queries.execution_by_unit(tables, 2024)
    assert execution.cutoff == date(2024, 7, 31) and execution.time_progress == SEVEN_TWELFTHS
    [unit] = execution.rows
    assert unit.unit == cast.unit_a.name and unit.projects == unit.reported == 7
    assert unit.budget == 615500 == sum(b for b, _ in JULY.values())
    assert unit.spent == Decimal("326970.00") == sum(b * Decimal(r) for b, r in JULY.values())
    assert charts.pct(unit.rate) == Decimal("53.1")

    # Execution lights by hand: (rate ÷ 7/12) below 0.6 red (综合经费 0.43), below 0.8 yellow (基层 0.69,
    # 中立 0.77); the others are green but three have a yellow indicator (their 全年预计完成值 fall short).
    execution_lights = {r.table.project.name: r.execution_light
                        for r in MonitoringReport.objects.filter(cutoff="2024-07-31").select_related("table__project")}
    assert execution_lights == {"维稳专项经费（常）": "green", "基层防线办经费（常）": "yellow",
                                "横沥检察室补助经费（常）": "green", "综合经费": "red",
                                "“东莞市东坑平安建设促进会”专项经费": "green", "法学会经费": "green",
                                "中立法律服务社经费": "yellow"}
    [lights] = queries.lights_by_unit(tables, 2024)
    assert lights.counts == {"red": 1, "yellow": 4, "green": 2}

    assert queries.status_counts(tables, 2024) == [("草稿", 3), ("已提交", 1), ("已退回", 1), ("已审核通过", 7)]
    assert queries.grade_counts(tables, 2024) == [("优", 2), ("良", 1), ("中", 0), ("差", 0)]
    assert queries.grade_counts(tables, 2023) == [("优", 8), ("良", 0), ("中", 0), ("差", 0)]
    found = queries.findings_by_rule(tables, 2024)
    findings = found.rows
    assert found.left_out == 0
    assert findings[0] == ("效益指标表述笼统", 27)
    assert ("成本指标设了下限", 2) in findings  # 扫黑除恶 and 法院、检察院: why they stay drafts
    assert all(not title.startswith(("completeness.", "form.")) for title, _ in findings)  # titles, never ids
    # An approved table counts the findings kept with its approved version (its content is locked).
    version = ApprovedVersion.objects.filter(subject_kind=Kind.TABLE, table__project__name="综合经费").get()
    version.findings = [*version.findings, {"rule": "form.cost-lower-bound", "severity": "error"}]
    version.save()
    assert ("成本指标设了下限", 3) in queries.findings_by_rule(tables, 2024).rows
    # Unapproved tables are reviewed on the visit, a bounded number of them: the chart says how many are left out.
    monkeypatch.setattr(queries, "LIVE_REVIEW_LIMIT", 2)
    assert queries.findings_by_rule(tables, 2024).left_out == 3  # 5 unapproved tables of 2024
    assert "另有 3 张未审核通过的目标表未计入（只统计最近修改的 2 张）。" in charts.findings_by_rule(tables, 2024).notes


def test_unit_and_project_numbers(year, cast):
    tables = TargetTable.objects.filter(project__unit=cast.unit_a)
    cutoff, progress, rows = queries.project_execution(tables, 2024)
    assert cutoff == date(2024, 7, 31) and progress == SEVEN_TWELFTHS
    by_name = {r.project: r for r in rows}
    assert set(by_name) == set(JULY)
    for name, (budget, rate) in JULY.items():
        assert by_name[name].spent == budget * Decimal(rate) and by_name[name].rate == Decimal(rate)
    assert by_name["综合经费"].light == "red" and by_name["法学会经费"].light == "green"
    assert queries.light_counts(rows) == [("red", 1), ("yellow", 4), ("green", 2), ("", 0)]

    scores = queries.scores_by_year(tables)
    assert scores.years == [2023, 2024]
    assert len([k for k in scores.scores if k[1] == 2023]) == 8 and len([k for k in scores.scores if k[1] == 2024]) == 3

    weiwen = tables.get(project__name="维稳专项经费（常）", year=2024)
    curve = queries.execution_curve(weiwen)
    assert [(c.cutoff.month, c.spent, c.time_progress) for c in curve] == [
        (3, Decimal("32550.00"), Decimal("0.25")),  # 150000 × 0.62 × 0.35
        (5, Decimal("65100.00"), Decimal(5) / Decimal(12)),  # × 0.7
        (7, Decimal("93000.00"), SEVEN_TWELFTHS),
    ]
    source, progress_rows = queries.indicator_progress(weiwen)
    assert source == "绩效自评实际完成值"
    shares = {p.name: (p.target, p.actual, p.share) for p in progress_rows}
    assert shares["维稳宣传活动次数"] == ("≥4次", "6次", Decimal("1.5"))
    assert shares["维稳工作任务完成率"] == ("100%", "97%", Decimal("0.97"))
    assert [(y, g) for y, _, g in queries.project_scores(weiwen)] == [(2023, "优"), (2024, "优")]

    # A table never monitored: the charts say so instead of drawing nothing.
    returned = tables.get(project__name="信访事项经费", year=2024)
    assert queries.execution_curve(returned) == [] and queries.indicator_progress(returned) == ("", [])
    assert [c.option for c in charts.project(returned)] == [None, None, None]


def test_chart_tables_show_the_drawn_numbers(year):
    chart = charts.execution_by_unit(TargetTable.objects.all(), 2024)
    budget, spent, rate = chart.option["series"]
    assert budget["data"] == [61.55] and spent["data"] == [32.7] and rate["data"] == [53.1]
    assert chart.rows == [["东莞市东坑镇综合治理办公室", "7", "61.55", "32.7", "53.1%"]]
    assert rate["markLine"]["data"] == [{"yAxis": 58.3}]
    assert "截至2024年7月31日（时间进度 58.3%）" in chart.summary


UNIT_C = "演示单位丙（四川规则）"


@pytest.fixture
def overdue(year, cast):
    """A unit under the Sichuan rule set whose copy of 综合经费 was warned on 2 August 2024, no choice made."""
    from jixiao.web.accounts.models import Role, Unit
    from tests.conftest import _user

    unit_c = Unit.objects.create(name=UNIT_C, department=cast.unit_a.department)
    carl = _user("carl", Role.STAFF, unit_c)
    source = TargetTable.objects.get(project__name="综合经费", year=2024, project__unit=cast.unit_a)
    return lifecycle.play_overdue_choice(source, carl, cast.rita, cast.adam)


def test_overdue_choices_follow_the_unit_rule_set_and_its_working_days(overdue, cast):
    tables = TargetTable.objects.all()
    assert "低于6月30日前应达到的 40%" in overdue.warning and overdue.warned_on == date(2024, 8, 2)
    # Warned on Friday 2 August: 10 working days are 5–9 and 12–16 August, so overdue from Saturday the 17th.
    assert queries.overdue_choices(tables, date(2024, 8, 16)) == []
    [found] = queries.overdue_choices(tables, date(2024, 8, 17))
    assert (found.unit, found.project, found.year, found.cutoff, found.deadline) == (
        UNIT_C, "综合经费", 2024, date(2024, 7, 31), date(2024, 8, 16))
    assert found.table_id == overdue.table_id != TargetTable.objects.get(project__unit=cast.unit_a, project__name="综合经费", year=2024).pk
    # The demo unit follows the default rule set: its red 综合经费 is a light, not a warning with a choice.
    assert queries.overdue_choices(tables.filter(project__unit=cast.unit_a), date(2026, 1, 1)) == []

    chart = charts.overdue_choices(tables, 2024, date(2026, 1, 1))
    assert chart.rows == [[UNIT_C, "1", "综合经费（截至2024年7月31日；2024年8月16日）"]]
    assert chart.option["series"][0]["data"] == [1] and chart.option["yAxis"]["data"] == [UNIT_C]
    assert chart.summary == f"2024年运行监控预警后逾期未选择处理方式的：1 个单位共 1 个项目（{UNIT_C} 1 个）。"
    assert charts.overdue_choices(tables, 2023, date(2026, 1, 1)).option is None

    # Once the unit chooses (here 调剂), nothing is overdue.
    overdue.unit_choice = "调剂"
    overdue.save(update_fields=["unit_choice"])
    assert queries.overdue_choices(tables, date(2026, 1, 1)) == []
