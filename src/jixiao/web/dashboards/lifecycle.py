"""The demo's sample workflow: a plausible year of 审核, 运行监控 and 绩效自评 on the real demo tables.

Run once by `setupdemo` (through `setupdemo_lifecycle`), after the demo accounts exist. Everything
goes through the same services as the pages (explanations, submit, return, approve; reports and
evaluations saved, submitted and approved), so the audit trail, notifications and approved versions
are those a real year leaves. Deterministic: choices follow the tables' order and seeded values
(``core.library.sample.plausible_actuals``). Each table it touches is marked ``SampleHistory``.

What the unit's year looks like:
- tables the review still finds errors in stay 草稿;
- of the others, one is 已退回 with a 审核意见, one waits as 已提交, the rest are 已审核通过;
- every approved table has 运行监控 reports at three cut-offs (31 March, 31 May, 31 July), executed at
  different paces so that the July lights are green, yellow and red; the latest report of one
  table waits for review;
- the first approved tables have an approved 绩效自评 with its score and grade.

A second unit (``play_overdue_choice``) follows the Sichuan rule set: its copy of one table was warned
(预警) at the July cut-off and the unit never chose 继续执行/调剂/取消, so the choice is overdue.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction

from jixiao.core.categories import compact
from jixiao.core.model import Document
from jixiao.core.library.sample import EXECUTION_RATE, plausible_actuals
from jixiao.core.numbers import short_percent
from jixiao.core.scoring import is_rated, parse_rating
from jixiao.web.accounts.models import Role
from jixiao.web.dashboards.models import SampleHistory
from jixiao.web.library.demo import fill_evaluation
from jixiao.web.monitoring import entries as forms, scoring
from jixiao.web.monitoring.models import DeviationCause, Likelihood, MonitoringEntry, MonitoringReport, SelfEvaluation
from jixiao.web.review import services
from jixiao.web.rules import choice
from jixiao.web.targets import convert, importer
from jixiao.web.targets.models import TargetTable
from jixiao.web.workflow import Status

SAMPLE = "（示例数据）"
RETURN_COMMENT = "满意度指标请写明调查方式和样本范围，成本指标请与预算明细核对后再提交。" + SAMPLE
APPROVE_COMMENT = "目标明确，指标可衡量，同意。" + SAMPLE
EXPLANATION = "已核实：该指标按本单位工作实际和上级文件口径设置。" + SAMPLE
# Share of the budget spent by 31 July (time progress 58.3 %): green from 46.7 %, red below 35 %.
JULY_RATES = [Decimal(r) for r in ("0.62", "0.40", "0.55", "0.25", "0.58", "0.50", "0.45", "0.60", "0.30")]
# Share of the July figure already spent at the earlier cut-offs.
CUTOFFS = [(3, 31, Decimal("0.35")), (5, 31, Decimal("0.7")), (7, 31, Decimal(1))]
# (money spent, share of indicators short) at year end: evaluations graded differently.
YEAR_END = [(Decimal("0.97"), 0.1), (Decimal("0.88"), 0.5), (Decimal("0.72"), 0.9)]
# The second unit's overdue choice: its rule set, the table it copies, the share spent by 31 July (below
# the 30 June checkpoint's 40 %) and the day of the warning (its 10 working days ended on 16 August).
CHOICE_RULES = "sichuan"
CHOICE_SOURCE = "综合经费"
CHOICE_RATE = Decimal("0.25")
CHOICE_WARNED = (8, 2)


@dataclass
class Played:
    approved: list[TargetTable] = field(default_factory=list)
    returned: list[TargetTable] = field(default_factory=list)
    submitted: list[TargetTable] = field(default_factory=list)
    drafts: list[TargetTable] = field(default_factory=list)
    reports: int = 0
    evaluations: int = 0

    def lines(self) -> list[str]:
        if not (self.approved or self.returned or self.submitted):
            return []
        return [f"已生成示例审核流程（标明“示例数据”）：{len(self.approved)} 张已审核通过，{len(self.submitted)} 张已提交，"
                f"{len(self.returned)} 张已退回，{len(self.drafts)} 张仍为草稿；"
                f"运行监控报告 {self.reports} 份，绩效自评 {self.evaluations} 份"]


def _explain(cause: str = DeviationCause.FUNDING) -> dict:
    return {"deviation_cause": cause, "deviation_text": "部分支出按合同约定在下半年支付。" + SAMPLE,
            "corrective_measure": "加快合同签订和资金支付进度，每月跟踪执行情况。" + SAMPLE,
            "likelihood": Likelihood.POSSIBLE}


def _report(table: TargetTable, cutoff: date, spent: Decimal, expected: dict[str, str], staff) -> MonitoringReport:
    report = MonitoringReport(table=table, cutoff=cutoff, budget=table.budget, spent=spent)
    rows = scoring.indicator_rows(table)
    core = convert.core_table(table, rows)
    entries = {}
    for row, indicator in zip(rows, core.indicators):
        entry = MonitoringEntry(indicator=row)
        value = expected.get(row.name, "")
        if is_rated(indicator):
            entry.expected_rating = parse_rating(value) or "met"
        else:
            entry.expected = value
        entries[row.id] = entry
    result = scoring.monitor(report, rows, entries)
    if result.execution.needs_explanation:
        for name, value in _explain().items():
            setattr(report, f"execution_{name}", value)
    for line in result.unexplained:
        for name, value in _explain(DeviationCause.OTHER).items():
            setattr(line.entry, name, value)
    scoring.store_lights(report, result)
    forms.save_report(report, entries, staff, rows)
    return report


def _evaluate(table: TargetTable, rate: Decimal, shortfall: float) -> SelfEvaluation:
    actuals = plausible_actuals(convert.core_table(table), f"{table.project.name}|{table.year}|绩效自评", shortfall)
    for name in actuals:
        if EXECUTION_RATE in compact(name):  # its actual is the money spent
            actuals[name] = short_percent(rate)
    spent = (table.budget * rate).quantize(Decimal("0.01")) if table.budget is not None else None
    evaluation = fill_evaluation(table, actuals, spent, "基本完成年度目标。" + SAMPLE)
    rows = scoring.indicator_rows(table)
    entries = scoring.stored_entries(evaluation, rows)
    result = scoring.score(evaluation, rows, entries).result
    for r in result.needs_deviation_analysis:
        entry = entries[rows[r.index].id]
        entry.deviation_analysis = "受工作安排调整影响未完全达到指标值，下一年度提前安排。" + SAMPLE
        entry.save(update_fields=["deviation_analysis"])
    if result.budget.needs_reason:
        evaluation.budget_reason = "部分项目合同尾款跨年度支付。" + SAMPLE
        evaluation.save(update_fields=["budget_reason"])
    return evaluation


def _reviewed(record, staff, reviewer, comment: str = "") -> None:
    services.submit(record, staff)
    services.approve(record, reviewer, comment)


@transaction.atomic
def play(tables, staff, reviewer) -> Played:
    """Take ``tables`` (drafts of one unit and year, in order) through a sample year."""
    played = Played()
    clean = []
    for table in tables:
        findings = services.findings_of(table)
        SampleHistory.objects.create(table=table)
        if any(f.severity == "error" for f in findings):
            played.drafts.append(table)
            continue
        services.save_explanations(table, staff, {f.key: EXPLANATION for f in services.warnings_of(findings)})
        clean.append(table)
    if len(clean) >= 3:
        played.returned.append(clean.pop())
        played.submitted.append(clean.pop())
    for table in played.returned + played.submitted:
        services.submit(table, staff)
    for table in played.returned:
        services.return_table(table, reviewer, RETURN_COMMENT)
    for n, table in enumerate(clean):
        _reviewed(table, staff, reviewer, APPROVE_COMMENT if n == 0 else "")
        table.refresh_from_db()
        played.approved.append(table)
        expected = plausible_actuals(convert.core_table(table), f"{table.project.name}|{table.year}|运行监控")
        july = JULY_RATES[n % len(JULY_RATES)]
        for month, day, share in CUTOFFS:
            spent = (table.budget * july * share).quantize(Decimal("0.01")) if table.budget is not None else None
            report = _report(table, date(table.year, month, day), spent, expected, staff)
            played.reports += 1
            latest = (month, day) == CUTOFFS[-1][:2]
            if latest and n == len(clean) - 1:
                services.submit(report, staff)  # waits for the reviewer
            else:
                _reviewed(report, staff, reviewer)
        if n < len(YEAR_END):
            _reviewed(_evaluate(table, *YEAR_END[n]), staff, reviewer)
            played.evaluations += 1
    return played


@transaction.atomic
def play_overdue_choice(source: TargetTable, staff, reviewer, administrator) -> MonitoringReport:
    """A second unit, under the rule set with a choice after a warning (川财绩〔2025〕10号): a copy of
    ``source`` approved, its 31 July report spent slowly, so warned (预警), and the unit's choice
    (继续执行/调剂/取消) never made: the demo's overdue choice. ``staff`` works for that unit."""
    unit = staff.profile.unit
    choice.choose(unit, CHOICE_RULES, administrator, None)
    importer.import_document(Document([convert.core_table(source)]), unit=unit.name, user=staff, source=SAMPLE)
    table = TargetTable.objects.select_related("project").get(project__unit=unit, project__name=source.project.name,
                                                              year=source.year)
    SampleHistory.objects.create(table=table)
    findings = services.findings_of(table)
    services.save_explanations(table, staff, {f.key: EXPLANATION for f in services.warnings_of(findings)})
    _reviewed(table, staff, reviewer, APPROVE_COMMENT)
    table.refresh_from_db()
    expected = plausible_actuals(convert.core_table(table), f"{table.project.name}|{table.year}|运行监控")
    spent = (table.budget * CHOICE_RATE).quantize(Decimal("0.01")) if table.budget is not None else None
    report = _report(table, date(table.year, 7, 31), spent, expected, staff)
    # The warning as the unit met it in that year, not on the day the demo is set up.
    report.warned_on = date(table.year, *CHOICE_WARNED)
    report.save(update_fields=["warned_on"])
    return report


