"""The audit trail of monitoring reports and evaluations: the entered values before and after a save.

Values are read as people see them (choices by their label, amounts without storage scale), keyed
``字段`` or ``三级指标·字段``, so the table's 修改记录 page shows them like a table's own changes.
Status changes (提交审核, 退回, 审核通过) are recorded by the review workflow.
"""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import PermissionDenied

from jixiao.core.numbers import plain
from jixiao.web.audit import record
from jixiao.web.audit.models import Action
from jixiao.web.monitoring.models import (
    EVALUATE_FIELDS, EXPLANATION, MONITOR_FIELDS, EvaluationEntry, MonitoringEntry, MonitoringReport, SelfEvaluation,
)
from jixiao.web.review import subjects

SOURCE = "网页填报"
EVALUATION_FIELDS = ("budget_initial", "budget_full_year", "spent", "budget_reason", "goal_actual", "total", "grade")


def _shown(obj, name: str):
    field = obj._meta.get_field(name)
    value = getattr(obj, name)
    if value is None or value == "" or value is False:
        return None
    if field.choices:
        return dict(field.choices).get(value, value)
    if value is True:
        return "是"
    if isinstance(value, Decimal):
        return plain(value)
    return value


def _values(obj, fields, rows, entries, entry_fields, blank_entry) -> dict:
    out = {str(obj._meta.get_field(f).verbose_name): _shown(obj, f) for f in fields}
    for row in rows:
        entry = entries.get(row.id) or blank_entry
        for f in entry_fields:
            out[f"{row.name}·{entry._meta.get_field(f).verbose_name}"] = _shown(entry, f)
    return {k: v for k, v in out.items() if v is not None}


def report_values(report: MonitoringReport, rows, entries: dict) -> dict:
    fields = ("budget", "spent", *(f"execution_{f}" for f in EXPLANATION), "unit_choice")
    return _values(report, fields, rows, entries, MONITOR_FIELDS, MonitoringEntry())


def evaluation_values(evaluation: SelfEvaluation, rows, entries: dict) -> dict:
    return _values(evaluation, EVALUATION_FIELDS, rows, entries, (*EVALUATE_FIELDS, "score"), EvaluationEntry())


def stored_values(record, rows, values) -> dict | None:
    """The stored record's values (``values``: report_values / evaluation_values) under a row lock,
    None for a new one; refused if it is no longer editable (submitted or approved meanwhile)."""
    if record.pk is None:
        return None
    stored = type(record).objects.select_for_update().get(pk=record.pk)
    if not stored.is_editable:
        raise PermissionDenied(stored.locked_reason)
    record.status = stored.status
    return values(stored, rows, {e.indicator_id: e for e in stored.entries.all()})


def save_entry(obj, user, before: dict | None, after: dict) -> None:
    """One 新增 (``before`` None) or 修改 entry on the table's trail; nothing when nothing changed."""
    subject = subjects.of(obj)
    action = Action.CREATE if before is None else Action.CHANGE
    record.save([record.entry(
        subject.table.pk, subject.audit_kind, action, user=user, obj_id=obj.pk, label=subject.audit_label,
        before=before, after=after, version=subject.table.version, source=SOURCE,
    )])
