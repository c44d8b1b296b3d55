"""Reading what the user typed (POST) into unsaved report / evaluation rows, and saving them.

Field names: top-level fields by their model names; per indicator ``<field>-<indicator id>``.
Each problem is a Chinese message naming the field or indicator, placed at the field or the
indicator's row. What cannot be read as a number is kept as typed (``typed``) so that the page
shows it again.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from jixiao.core.numbers import parse_decimal
from jixiao.web.monitoring.models import (
    EVALUATE_FIELDS, EXPLANATION, MONITOR_FIELDS, DeviationCause, EvaluationEntry, Likelihood, MonitoringEntry,
    RATINGS, MonitoringReport, SelfEvaluation,
)
from jixiao.web import concurrency
from jixiao.web.monitoring import history
from jixiao.web.workflow import Problem, row_anchor

RATING_VALUES = [value for value, _ in RATINGS]
CHOICES = {"deviation_cause": DeviationCause.values, "likelihood": Likelihood.values, "expected_rating": RATING_VALUES,
           "rating": RATING_VALUES}
DECIMALS = {"rating_score", "weight", "budget", "spent", "budget_initial", "budget_full_year", "given_score"}
LABELS = {
    "budget": "全年预算数", "spent": "执行数", "budget_initial": "年初预算数", "budget_full_year": "全年预算数",
    "rating_score": "评价得分", "weight": "分值", "given_score": "扣分后得分",
}


def decimal_or_none(text: str | None, label: str, errors: list[str], positive: bool = False) -> Decimal | None:
    text = (text or "").strip()
    if not text:
        return None
    value = parse_decimal(text)
    if value is None or value < 0 or (positive and value == 0):
        errors.append(f"{label}：「{text}」不是{'大于 0 的' if positive else '非负'}数字")
        return None
    return value


def _set(obj, attr: str, post, field: str, label: str, anchor: str, problems: list[Problem]) -> None:
    """Read ``field`` of ``post`` into ``obj.attr``; a value that cannot be read is kept in ``obj.typed``."""
    raw = post.get(field, "")
    name = attr.removeprefix("execution_")
    errors: list[str] = []
    if name in DECIMALS:
        value = decimal_or_none(raw, label, errors, positive=name in ("budget", "budget_full_year"))
    elif name == "not_applicable":
        value = bool(raw)
    else:
        value = raw.strip()
        if name in CHOICES and value and value not in CHOICES[name]:
            errors.append(f"{label}：选项「{value}」无效")
            value = ""
    if errors:
        if not hasattr(obj, "typed"):
            obj.typed = {}
        obj.typed[attr] = raw
        problems += [Problem(e, anchor) for e in errors]
    setattr(obj, attr, value)


def report_from_post(report: MonitoringReport, rows, post) -> tuple[dict[int, MonitoringEntry], list[Problem]]:
    problems: list[Problem] = []
    for f in ("budget", "spent"):
        _set(report, f, post, f, LABELS[f], f, problems)
    for f in EXPLANATION:
        _set(report, f"execution_{f}", post, f"execution_{f}", "预算执行", "execution", problems)
    chosen = post.get("unit_choice", "").strip()  # checked against the rule set's options by scoring.monitor
    if chosen != report.unit_choice:
        report.unit_choice, report.chosen_at = chosen, timezone.now() if chosen else None
    old = {e.indicator_id: e for e in report.entries.all()} if report.pk else {}
    entries = {}
    for row in rows:
        entry = old.get(row.id) or MonitoringEntry(report=report if report.pk else None, indicator=row)
        for f in MONITOR_FIELDS:
            _set(entry, f, post, f"{f}-{row.id}", f"指标「{row.name}」", row_anchor(row.pk), problems)
        entries[row.id] = entry
    return entries, problems


def evaluation_from_post(evaluation: SelfEvaluation, rows, post) -> tuple[dict[int, EvaluationEntry], list[Problem]]:
    problems: list[Problem] = []
    for f in ("budget_initial", "budget_full_year", "spent"):
        _set(evaluation, f, post, f, LABELS[f], f, problems)
    judged = {}
    for key, raw in post.items():
        if key.startswith("judged-"):
            block = key.removeprefix("judged-")
            value = decimal_or_none(raw, "整体评价得分", errors := [])
            problems += [Problem(e, key) for e in errors]
            judged[block] = "" if value is None else str(value)
    evaluation.judged_scores = judged
    evaluation.budget_reason = post.get("budget_reason", "").strip()
    evaluation.goal_actual = post.get("goal_actual", "").strip()
    old = {e.indicator_id: e for e in evaluation.entries.all()} if evaluation.pk else {}
    entries = {}
    for row in rows:
        entry = old.get(row.id) or EvaluationEntry(indicator=row)
        for f in EVALUATE_FIELDS:
            _set(entry, f, post, f"{f}-{row.id}", f"指标「{row.name}」{LABELS.get(f, '')}", row_anchor(row.pk), problems)
        entries[row.id] = entry
    return entries, problems


@transaction.atomic
def save_report(report: MonitoringReport, entries: dict[int, MonitoringEntry], user, rows,
                opened_at: int | None = None) -> None:
    """Store the report (a draft, whatever it still lacks) and its audit entry. Raises StaleSave when
    it was saved since version ``opened_at`` or another request created it first."""
    before = history.stored_values(report, rows, history.report_values)
    report.updated_by = user
    concurrency.stored(report, opened_at, table=report.table, cutoff=report.cutoff)
    report.save()
    for entry in entries.values():
        entry.report = report
        entry.save()
    history.save_entry(report, user, before, history.report_values(report, rows, entries))


@transaction.atomic
def save_evaluation(evaluation: SelfEvaluation, entries: dict[int, EvaluationEntry], user, rows,
                    opened_at: int | None = None) -> None:
    """Like ``save_report``."""
    before = history.stored_values(evaluation, rows, history.evaluation_values)
    evaluation.updated_by = user
    concurrency.stored(evaluation, opened_at, table=evaluation.table)
    evaluation.save()
    for entry in entries.values():
        entry.evaluation = evaluation
        entry.save()
    history.save_entry(evaluation, user, before, history.evaluation_values(evaluation, rows, entries))


def parse_cutoff(text: str | None, default: date) -> date:
    try:
        return date.fromisoformat(text) if text else default
    except ValueError:
        return default
