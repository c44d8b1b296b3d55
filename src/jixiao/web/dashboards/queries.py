"""The numbers behind every chart: one function per chart, over tables the user may see.

Each takes a queryset of visible tables (``targets.access.visible_tables``) and returns plain values;
``charts.py`` turns them into ECharts options, the table beside the chart and its summary sentence,
so the chart and its table always show the same numbers. Money is in yuan, rates are shares (0.5312).

The overviews count in the database (GROUP BY, one row per unit, status, grade or rule), never one
row per table: a province has a hundred thousand tables a year.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import Case, Count, Exists, F, Max, OuterRef, Q, Subquery, Sum, Value, When, Window
from django.db.models.functions import RowNumber

from jixiao.core.scoring import LIGHT_LABELS, schedule, time_progress
from jixiao.core.targets import parse_target
from jixiao.core.units import convert_amount
from jixiao.web.accounts.models import Unit
from jixiao.web.monitoring import scoring
from jixiao.web.monitoring.models import LIGHT_ORDER, MonitoringReport, SelfEvaluation
from jixiao.web.review.models import ApprovedVersion, Kind
from jixiao.web.review.reports import rule_title
from jixiao.web.review.services import findings_of_tables
from jixiao.web.targets import convert
from jixiao.web.workflow import Status


def _rate(spent: Decimal | None, budget: Decimal | None) -> Decimal | None:
    return spent / budget if spent is not None and budget else None


REPORT_FIELDS = ("table_id", "cutoff", "budget", "spent", "execution_light", "worst_light")


def _latest_reports(tables) -> dict[int, MonitoringReport]:
    """The latest 运行监控 report of each table (by cut-off), keyed by table id (only what charts need)."""
    latest = MonitoringReport.objects.filter(table=OuterRef("pk")).order_by("-cutoff")
    ids = tables.annotate(report_id=Subquery(latest.values("id")[:1])).values_list("report_id", flat=True)
    reports = MonitoringReport.objects.filter(id__in=ids).only(*REPORT_FIELDS)
    return {r.table_id: r for r in reports}


def latest_only(reports):
    """``reports`` without those a later report (by cut-off) of the same table supersedes."""
    later = MonitoringReport.objects.filter(table=OuterRef("table"), cutoff__gt=OuterRef("cutoff"))
    return reports.filter(~Exists(later))


def overall_light_sql() -> Case:
    """``MonitoringReport.overall_light`` in SQL: the first light of LIGHT_ORDER either light shows."""
    return Case(*[When(Q(execution_light=c) | Q(worst_light=c), then=Value(c)) for c in LIGHT_ORDER if c],
                default=Value(""))


@dataclass(frozen=True)
class Approved:
    pk: int
    unit: str
    project: str
    budget: Decimal | None


def _approved(tables, year: int) -> list[Approved]:
    """The approved tables of ``year``, by unit and project, as plain values (one unit's, not a province's)."""
    rows = (tables.filter(year=year, status=Status.APPROVED).order_by("project__unit__name", "project__name")
            .values_list("pk", "project__unit__name", "project__name", "budget"))
    return [Approved(*row) for row in rows]


@dataclass
class ByUnit:
    """Per unit, counted in the database: its approved tables of a year and their latest reports."""
    tables: list[dict]  # {unit, projects, budgets}, by unit name
    reports: list[dict]  # {unit, light, n, spent_sum, reported, last}: latest reports by unit and overall light


def count_by_unit(tables, year: int) -> ByUnit:
    approved = tables.filter(year=year, status=Status.APPROVED)
    per_table = (approved.values(unit=F("project__unit__name")).annotate(projects=Count("pk"), budgets=Sum("budget"))
                 .order_by("unit"))
    reports = (latest_only(MonitoringReport.objects.filter(table__in=approved))
               .values(unit=F("table__project__unit__name"), light=overall_light_sql())
               .annotate(n=Count("pk"), spent_sum=Sum("spent"), reported=Count("spent"), last=Max("cutoff")).order_by())
    return ByUnit(list(per_table), list(reports))


# --- 财政 overview -------------------------------------------------------------------------------

@dataclass
class UnitExecution:
    unit: str
    budget: Decimal = Decimal(0)  # approved tables' annual budgets
    spent: Decimal = Decimal(0)  # their latest reports' 截至目前执行数
    projects: int = 0
    reported: int = 0

    @property
    def rate(self) -> Decimal | None:
        return _rate(self.spent, self.budget)


@dataclass
class Execution:
    cutoff: date | None  # the latest cut-off reported
    time_progress: Decimal | None
    rows: list[UnitExecution]


def execution_by_unit(tables, year: int, counted: ByUnit | None = None) -> Execution:
    """Budget and money spent per unit: every approved table of ``year``, its latest report's spending."""
    counted = counted or count_by_unit(tables, year)
    rows = {t["unit"]: UnitExecution(t["unit"], t["budgets"] or Decimal(0), Decimal(0), t["projects"])
            for t in counted.tables}
    for r in counted.reports:
        row = rows[r["unit"]]
        row.spent += r["spent_sum"] or 0
        row.reported += r["reported"]
    cutoff = max((r["last"] for r in counted.reports), default=None)
    return Execution(cutoff, time_progress(cutoff) if cutoff else None, list(rows.values()))


