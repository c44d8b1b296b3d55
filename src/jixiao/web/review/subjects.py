"""What goes through review, and the registry of reviewed kinds.

Each app registers the kinds of record it sends to review (``register``, called from its
``AppConfig.ready()``): the review app its target tables, the monitoring app its 运行监控 reports and
绩效自评 evaluations. A ``ReviewedKind`` tells the workflow what it cannot know without importing
that app: the model, where its page is, what still blocks its submission, and what approval
freezes. The review app never imports the apps that register with it.

A ``Subject`` wraps one record and answers what the workflow needs of it: its table (visibility,
unit, notifications), its status and how to claim a status change, how it is named in messages,
queues and the audit trail. Workflow rows (transitions, comments, notifications) point at the
table and say which of its records they are about (``link``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Model, Q
from django.utils import timezone

from jixiao.web.review.models import Kind
from jixiao.web.targets.models import TargetTable
from jixiao.web.workflow import Problem, Status


@dataclass(frozen=True)
class ReviewedKind:
    """How the review workflow handles one kind of record."""

    kind: str  # a review.models.Kind value
    model: type[Model]
    measure: str  # the counting word of messages: 这张目标表, 这份运行监控
    url: Callable[[Model], str]  # the record's own page
    blockers: Callable[[Model], list[Problem]]  # why the stored record cannot be submitted now
    freeze: Callable[[Model], tuple[dict, list]]  # what approval keeps: (snapshot, findings)
    version_page: Callable[[object], tuple[str, dict]]  # an ApprovedVersion → (template, context)
    name: Callable[[Model], str] = lambda obj: ""  # the record in its table's terms ('' for the table)
    timestamps: bool = True  # has ``submitted_at``
    # What submission fixes on the stored record (under the row lock, its blockers passed): e.g. the
    # rule set an evaluation is scored by from then on.
    on_submit: Callable[[Model], None] | None = None


KINDS: dict[str, ReviewedKind] = {}


def register(spec: ReviewedKind) -> None:
    KINDS[spec.kind] = spec


def kind_of(obj: Model) -> ReviewedKind:
    return next(spec for spec in KINDS.values() if isinstance(obj, spec.model))


def report_kinds() -> list[ReviewedKind]:
    """The registered kinds other than the table itself."""
    return [spec for kind, spec in KINDS.items() if kind != Kind.TABLE]


@dataclass(frozen=True, eq=False)
class Subject:
    obj: Model

    @property
    def spec(self) -> ReviewedKind:
        return kind_of(self.obj)

    @property
    def kind(self) -> str:
        return self.spec.kind

    @property
    def is_table(self) -> bool:
        return isinstance(self.obj, TargetTable)

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
    def this(self) -> str:
        """这张目标表 / 这份运行监控."""
        return f"这{self.spec.measure}{self.label}"

    @property
    def name(self) -> str:
        """The record in the table's terms: 运行监控（截至2024-07-31） or 绩效自评; empty for the table."""
        return self.spec.name(self.obj)

    @property
    def title(self) -> str:
        """For messages: 《信访事项经费》（2024年） or 《信访事项经费》（2024年）绩效自评."""
        t = self.table
        return f"《{t.project.name}》（{t.year}年）{self.name}"

    @property
    def status(self) -> str:
        return self.obj.status

    def link(self) -> dict:
        """Field values that tie a transition, comment or notification to this subject."""
        return {"table": self.table, "subject_kind": self.kind, "subject_id": self.subject_id}

    def rows(self, queryset):
        """Workflow rows (of ``queryset``) about this subject."""
        return queryset.filter(table_id=self.table.pk, subject_kind=self.kind, subject_id=self.subject_id)

    def claim(self, from_statuses, to_status) -> bool:
        """Change the status only if it is still one of ``from_statuses`` (one conditional UPDATE)."""
        changes = {"status": to_status}
        if self.spec.timestamps and to_status == Status.SUBMITTED:
            changes["submitted_at"] = timezone.now()
        elif self.spec.timestamps and to_status == Status.DRAFT:
            changes["submitted_at"] = None  # 新版本: a fresh draft
        claimed = type(self.obj).objects.filter(pk=self.obj.pk, status__in=from_statuses).update(**changes)
        if claimed:
            for field, value in changes.items():
                setattr(self.obj, field, value)
        return bool(claimed)

    def locked(self) -> Model:
        """The stored record again, under a row lock (inside a transaction)."""
        qs = type(self.obj).objects.select_for_update(of=("self",))
        return qs.select_related("table__project__unit__department" if not self.is_table
                                 else "project__unit__department").get(pk=self.obj.pk)

    @property
    def audit_kind(self) -> str:
        """The audit trail's object kind: 目标表 (audit.ObjectKind.TABLE), 运行监控 or 绩效自评."""
        return self.kind

    @property
    def audit_label(self) -> str:
        name = self.table.project.name
        return name if self.is_table else f"{self.name}：{name}"

    def url(self) -> str:
        return self.spec.url(self.obj)


def of(obj) -> Subject:
    return obj if isinstance(obj, Subject) else Subject(obj)


def load(kind: str, pk: int, tables) -> Subject | None:
    """The subject of ``kind`` with id ``pk`` whose table is among ``tables``, or None."""
    spec = KINDS.get(kind)
    if spec is None:
        return None
    qs = tables if spec.model is TargetTable else spec.model.objects.filter(table__in=tables).select_related(
        "table__project__unit__department")
    obj = qs.filter(pk=pk).first()
    return Subject(obj) if obj is not None else None


def of_row(row) -> Subject | None:
    """The subject a transition, comment, notification or version is about (None if its record is gone)."""
    if row.subject_kind == Kind.TABLE:
        return Subject(row.table)
    spec = KINDS.get(row.subject_kind)
    obj = (spec.model.objects.filter(pk=row.subject_id).select_related("table__project__unit").first()
           if spec else None)
    return Subject(obj) if obj is not None else None


def reports_with_status(tables, status, first: int | None = None) -> list[Subject]:
    """Records of ``tables`` (None: of every table) other than the tables themselves (reports,
    evaluations) in ``status``; with ``first``, only the first of each kind by project name."""
    out = []
    for spec in report_kinds():
        qs = spec.model.objects.filter(status=status).select_related("table__project__unit__department")
        if tables is not None:
            qs = qs.filter(table__in=tables)
        if first is not None:
            qs = qs.order_by("table__project__name", "pk")[:first]
        out += [Subject(obj) for obj in qs]
    return out


def count_reports(tables, status, limit: int | None = None) -> int:
    """Reports and evaluations of ``tables`` (None: of every table, counted without reading the tables);
    each kind counted up to ``limit`` rows when one is given."""
    rows = [spec.model.objects.filter(status=status) for spec in report_kinds()]
    return sum((r if tables is None else r.filter(table__in=tables))[:limit].count() for r in rows)


def table_rows() -> Q:
    """Workflow rows about a target table itself."""
    return Q(subject_kind=Kind.TABLE)
