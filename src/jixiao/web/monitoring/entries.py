"""Reading what the user typed (POST) into unsaved report / evaluation rows, and saving them.

Field names: top-level fields by their model names; per indicator ``<field>-<indicator id>``.
Each problem is reported as a Chinese message naming the field or indicator.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation

from django.db import transaction

from jixiao.web.monitoring.models import (
    DeviationCause, EvaluationEntry, Likelihood, MonitoringEntry, MonitoringReport, Rating, SelfEvaluation,
)
from jixiao.web.monitoring import history
from jixiao.web.review import services

EXPLANATION = ("deviation_cause", "deviation_text", "corrective_measure", "likelihood")
MONITOR_FIELDS = ("so_far", "expected", "expected_rating", *EXPLANATION)
EVALUATE_FIELDS = ("actual", "rating", "rating_score", "weight", "not_applicable", "deviation_analysis")
CHOICES = {"deviation_cause": DeviationCause, "likelihood": Likelihood, "expected_rating": Rating, "rating": Rating}
DECIMALS = {"rating_score", "weight", "budget", "spent", "budget_initial", "budget_full_year"}
LABELS = {
    "budget": "全年预算数", "spent": "执行数", "budget_initial": "年初预算数", "budget_full_year": "全年预算数",
    "rating_score": "评价得分", "weight": "分值",
}


def decimal_or_none(text: str | None, label: str, errors: list[str], positive: bool = False) -> Decimal | None:
    text = (text or "").replace(",", "").replace("，", "").strip()
    if not text:
        return None
    try:
        value = Decimal(text)
    except InvalidOperation:
        value = None
    if value is None or not value.is_finite() or value < 0 or (positive and value == 0):
        errors.append(f"{label}：「{text}」不是{'大于 0 的' if positive else '非负'}数字")
        return None
    return value


def _value(post, field: str, label: str, errors: list[str], name: str | None = None):
    raw = post.get(field, "")
    name = name or field.split("-")[0]
    if name in DECIMALS:
        return decimal_or_none(raw, label, errors, positive=name in ("budget", "budget_full_year"))
    if name == "not_applicable":
        return bool(raw)
    raw = raw.strip()
    if name in CHOICES and raw and raw not in CHOICES[name].values:
        errors.append(f"{label}：选项「{raw}」无效")
        return ""
    return raw


def report_from_post(report: MonitoringReport, rows, post) -> tuple[dict[int, MonitoringEntry], list[str]]:
    errors: list[str] = []
    for f in ("budget", "spent"):
        setattr(report, f, _value(post, f, LABELS[f], errors))
    for f in EXPLANATION:
        setattr(report, f"execution_{f}", _value(post, f"execution_{f}", "预算执行", errors, name=f))
    old = {e.indicator_id: e for e in report.entries.all()} if report.pk else {}
    entries = {}
    for row in rows:
        entry = old.get(row.id) or MonitoringEntry(report=report if report.pk else None, indicator=row)
        for f in MONITOR_FIELDS:
            setattr(entry, f, _value(post, f"{f}-{row.id}", f"指标「{row.name}」", errors))
        entries[row.id] = entry
    return entries, errors


def evaluation_from_post(evaluation: SelfEvaluation, rows, post) -> tuple[dict[int, EvaluationEntry], list[str]]:
    errors: list[str] = []
    for f in ("budget_initial", "budget_full_year", "spent"):
        setattr(evaluation, f, _value(post, f, LABELS[f], errors))
    evaluation.budget_reason = post.get("budget_reason", "").strip()
    evaluation.goal_actual = post.get("goal_actual", "").strip()
    old = {e.indicator_id: e for e in evaluation.entries.all()} if evaluation.pk else {}
    entries = {}
    for row in rows:
        entry = old.get(row.id) or EvaluationEntry(indicator=row)
        for f in EVALUATE_FIELDS:
            label = f"指标「{row.name}」{LABELS.get(f, '')}"
            setattr(entry, f, _value(post, f"{f}-{row.id}", label, errors))
        entries[row.id] = entry
    return entries, errors


@transaction.atomic
def save_report(report: MonitoringReport, entries: dict[int, MonitoringEntry], user, rows, submit: bool = False) -> None:
    """Store the report and its audit entry; with ``submit``, send it to review in the same transaction."""
    before = history.stored_values(report, rows, history.report_values)
    report.updated_by = user
    report.save()
    for entry in entries.values():
        entry.report = report
        entry.save()
    history.save_entry(report, user, before, history.report_values(report, rows, entries))
    if submit:
        services.submit_subject(report, user)


@transaction.atomic
def save_evaluation(evaluation: SelfEvaluation, entries: dict[int, EvaluationEntry], user, rows,
                    submit: bool = False) -> None:
    before = history.stored_values(evaluation, rows, history.evaluation_values)
    evaluation.updated_by = user
    evaluation.save()
    for entry in entries.values():
        entry.evaluation = evaluation
        entry.save()
    history.save_entry(evaluation, user, before, history.evaluation_values(evaluation, rows, entries))
    if submit:
        services.submit_subject(evaluation, user)


def parse_cutoff(text: str | None, default: date) -> date:
    try:
        return date.fromisoformat(text) if text else default
    except ValueError:
        return default