def overall_light(report: MonitoringReport | None) -> str:
    """A project's light at its latest report ('' unreported)."""
    return report.overall_light if report is not None else ""


@dataclass
class UnitLights:
    unit: str
    counts: dict[str, int]  # light ('' unreported) → projects

    def count(self, light: str) -> int:
        return self.counts.get(light, 0)


def lights_by_unit(tables, year: int, counted: ByUnit | None = None) -> list[UnitLights]:
    """红/黄/绿灯 per unit: each approved project of ``year`` by its latest report's worse light."""
    counted = counted or count_by_unit(tables, year)
    out = {t["unit"]: Counter({"": t["projects"]}) for t in counted.tables}
    for r in counted.reports:
        out[r["unit"]][r["light"]] += r["n"]
        out[r["unit"]][""] -= r["n"]
    return [UnitLights(unit, {c: n for c, n in counts.items() if n}) for unit, counts in out.items()]


def light_label(light: str) -> str:
    return LIGHT_LABELS[light or None]


STATUS_FLOW = tuple(Status)  # the workflow's order: 草稿 → 已提交 → 已退回 → 已审核通过


def status_counts(tables, year: int) -> list[tuple[str, int]]:
    """(status label, tables of ``year`` in it), in the workflow's order 草稿 → 已提交 → 已退回 → 通过."""
    counts = dict(tables.filter(year=year).values_list("status").annotate(n=Count("pk")).order_by())
    return [(Status(s).label, counts.get(s, 0)) for s in STATUS_FLOW]


def grade_counts(tables, year: int) -> list[tuple[str, int]]:
    """(grade, approved 绩效自评 of ``year`` with it), best grade first."""
    evaluations = SelfEvaluation.objects.filter(table__in=tables.filter(year=year), status=Status.APPROVED)
    counts = dict(evaluations.exclude(grade="").values_list("grade").annotate(n=Count("pk")).order_by())
    names = list(scoring.default_rules().scoring.grade_names)
    names += sorted(g for g in counts if g not in names)
    return [(g, counts.get(g, 0)) for g in names]


LIVE_REVIEW_LIMIT = 30  # tables reviewed on a visit; beyond it the most recently changed are counted


@dataclass
class Findings:
    rows: list[tuple[str, int]]  # (rule's official title, findings), most frequent first
    left_out: int = 0  # tables not counted (more unapproved tables than LIVE_REVIEW_LIMIT)


def findings_by_rule(tables, year: int, limit: int = 10) -> Findings:
    """The review findings met most often in the tables of ``year``.

    An approved table counts the findings kept with its latest approved version (its content is locked,
    and reviewing thousands of tables on every visit would take minutes); other tables are reviewed as
    they stand, at most LIVE_REVIEW_LIMIT of them, the most recently changed first."""
    tables = tables.filter(year=year)
    versions = ApprovedVersion.objects.filter(subject_kind=Kind.TABLE, table__in=tables.filter(status=Status.APPROVED))
    newer = ApprovedVersion.objects.filter(subject_kind=Kind.TABLE, table=OuterRef("table"), number__gt=OuterRef("number"))
    rules = Counter(_rules_found(versions.filter(~Exists(newer))))
    live = tables.exclude(status=Status.APPROVED, pk__in=versions.values("table_id"))
    total = live.count()
    for found in _live_rules(list(live.select_related("project__unit__department")
                                  .order_by("-updated_at", "-pk")[:LIVE_REVIEW_LIMIT])):
        rules.update(found)
    titled = Counter()
    for rule, n in rules.items():
        titled[rule_title(rule)] += n
    return Findings(sorted(titled.items(), key=lambda x: (-x[1], x[0]))[:limit], max(0, total - LIVE_REVIEW_LIMIT))


def _live_rules(tables) -> list[list[str]]:
    """The rules each table breaks as it stands (``findings_of_tables``: reviewed once per change)."""
    found = findings_of_tables(tables)
    return [[f.rule for f in found[t.pk]] for t in tables]


