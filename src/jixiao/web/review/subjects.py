"""What goes through review: a target table, a 运行监控 report or a 绩效自评 evaluation.

A ``Subject`` wraps the record and answers what the workflow needs of it: its table (visibility,
unit, notifications), its status and how to claim a status change, how it is named in messages,
queues and the audit trail, and where its page is. Workflow rows (transitions, comments,
notifications) point at the table and say which of its records they are about (``link``).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Model, Q
from django.urls import reverse
from django.utils import timezone

from jixiao.web.monitoring.models import MonitoringReport, ReportStatus, SelfEvaluation
from jixiao.web.review.models import Kind
from jixiao.web.targets.models import Status, TargetTable

MODELS: dict[str, type[Model]] = {
    Kind.TABLE: TargetTable, Kind.MONITORING: MonitoringReport, Kind.EVALUATION: SelfEvaluation,
}
KIND_OF = {model: kind for kind, model in MODELS.items()}
REPORT_KINDS = (Kind.MONITORING, Kind.EVALUATION)


@dataclass(frozen=True, eq=False)
class Subject:
    obj: Model

    @property
    def kind(self) -> str:
        return KIND_OF[type(self.obj)]

    @property
    def is_table(self) -> bool:
        return self.kind == Kind.TABLE

    @property
    def table(self) -> TargetTable:
        return self.obj if self.is_table else self.obj.table

    @property
    def subject_id(self) -> int | None:
        return None if self.is_table else self.obj.pk

    @property
    def label(self) -> str:
        """目标表 / 运行监控 / 绩效自评."""
        return Kind(self.kind).label

    @property
    def name(self) -> str:
        """The record in the table's terms: 运行监控（截至2024-07-31） or 绩效自评; empty for the table."""
        if self.kind == Kind.MONITORING:
            return f"运行监控（截至{self.obj.cutoff:%Y-%m-%d}）"
        return "" if self.is_table else self.label

    @property
    def title(self) -> str:
        """For messages: 《信访事项经费》（2024年） or 《信访事项经费》（2024年）绩效自评."""
        t = self.table
        return f"《{t.project.name}》（{t.year}年）{self.name}"

    @property
    def status(self) -> str:
        return self.obj.status

    def status_label(self, value: str | None = None) -> str:
        return (Status if self.is_table else ReportStatus)(value or self.status).label

    def link(self) -> dict:
        """Field values that tie a transition, comment or notification to this subject."""
        return {"table": self.table, "subject_kind": self.kind, "subject_id": self.subject_id}

    def rows(self, queryset):
        """Workflow rows (of ``queryset``) about this subject."""
        return queryset.filter(table_id=self.table.pk, subject_kind=self.kind, subject_id=self.subject_id)

    def claim(self, from_statuses, to_status) -> bool:
        """Change the status only if it is still one of ``from_statuses`` (one conditional UPDATE)."""
        changes = {"status": to_status}
        if not self.is_table and to_status == ReportStatus.SUBMITTED:
            changes["submitted_at"] = timezone.now()
        elif not self.is_table and to_status == ReportStatus.DRAFT:
            changes["submitted_at"] = None  # 新版本: a fresh draft
        claimed = type(self.obj).objects.filter(pk=self.obj.pk, status__in=from_statuses).update(**changes)
        if claimed:
            for field, value in changes.items():
                setattr(self.obj, field, value)
        return bool(claimed)

    @property
    def audit_kind(self) -> str:
        """The audit trail's object kind: 目标表 (audit.ObjectKind.TABLE), 运行监控 or 绩效自评."""
        return self.kind

    @property
    def audit_label(self) -> str:
        name = self.table.project.name
        return name if self.is_table else f"{self.name}：{name}"

    def url(self) -> str:
        if self.kind == Kind.EVALUATION:
            return reverse("monitoring:evaluation_sheet", args=[self.table.pk])
        if self.kind == Kind.MONITORING:
            return f"{reverse('monitoring:report', args=[self.table.pk])}?cutoff={self.obj.cutoff:%Y-%m-%d}"
        return reverse("targets:detail", args=[self.table.pk])


def of(obj) -> Subject:
    return obj if isinstance(obj, Subject) else Subject(obj)


def load(kind: str, pk: int, tables) -> Subject | None:
    """The subject of ``kind`` with id ``pk`` whose table is among ``tables``, or None."""
    model = MODELS.get(kind)
    if model is None:
        return None
    qs = tables if model is TargetTable else model.objects.filter(table__in=tables).select_related(
        "table__project__unit__department")
    obj = qs.filter(pk=pk).first()
    return Subject(obj) if obj is not None else None


def of_row(row) -> Subject | None:
    """The subject a transition, comment or notification is about (None if its record is gone)."""
    if row.subject_kind == Kind.TABLE:
        return Subject(row.table)
    model = MODELS.get(row.subject_kind)
    obj = model.objects.filter(pk=row.subject_id).select_related("table__project__unit").first() if model else None
    return Subject(obj) if obj is not None else None


def reports_with_status(tables, status) -> list[Subject]:
    """Monitoring reports and evaluations of ``tables`` in ``status``, as subjects."""
    out = []
    for kind in REPORT_KINDS:
        qs = (MODELS[kind].objects.filter(table__in=tables, status=status)
              .select_related("table__project__unit__department"))
        out += [Subject(obj) for obj in qs]
    return out


def count_reports(tables, status) -> int:
    return sum(MODELS[k].objects.filter(table__in=tables, status=status).count() for k in REPORT_KINDS)


def table_rows() -> Q:
    """Workflow rows about a target table itself."""
    return Q(subject_kind=Kind.TABLE)
