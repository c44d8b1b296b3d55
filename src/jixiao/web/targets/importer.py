"""Storing a core ``Document`` in the database: all its tables or none, idempotent.

A table is identified by (用款单位, 项目名称, 预算年度). Re-importing the same content reports it as
unchanged; different content replaces the stored table (version + 1) and is recorded in the audit
trail with what it was before.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace

from django.db import transaction

from jixiao.core.model import Document, TargetTable as CoreTable
from jixiao.web import bulk
from jixiao.web.accounts.models import Department, Unit
from jixiao.web.audit import record
from jixiao.web.audit.models import Action, ObjectKind
from jixiao.web.targets import access, convert
from jixiao.web.targets.models import Indicator, Project, TargetTable

CREATED, UPDATED, UNCHANGED = "created", "updated", "unchanged"
OUTCOME_LABELS = {CREATED: "新增", UPDATED: "更新", UNCHANGED: "未变"}


class ImportRefused(Exception):
    """The document cannot be stored; the message names the table and what is wrong."""


@dataclass
class ImportReport:
    outcomes: list[tuple[str, CoreTable, int | None]] = field(default_factory=list)  # (outcome, table, id)

    def counts(self) -> Counter:
        return Counter(o for o, _, _ in self.outcomes)

    def summary(self) -> str:
        c = self.counts()
        return f"新增 {c[CREATED]} 张，更新 {c[UPDATED]} 张，未变 {c[UNCHANGED]} 张"


def prepare(doc: Document, *, unit: str | None = None, year: int | None = None,
            only_unit: str | None = None) -> list[CoreTable]:
    """Apply --unit/--year overrides and check each table can be stored. Raises ImportRefused."""
    tables, seen = [], {}
    where = doc.file or "文件"
    if not doc.tables:
        raise ImportRefused(f"{where}：没有读到任何项目绩效目标表")
    for n, t in enumerate(doc.tables, 1):
        t = replace(t, unit=unit or t.unit, year=year or t.year)
        label = f"{where} 第{n}张表《{t.name or '未命名'}》"
        if not t.name:
            raise ImportRefused(f"{label}：缺少项目名称")
        if not t.unit:
            raise ImportRefused(f"{label}：缺少用款单位（可用 --unit 指定）")
        if not t.year:
            raise ImportRefused(f"{label}：缺少预算年度（可用 --year 指定）")
        if only_unit is not None and t.unit != only_unit:
            raise ImportRefused(f"{label}：属于“{t.unit}”，您只能导入本单位（{only_unit}）的表")
        key = (t.unit, t.name, t.year)
        if key in seen:
            raise ImportRefused(f"{label}：与第{seen[key]}张表重复（同一单位、项目和年度）")
        seen[key] = n
        tables.append(t)
    return tables


def _units(tables: list[CoreTable]) -> dict[str, Unit]:
    dept_names = {t.department or t.unit for t in tables}
    depts = {d.name: d for d in Department.objects.filter(name__in=dept_names)}
    Department.objects.bulk_create([Department(name=n) for n in dept_names - depts.keys()])
    depts = {d.name: d for d in Department.objects.filter(name__in=dept_names)}
    unit_names = {t.unit for t in tables}
    units = {u.name: u for u in Unit.objects.filter(name__in=unit_names)}
    first = {}
    for t in tables:
        first.setdefault(t.unit, t.department or t.unit)
    Unit.objects.bulk_create(
        [Unit(name=n, department=depts[first[n]]) for n in unit_names - units.keys()]
    )
    return {u.name: u for u in Unit.objects.select_related("department").filter(name__in=unit_names)}


def _project_fields(t: CoreTable) -> dict:
    return {"type": t.type or "", "level": t.level or "", "period_start": t.period_start,
            "period_end": t.period_end}


def store(tables: list[CoreTable], *, user=None, source: str = "") -> ImportReport:
    """Write prepared tables in one transaction; see the module docstring."""
    report = ImportReport()
    with transaction.atomic():
        units = _units(tables)
        unit_ids = [u.id for u in units.values()]
        names = {t.name for t in tables}
        projects = {
            (p.unit_id, p.name): p
            for p in Project.objects.filter(unit_id__in=unit_ids, name__in=names)
        }
        new_projects = []
        for t in tables:
            key = (units[t.unit].id, t.name)
            if key not in projects:
                projects[key] = Project(unit=units[t.unit], name=t.name, **_project_fields(t))
                new_projects.append(projects[key])
        Project.objects.bulk_create(new_projects)

        project_ids = [p.id for p in projects.values()]
        years = {t.year for t in tables}
        existing = {
            (x.project_id, x.year): x
            for x in TargetTable.objects.filter(project_id__in=project_ids, year__in=years)
            .select_related("project__unit__department")
        }
        old_rows: dict[int, list[Indicator]] = {}
        for row in Indicator.objects.filter(table_id__in=[x.id for x in existing.values()]).order_by("position"):
            old_rows.setdefault(row.table_id, []).append(row)

        fresh, changed, plan = [], [], []
        for t in tables:
            project = projects[(units[t.unit].id, t.name)]
            current = existing.get((project.id, t.year))
            if current is None:
                obj = TargetTable(project=project, year=t.year, source_file=source[:300],
                                  updated_by=_user(user), **convert.table_columns(t))
                fresh.append(obj)
                plan.append((CREATED, t, obj, None))
                continue
            before = convert.core_table(current, old_rows.get(current.id, []))
            t_cmp = replace(t, department=before.department)  # a unit keeps its department
            if before == t_cmp:
                plan.append((UNCHANGED, t, current, None))
                continue
            if reason := access.locked_reason(current):
                raise ImportRefused(f"《{t.name}》（{t.year}年）{reason}，不能用导入覆盖")
            for k, v in _project_fields(t).items():
                setattr(project, k, v)
            project.save()
            for k, v in convert.table_columns(t).items():
                setattr(current, k, v)
            current.version += 1
            current.updated_by = _user(user)
            current.source_file = source[:300]
            changed.append(current)
            plan.append((UPDATED, t, current, before))

        TargetTable.objects.bulk_create(fresh)
        for obj in changed:
            obj.save()
        Indicator.objects.filter(table_id__in=[o.id for o in changed]).delete()
        bulk.insert(
            Indicator,
            ({"table_id": obj.pk, **convert.indicator_fields(pos, ind)}
            for outcome, t, obj, _ in plan if outcome != UNCHANGED
            for pos, ind in enumerate(t.indicators, 1)),
        )
        record.save(
            record.entry(
                obj.id, ObjectKind.TABLE, Action.CREATE if outcome == CREATED else Action.CHANGE,
                user=user, obj_id=obj.id, label=t.name, version=obj.version, source=f"导入 {source}",
                before=None if before is None else convert.table_snapshot(before),
                after=convert.table_snapshot(t),
            )
            for outcome, t, obj, before in plan if outcome != UNCHANGED
        )
        report.outcomes = [(outcome, t, obj.id) for outcome, t, obj, _ in plan]
    return report


def _user(user):
    return user if user is not None and user.is_authenticated else None


def import_document(doc: Document, *, unit=None, year=None, only_unit=None, user=None, source="") -> ImportReport:
    return store(prepare(doc, unit=unit, year=year, only_unit=only_unit), user=user, source=source or doc.file or "")