def _rules_found(versions) -> dict[str, int]:
    """Rule → findings kept with ``versions``, counted in the database from their JSON lists."""
    try:
        ids, params = versions.order_by().values("id").query.sql_with_params()
    except EmptyResultSet:  # no table to count
        return {}
    table = ApprovedVersion._meta.db_table
    if connection.vendor == "postgresql":
        sql = (f"SELECT f.value ->> 'rule', COUNT(*) FROM {table} v CROSS JOIN LATERAL "
               f"jsonb_array_elements(v.findings) f WHERE v.id IN ({ids}) GROUP BY 1")
    else:
        sql = (f"SELECT json_extract(f.value, '$.rule'), COUNT(*) FROM {table} v, json_each(v.findings) f "
               f"WHERE v.id IN ({ids}) GROUP BY 1")
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return dict(cursor.fetchall())


@dataclass(frozen=True)
class OverdueChoice:
    table_id: int
    unit: str
    project: str
    year: int
    cutoff: date  # of the warned report
    deadline: date  # the last day the unit had to choose


def _last_overdue_warning(config, today: date) -> date | None:
    """The latest warning date whose choice is overdue by ``today`` under ``config`` (None: never
    overdue). The deadline never moves back when the warning comes later, so every earlier warning is
    overdue too; asked of the core's rule, ``schedule.choice_overdue``, day by day."""
    if config.unit_choice is None:
        return None
    warned = today - timedelta(days=1)
    while not schedule.choice_overdue(warned, today, False, config):
        warned -= timedelta(days=1)
    return warned


@dataclass
class Overdue:
    """The latest reports of some tables whose warning's choice is overdue by ``today``.

    Only warned, unanswered latest reports are read, one unit at a time for its rule set; the overdue
    ones are then chosen in SQL by the last overdue warning date of each unit's rule set."""
    reports: object  # a MonitoringReport queryset
    rules: dict  # unit id → its rule set
    today: date

    def counts(self) -> list[tuple[str, int]]:
        """(unit, overdue projects) for every unit with one, by unit name."""
        return list(self.reports.values_list("table__project__unit__name").annotate(n=Count("pk"))
                    .order_by("table__project__unit__name"))

    def choices(self, limit: int | None = None, units: list[str] | None = None,
                per_unit: int | None = None) -> list[OverdueChoice]:
        """By unit and project: the first ``limit``, of ``units`` only, the first ``per_unit`` of each."""
        reports = self.reports
        if units is not None:
            reports = reports.filter(table__project__unit__name__in=units)
        order = ["table__project__unit__name", "table__project__name", "table__year", "pk"]
        if per_unit is not None:
            rank = Window(RowNumber(), partition_by=F("table__project__unit"), order_by=order[1:])
            reports = reports.annotate(rank=rank).filter(rank__lte=per_unit)
        reports = reports.select_related("table__project__unit").order_by(*order)
        out = []
        for report in reports[:limit] if limit is not None else reports:
            table, unit_rules = report.table, self.rules[report.table.project.unit_id]
            if scoring.choice_overdue(report, unit_rules, self.today):
                out.append(OverdueChoice(table.pk, table.project.unit.name, table.project.name, table.year,
                                         report.cutoff, scoring.choice_deadline(report, unit_rules)))
        return out


def overdue(tables, today: date | None = None) -> Overdue:
    """Projects whose latest 运行监控 report carries a warning (预警) the unit has not answered (继续执行 /
    调剂 / 取消) within its rule set's working days by ``today``. Whether a choice is overdue is the
    core's one rule (``schedule.choice_overdue``; ``scoring.choice_overdue`` again on each listed report)."""
    today = today or scoring.today()
    warned = latest_only(MonitoringReport.objects.filter(table__in=tables, warned_on__isnull=False, unit_choice="")
                         .exclude(warning=""))
    unit_ids = warned.values_list("table__project__unit", flat=True).distinct().order_by()
    rules = {unit.pk: scoring.unit_rules(unit) for unit in Unit.objects.filter(pk__in=list(unit_ids))}
    units_by_date: dict[date, list[int]] = {}
    for unit_id, unit_rules in rules.items():
        last = _last_overdue_warning(unit_rules.scoring, today)
        if last is not None:
            units_by_date.setdefault(last, []).append(unit_id)
    chosen = Q(pk__in=[])
    for last, ids in units_by_date.items():
        chosen |= Q(table__project__unit__in=ids, warned_on__lte=last)
    return Overdue(warned.filter(chosen), rules, today)


def overdue_choices(tables, today: date | None = None, limit: int | None = None) -> list[OverdueChoice]:
    """The overdue choices of ``tables`` (see ``overdue``) by unit and project, the first ``limit``."""
    return overdue(tables, today).choices(limit)


