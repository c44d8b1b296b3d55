"""运行监控 reports and 绩效自评 evaluations as reviewed kinds, registered with the review app
(``apps.py``): their pages, their submission rules (``submission``) and what approval freezes
(``sheet``)."""

from __future__ import annotations

from django.urls import reverse

from jixiao.core.scoring import ScoringError
from jixiao.web.monitoring import scoring, sheet, submission
from jixiao.web.monitoring.models import MonitoringReport, SelfEvaluation
from jixiao.web.review import subjects
from jixiao.web.review.models import Kind
from jixiao.web.review.services import WorkflowError


def _report_url(report) -> str:
    return f"{reverse('monitoring:report', args=[report.table_id])}?cutoff={report.cutoff:%Y-%m-%d}"


def _freeze_evaluation(evaluation) -> tuple[dict, list]:
    try:
        return sheet.frozen(evaluation), []
    except ScoringError as err:
        raise WorkflowError(f"绩效自评无法计分，不能审核通过：{err.message}") from None


def register_kinds() -> None:
    subjects.register(subjects.ReviewedKind(
        kind=Kind.MONITORING, model=MonitoringReport, measure="份", url=_report_url,
        blockers=submission.report_blockers, freeze=lambda r: (sheet.frozen_report(r), []),
        version_page=lambda v: ("review/monitoring_version.html",
                                {"data": v.snapshot["report"], "report": subjects.of_row(v)}),
        name=lambda r: f"运行监控（截至{r.cutoff:%Y-%m-%d}）",
    ))
    subjects.register(subjects.ReviewedKind(
        kind=Kind.EVALUATION, model=SelfEvaluation, measure="份",
        url=lambda e: reverse("monitoring:evaluation_sheet", args=[e.table_id]),
        blockers=submission.evaluation_blockers, freeze=_freeze_evaluation,
        on_submit=scoring.rescore_for_submission,
        version_page=lambda v: ("review/evaluation_version.html",
                                {"sheet": v.snapshot["sheet"], "evaluation": subjects.of_row(v)}),
        name=lambda e: "绩效自评",
    ))