def load_demo(unit_name: str, year: int, choice_unit: str = "") -> list[str]:
    """Play the sample year on the demo unit's tables of ``year`` once, and the overdue choice of
    ``choice_unit`` (a unit with a staff account and no tables); the lines to print."""
    if SampleHistory.objects.exists():
        return []
    users = get_user_model().objects.filter(is_active=True)
    staff = users.filter(profile__role=Role.STAFF, profile__unit__name=unit_name).order_by("pk").first()
    reviewer = users.filter(profile__role=Role.REVIEWER).order_by("pk").first()
    tables = list(TargetTable.objects.filter(project__unit__name=unit_name, year=year, status=Status.DRAFT,
                                             sample_mark__isnull=True).select_related("project").order_by("pk"))
    if staff is None or reviewer is None or not tables:
        return []
    played = play(tables, staff, reviewer)
    lines = played.lines()
    other = users.filter(profile__role=Role.STAFF, profile__unit__name=choice_unit).order_by("pk").first()
    administrator = users.filter(profile__role=Role.ADMIN).order_by("pk").first()
    source = next((t for t in played.approved if t.project.name == CHOICE_SOURCE), None)
    if choice_unit and other is not None and administrator is not None and source is not None:
        report = play_overdue_choice(source, other, reviewer, administrator)
        lines.append(f"{choice_unit}（{scoring.table_rules(report.table).official_label}）：《{CHOICE_SOURCE}》"
                     f"截至 {report.cutoff.isoformat()} 的运行监控预警后逾期未选择处理方式（示例数据）")
    return lines