# --- Unit overview -------------------------------------------------------------------------------

@dataclass
class ProjectExecution:
    table_id: int
    project: str
    budget: Decimal | None
    spent: Decimal | None
    light: str  # overall light, '' unreported

    @property
    def rate(self) -> Decimal | None:
        return _rate(self.spent, self.budget)


def project_execution(tables, year: int) -> tuple[date | None, Decimal | None, list[ProjectExecution]]:
    """(latest cut-off, its time progress, each approved project's budget, spending and light)."""
    reports = _latest_reports(tables.filter(year=year, status=Status.APPROVED))
    rows = []
    for table in sorted(_approved(tables, year), key=lambda t: t.project):
        report = reports.get(table.pk)
        rows.append(ProjectExecution(table.pk, table.project, report.budget if report else table.budget,
                                     report.spent if report else None, overall_light(report)))
    cutoff = max((r.cutoff for r in reports.values()), default=None)
    return cutoff, time_progress(cutoff) if cutoff else None, rows


def light_counts(rows: list[ProjectExecution]) -> list[tuple[str, int]]:
    """(light, projects) in the order 红灯, 黄灯, 绿灯, 未填报."""
    counts = Counter(r.light for r in rows)
    return [(light, counts.get(light, 0)) for light in LIGHT_ORDER]


@dataclass
class ScoresByYear:
    years: list[int]
    projects: list[str]
    scores: dict[tuple[str, int], Decimal] = field(default_factory=dict)  # (project, year) → total


def scores_by_year(tables) -> ScoresByYear:
    """Approved 绩效自评 totals of each project in each year."""
    evaluations = (SelfEvaluation.objects.filter(table__in=tables, status=Status.APPROVED, total__isnull=False)
                   .select_related("table__project"))
    scores = {(e.table.project.name, e.table.year): e.total for e in evaluations}
    return ScoresByYear(sorted({y for _, y in scores}), sorted({p for p, _ in scores}), scores)


# --- Project page ----------------------------------------------------------------------------------

@dataclass
class CutoffExecution:
    cutoff: date
    budget: Decimal | None
    spent: Decimal | None
    time_progress: Decimal
    status: str

    @property
    def rate(self) -> Decimal | None:
        return _rate(self.spent, self.budget)


def execution_curve(table) -> list[CutoffExecution]:
    """The table's 运行监控 reports by cut-off: execution rate against time progress."""
    return [CutoffExecution(r.cutoff, r.budget, r.spent, time_progress(r.cutoff, table.year), r.status_label)
            for r in table.monitoring_reports.order_by("cutoff")]


@dataclass
class IndicatorProgress:
    name: str
    target: str  # as written
    actual: str  # as written
    target_value: Decimal
    actual_value: Decimal
    unit: str
    lower_is_better: bool

    @property
    def share(self) -> Decimal:
        """Actual ÷ target."""
        return self.actual_value / self.target_value


def indicator_progress(table) -> tuple[str, list[IndicatorProgress]]:
    """(where the values come from, numeric indicators' actual against target): the 绩效自评's
    实际完成值 when there is one, else the latest report's 全年预计完成值. Indicators whose value is
    not a number in the target's unit (or one convertible to it, 万元 → 元) are left out."""
    evaluation = SelfEvaluation.objects.filter(table=table).first()
    if evaluation is not None:
        source, values = "绩效自评实际完成值", {e.indicator_id: e.actual for e in evaluation.entries.all()}
    else:
        report = table.monitoring_reports.order_by("-cutoff").first()
        if report is None:
            return "", []
        source = f"运行监控（截至{report.cutoff:%Y-%m-%d}）全年预计完成值"
        values = {e.indicator_id: e.expected for e in report.entries.all()}
    rows = scoring.indicator_rows(table)
    out = []
    for row, indicator in zip(rows, convert.core_table(table, rows).indicators):
        target, text = indicator.annual_target, values.get(row.id, "")
        if target is None or target.kind != "numeric" or not target.value or not text:
            continue
        actual = parse_target(text, indicator.category)
        value = None if actual.value is None else convert_amount(actual.value, actual.unit, target.unit)
        if value is None:
            continue
        out.append(IndicatorProgress(row.name, target.text, text, target.value, value, target.unit or "",
                                     target.direction == "lower"))
    return source, out


def project_scores(table) -> list[tuple[int, Decimal, str]]:
    """(year, total, grade) of the project's approved 绩效自评 in every year."""
    evaluations = SelfEvaluation.objects.filter(table__project=table.project, status=Status.APPROVED,
                                                total__isnull=False).order_by("table__year")
    return [(e.table.year, e.total, e.grade) for e in evaluations.select_related("table")]
