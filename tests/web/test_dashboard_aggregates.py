"""The 图表 overview's SQL counts against the same numbers recomputed in Python, table by table,
on generated data: several units and departments, every status, both lights, several reports per
table, kept versions with findings, and warnings answered, unanswered, overdue or not under two rule sets.
"""

import itertools
from collections import Counter
from datetime import date, timedelta
from decimal import Decimal

import pytest

from jixiao.web.accounts.models import Department, Unit
from jixiao.web.dashboards import charts, queries
from jixiao.web.monitoring import scoring
from jixiao.web.monitoring.models import LIGHT_ORDER, MonitoringReport, SelfEvaluation
from jixiao.web.review import services
from jixiao.web.review.models import ApprovedVersion, Kind
from jixiao.web.rules.models import RuleChoice
from jixiao.web.targets.models import Project, TargetTable
from jixiao.web.workflow import Status

pytestmark = pytest.mark.django_db

STATUSES = [s.value for s in Status]
LIGHTS = [c for c in LIGHT_ORDER]
RULES = ["form.cost-lower-bound", "completeness.missing-unit", "form.vague-benefit"]
CHOICE_RULES = "sichuan"  # a rule set that asks for a choice after a warning
TODAYS = [date(2024, 8, 10), date(2024, 8, 20), date(2024, 9, 30), date(2025, 3, 1)]


