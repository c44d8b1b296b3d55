"""复核与计分 of a whole unit and year as a job: every table's review findings (the 审核规则, as the
审核报告 counts them) and its 绩效自评 scored again by the rules of ``monitoring.scoring``.

A draft (or returned) evaluation whose stored scores differ from the rules' gets them stored, each
table in its own transaction under a row lock, and only when something differs: a job cancelled
between two tables keeps what it stored, and a job run again after its worker died finds those
tables unchanged and writes nothing twice. A submitted or approved evaluation keeps the rule set it
was submitted with and is never rewritten: a total that no longer matches its rules is reported.
The summary is a workbook, one row per table.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from jixiao.core import xlsx
from jixiao.core.numbers import plain
from jixiao.core.review import SEVERITIES, SEVERITY_LABELS, count_findings
from jixiao.web.accounts.models import Unit
from jixiao.web.jobs.progress import JobFailed, Progress
from jixiao.web.monitoring import scoring
from jixiao.web.monitoring.models import SelfEvaluation
from jixiao.web.review.services import findings_of
from jixiao.web.targets.models import TargetTable

HEADERS = ("序号", "项目", "目标表状态", "问题数", *(SEVERITY_LABELS[s] for s in SEVERITIES),
           "绩效自评状态", "得分", "等级", "复核结果")
SCORE_COLUMN = HEADERS.index("得分") + 1
WIDTHS = (6, 40, 12, 8, 8, 8, 8, 12, 8, 8, 60)

STORED = "已按评分规则重新计分并保存"
UNCHANGED = "得分与评分规则一致，未改动"
NOT_FILLED = "未填报绩效自评"
NOT_SCORED = "无法计分"


def title(params: dict) -> str:
    return f"{params['unit']}{params['year']}年复核与计分"


def _tables(params: dict):
    return (TargetTable.objects.filter(project__unit__name=params["unit"], year=params["year"])
            .select_related("project__unit__department").order_by("project__name", "id"))


@dataclass
class Checked:
    """One table's line of the summary."""

    findings: dict[str, int]  # per severity
    status: str = ""  # of the evaluation ('' when none)
    total: Decimal | None = None
    grade: str = ""
    outcome: str = NOT_FILLED


def _score_fields(evaluation: SelfEvaluation, entries) -> tuple:
    return (evaluation.total, evaluation.grade, evaluation.complete, evaluation.rules_text,
            [e.score for e in entries.values()])


def check_table(table: TargetTable) -> Checked:
    """Review ``table`` and score its 绩效自评 again, storing the scores of a draft that changed."""
    rows = scoring.indicator_rows(table)
    checked = Checked(count_findings(findings_of(table, rows))["severity"])
    with transaction.atomic():
        evaluation = SelfEvaluation.objects.select_for_update().filter(table=table).first()
        if evaluation is None:
            return checked
        evaluation.table = table
        entries = scoring.stored_entries(evaluation, rows)
        before = _score_fields(evaluation, entries)
        scored = scoring.score(evaluation, rows, entries)
        checked.status = evaluation.status_label
        if scored.result is None:
            checked.outcome = f"{NOT_SCORED}：" + "；".join(p.message for p in scored.errors)
            return checked
        result = scored.result
        checked.total, checked.grade = result.total, result.grade
        problems = [f"{NOT_SCORED}（按未填报计）：{p.message}" for p in scored.errors]
        if not evaluation.is_editable:
            if evaluation.total is not None and evaluation.total != result.total:
                problems.insert(0, f"复核得分 {plain(result.total)} 分，与保存的 {plain(evaluation.total)} 分不符"
                                   f"（{evaluation.locked_reason}，未改动）")
            checked.outcome = "；".join(problems) or UNCHANGED
            return checked
        scoring.store_scores(evaluation, entries, result, scored.rules)
        if _score_fields(evaluation, entries) == before:
            checked.outcome = "；".join([UNCHANGED, *problems])
            return checked
        evaluation.save(update_fields=["rules_name", "rules_version", "rules_text", "total", "grade", "complete"])
        for entry, old in zip(entries.values(), before[-1]):
            if entry.pk and entry.score != old:
                entry.save(update_fields=["score"])
        was = f"原为 {plain(before[0])} 分" if before[0] is not None else "此前未计分"
        checked.outcome = "；".join([f"{STORED}（{was}）", *problems])
    return checked


def check_unit(job, progress: Progress, dest) -> str:
    params = job.params
    if not Unit.objects.filter(name=params["unit"]).exists():
        raise JobFailed(f"没有用款单位“{params['unit']}”")
    ids = list(_tables(params).values_list("id", flat=True))
    if not ids:
        raise JobFailed(f"没有可复核的目标表：{title(params)}")
    progress.start(len(ids))
    lines = []  # one short row per table; the workbook is written once every table is done
    for n, pk in enumerate(ids, 1):
        table = _tables(params).filter(pk=pk).first()
        if table is not None:  # else deleted meanwhile
            c = check_table(table)
            counts = [c.findings[s] for s in SEVERITIES]
            lines.append([n, table.project.name, table.get_status_display(), sum(counts), *counts,
                          c.status, c.total, c.grade, c.outcome])
        progress.advance()
    _write(lines, dest, params)
    return f"{title(params)}.xlsx"


def _write(lines, dest, params: dict) -> None:
    book = Workbook()
    sheet = book.active
    sheet.title = "复核与计分"
    sheet.append(HEADERS)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for line in lines:
        sheet.append(line)
        sheet.cell(sheet.max_row, SCORE_COLUMN).number_format = "0.00"
    for n, width in enumerate(WIDTHS, 1):
        sheet.column_dimensions[get_column_letter(n)].width = width
    sheet.freeze_panes = "A2"
    sheet.print_title_rows = "1:1"
    xlsx.print_setup(sheet, landscape=True, unit=params["unit"], year=params["year"])
    xlsx.save(book, dest)  # a project name starting with '=' stays text