@pytest.fixture
def generated(db):
    """7 units in 2 departments (one department and one unit on the Sichuan rule set), 140 tables."""
    departments = [Department.objects.create(name=f"生成主管部门{n}") for n in range(2)]
    units = [Unit.objects.create(name=f"生成单位{n}", department=departments[n % 2]) for n in range(7)]
    RuleChoice.objects.create(department=departments[1], rule_set=CHOICE_RULES)
    RuleChoice.objects.create(unit=units[0], rule_set=CHOICE_RULES)
    RuleChoice.objects.create(unit=units[3], rule_set="central-2020")  # overrides its Sichuan department
    n = 0
    for k in range(140):
        unit = units[(k * 5) % 7 if k % 11 else 6]  # unit 6 holds more than its share
        project = Project.objects.create(unit=unit, name=f"生成项目{k:03d}")
        year = 2024 if k % 9 else 2023
        budget = None if k % 23 == 0 else Decimal(10000 + (k * 7919) % 500000) + Decimal("0.25") * (k % 4)
        table = TargetTable.objects.create(project=project, year=year, budget=budget, status=STATUSES[k % len(STATUSES)])
        for cutoff_index in range((k // 4) % 4):  # 0 to 3 reports; the last by cut-off is the one that counts
            n += 1
            execution, worst = LIGHTS[(k // 7 + cutoff_index) % 4], LIGHTS[(k // 5) % 4]
            warned = date(2024, 8, 1) + timedelta(days=(n * 3) % 60) if n % 3 else None
            MonitoringReport.objects.create(
                table=table, cutoff=date(year, 3 + 2 * cutoff_index, 28), budget=budget,
                spent=None if n % 7 == 0 else Decimal(n * 1013 % 90000) + Decimal("0.10"),
                execution_light=execution, worst_light=worst, status=STATUSES[n % len(STATUSES)],
                warning="低于时间进度" if warned else "", warned_on=warned,
                unit_choice="调剂" if n % 5 == 0 else "")
        if k % 3 == 0:
            grades = ["优", "良", "中", "差", ""]
            SelfEvaluation.objects.create(table=table, total=Decimal(60 + k % 40), grade=grades[k % 5],
                                          status=STATUSES[(k // 3) % len(STATUSES)])
        for number in range(1, k % 3 + 1):  # the latest version's findings count, not older ones
            ApprovedVersion.objects.create(
                table=table, subject_kind=Kind.TABLE, number=number, table_version=number, snapshot={},
                findings=[{"rule": RULES[(k + number + i) % 3], "severity": "warning"} for i in range(k % 5)])
    return TargetTable.objects.all()


def latest_reports(tables) -> dict[int, MonitoringReport]:
    out = {}
    for report in MonitoringReport.objects.filter(table__in=tables).order_by("cutoff"):
        out[report.table_id] = report
    return out


def test_overall_light_in_sql_is_the_models_rule(db):
    unit = Unit.objects.create(name="灯", department=Department.objects.create(name="灯"))
    project = Project.objects.create(unit=unit, name="灯")
    table = TargetTable.objects.create(project=project, year=2024)
    for n, (execution, worst) in enumerate(itertools.product(LIGHTS, LIGHTS)):
        MonitoringReport.objects.create(table=table, cutoff=date(2024, 1, 1) + timedelta(days=n),
                                        execution_light=execution, worst_light=worst)
    in_sql = dict(MonitoringReport.objects.annotate(light=queries.overall_light_sql()).values_list("pk", "light"))
    assert in_sql == {r.pk: r.overall_light for r in MonitoringReport.objects.all()}
    assert len(set(in_sql.values())) == 4


@pytest.mark.parametrize("year", [2023, 2024])
def test_unit_execution_and_lights_match_a_recount(generated, year):
    approved = list(generated.filter(year=year, status=Status.APPROVED).select_related("project__unit"))
    latest = latest_reports(generated)
    expected, lights = {}, {}
    for table in approved:
        unit = table.project.unit.name
        row = expected.setdefault(unit, [0, Decimal(0), Decimal(0), 0])
        row[0] += 1
        row[1] += table.budget or 0
        report = latest.get(table.pk)
        if report is not None and report.spent is not None:
            row[2] += report.spent
            row[3] += 1
        lights.setdefault(unit, Counter())[report.overall_light if report else ""] += 1
    execution = queries.execution_by_unit(generated, year)
    assert {r.unit: [r.projects, r.budget, r.spent, r.reported] for r in execution.rows} == expected
    assert [r.unit for r in execution.rows] == sorted(expected)
    cutoffs = [latest[t.pk].cutoff for t in approved if t.pk in latest]
    assert execution.cutoff == max(cutoffs)
    assert {u.unit: u.counts for u in queries.lights_by_unit(generated, year)} == {u: dict(c) for u, c in lights.items()}
    if year == 2024:  # the generated data reaches every case
        assert len(expected) == 7 and {c for counts in lights.values() for c in counts} == set(LIGHT_ORDER)


@pytest.mark.parametrize("year", [2023, 2024])
def test_status_grade_and_findings_match_a_recount(generated, year):
    tables = generated.filter(year=year)
    statuses = Counter(t.status for t in tables)
    assert queries.status_counts(generated, year) == [(Status(s).label, statuses[s]) for s in STATUSES]
    grades = Counter(e.grade for e in SelfEvaluation.objects.filter(table__in=tables, status=Status.APPROVED) if e.grade)
    counted = dict(queries.grade_counts(generated, year))
    assert {g: n for g, n in counted.items() if n} == dict(grades)

    kept = Counter()
    for table in tables.filter(status=Status.APPROVED):
        version = table.approved_versions.filter(subject_kind=Kind.TABLE).order_by("-number").first()
        if version is not None:
            kept.update(f["rule"] for f in version.findings)
    versions = ApprovedVersion.objects.filter(table__in=tables.filter(status=Status.APPROVED))
    newest = [v.pk for v in versions if v.number == max(w.number for w in versions if w.table_id == v.table_id)]
    assert queries._rules_found(ApprovedVersion.objects.filter(pk__in=newest)) == dict(kept)
    assert sum(kept.values()) > 0 or year == 2023  # 2023's approved tables have no kept version


@pytest.mark.parametrize("today", TODAYS)
def test_overdue_choices_match_the_rule_applied_report_by_report(generated, today):
    latest = latest_reports(generated)
    expected = []
    for report in MonitoringReport.objects.filter(pk__in=[r.pk for r in latest.values()]).select_related(
            "table__project__unit"):
        unit = report.table.project.unit
        rules = scoring.unit_rules(unit)
        if scoring.choice_overdue(report, rules, today):
            expected.append((unit.name, report.table.project.name, report.table.year, report.cutoff,
                             scoring.choice_deadline(report, rules)))
    expected.sort()
    found = queries.overdue_choices(generated, today)
    assert [(o.unit, o.project, o.year, o.cutoff, o.deadline) for o in found] == expected
    assert queries.overdue(generated, today).counts() == sorted(Counter(e[0] for e in expected).items())
    if today == date(2024, 9, 30):
        assert len({e[0] for e in expected}) >= 2  # under the unit's and the department's choice
    if today == TODAYS[0]:
        assert expected == []  # ten working days have not passed for any warning


def test_charts_of_every_unit_are_bounded_and_say_how_many_are_left_out(generated, monkeypatch):
    monkeypatch.setattr(charts, "UNITS_SHOWN", 3)
    monkeypatch.setattr(charts, "NAMES_SHOWN", 2)
    execution = queries.execution_by_unit(generated, 2024)
    chart = charts.execution_by_unit(generated, 2024)
    biggest = sorted(execution.rows, key=lambda r: (-r.budget, r.unit))[:3]
    assert [row[0] for row in chart.rows] == sorted(r.unit for r in biggest) == chart.option["xAxis"]["data"]
    assert chart.notes == [f"共 {len(execution.rows)} 个单位，图和数据表只列出年度预算最多的 3 个，"
                           f"其余 {len(execution.rows) - 3} 个单位未列出（可在各单位的图表中查看）。"]
    assert chart.summary.startswith(f"2024年{len(execution.rows)}个单位的已审核通过项目")

    lights = charts.lights_by_unit(generated, 2024)
    assert len(lights.rows) == 3 and "红灯、黄灯项目最多的 3 个" in lights.notes[0]
    reddest = sorted(queries.lights_by_unit(generated, 2024), key=lambda u: (-u.count("red"), -u.count("yellow"),
                                                                              -u.count("green"), u.unit))[:3]
    assert {row[0] for row in lights.rows} == {u.unit for u in reddest}

    monkeypatch.setattr(charts, "PROJECTS_SHOWN", 1)
    overdue = charts.overdue_choices(generated, 2024, date(2025, 3, 1))
    counts = queries.overdue(generated.filter(year=2024), date(2025, 3, 1)).counts()
    for unit, n, projects in overdue.rows:
        assert int(n) == dict(counts)[unit]
        assert projects.count("）") == 1 and (projects.endswith(f"）；等 {n} 个") if n != "1" else projects.endswith("）"))
    if len(counts) > 2:
        assert overdue.summary.endswith(f"等 {len(counts)} 个单位）。")


def test_unapproved_tables_are_reviewed_again_only_when_changed(generated, monkeypatch):
    reviewed = []
    real = services.findings_of
    monkeypatch.setattr(services, "findings_of", lambda table, indicators: reviewed.append(table.pk) or real(table, indicators))
    first = queries.findings_by_rule(generated, 2024)
    assert len(reviewed) == queries.LIVE_REVIEW_LIMIT
    reviewed.clear()
    assert queries.findings_by_rule(generated, 2024) == first and reviewed == []
    changed = generated.filter(year=2024).exclude(status=Status.APPROVED).order_by("-updated_at", "-pk").first()
    changed.version += 1
    changed.save()
    assert queries.findings_by_rule(generated, 2024) == first and reviewed == [changed.pk]


def test_a_unit_of_many_projects_lists_those_most_behind(generated, monkeypatch):
    monkeypatch.setattr(charts, "UNIT_PROJECTS_SHOWN", 2)
    tables = generated.filter(project__unit__name="生成单位6")
    _, _, every = queries.project_execution(tables, 2024)
    execution, lights, scores = charts.unit(tables, 2024)
    slowest = sorted(every, key=lambda r: (r.rate is None, r.rate or 0, r.project))[:2]
    assert [row[0] for row in execution.rows] == sorted(r.project for r in slowest)
    assert execution.notes == [f"共 {len(every)} 个项目，图和数据表只列出预算执行率最低的 2 个，其余 {len(every) - 2} 个项目未列出。"]
    assert execution.summary.startswith(f"{len(every)}个已审核通过的项目")
    assert sum(int(n) for _, n in lights.rows) == len(every) > 2
    assert len(scores.rows) <= 2
