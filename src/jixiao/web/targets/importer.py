"""Storing a core ``Document`` in the database: all its tables or none, idempotent.

A table is identified by (用款单位, 项目名称, 预算年度). Re-importing the same content reports it as
unchanged; different content replaces the stored table (version + 1) and is recorded in the audit
trail with what it was before.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace

from functools import cache

from django.db import DataError, connection, transaction

from jixiao.core import validate
from jixiao.core.diff import TableDiff, diff_tables
from jixiao.core.model import Document, TargetTable as CoreTable
from jixiao.web import bulk
from jixiao.web.accounts.models import Department, Unit
from jixiao.web.audit import record
from jixiao.web.audit.models import Action, AuditEntry, ObjectKind
from jixiao.web.targets import convert
from jixiao.web.targets.models import Indicator, Project, TargetTable

CREATED, UPDATED, UNCHANGED = "created", "updated", "unchanged"
IMPORT_SOURCE = "导入 "  # the audit trail's source of an import starts with it, then the file name
OUTCOME_LABELS = {CREATED: "新增", UPDATED: "更新", UNCHANGED: "未变"}


class ImportRefused(Exception):
    """The document cannot be stored; the message names the table and what is wrong."""


@dataclass
class ImportReport:
    outcomes: list[tuple[str, CoreTable, int | None]] = field(default_factory=list)  # (outcome, table, id)
    diffs: dict[int, TableDiff] = field(default_factory=dict)  # outcome index → what an update changes

    def counts(self) -> Counter:
        return Counter(o for o, _, _ in self.outcomes)

    def summary(self) -> str:
        c = self.counts()
        return f"新增 {c[CREATED]} 张，更新 {c[UPDATED]} 张，未变 {c[UNCHANGED]} 张"


def prepare(doc: Document, *, unit: str | None = None, year: int | None = None,
            only_unit: str | None = None, start: int = 1, seen: dict | None = None) -> list[CoreTable]:
    """Apply --unit/--year overrides and check each table can be stored. Raises ImportRefused.
    A streamed import prepares its file in batches: ``start`` numbers the batch's first table and
    ``seen`` carries the keys of the tables before it, so duplicates across batches are found."""
    where = doc.file or "文件"
    if not doc.tables:
        raise ImportRefused(f"{where}：没有读到任何项目绩效目标表")
    tables = [replace(t, unit=unit or t.unit, year=year or t.year) for t in doc.tables]
    if problems := validate.problems(tables, columns(), doc.file, start):
        raise ImportRefused(validate.summary(problems))
    seen = {} if seen is None else seen
    for n, t in enumerate(tables, start):
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
    return tables


@cache
def columns() -> validate.Columns:
    """What the database columns hold, read from the models (the one place that says it)."""
    def length(model, name):
        return model._meta.get_field(name).max_length

    def number(model, name):
        f = model._meta.get_field(name)
        return validate.Number(f.max_digits, f.decimal_places)

    return validate.Columns(
        name=length(Project, "name"),
        type=length(Project, "type"), level=length(Project, "level"), department=length(Department, "name"),
        unit=length(Unit, "name"), level1=length(Indicator, "level1"), level2=length(Indicator, "level2"),
        indicator_name=length(Indicator, "name"), target_op=length(Indicator, "annual_op"),
        target_unit=length(Indicator, "annual_unit"), budget=number(TargetTable, "budget"),
        target_number=number(Indicator, "annual_value"),
    )


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


LOOKUP = 1000  # names per lookup query (well under SQLite's variable limit)


def _existing_projects(tables: list[CoreTable], units: dict[str, Unit]) -> dict[tuple[int, str], Project]:
    names = sorted({t.name for t in tables})
    unit_ids = {u.id for u in units.values()}
    found = {}
    for i in range(0, len(names), LOOKUP):
        for p in Project.objects.filter(name__in=names[i:i + LOOKUP]):
            if p.unit_id in unit_ids:
                found[(p.unit_id, p.name)] = p
    return found


def _existing_tables(projects: dict, years: set[int]) -> tuple[dict, dict[int, list[Indicator]]]:
    """Stored tables of these projects and years by (project id, year), and their indicator rows."""
    ids = sorted(p.id for p in projects.values())
    existing: dict[tuple[int, int], TargetTable] = {}
    for i in range(0, len(ids), LOOKUP):
        for x in (TargetTable.objects.filter(project_id__in=ids[i:i + LOOKUP], year__in=years)
                  .select_related("project__unit__department")):
            existing[(x.project_id, x.year)] = x
    table_ids = sorted(x.id for x in existing.values())
    rows: dict[int, list[Indicator]] = {}
    for i in range(0, len(table_ids), LOOKUP):
        for row in Indicator.objects.filter(table_id__in=table_ids[i:i + LOOKUP]).order_by("table_id", "position"):
            rows.setdefault(row.table_id, []).append(row)
    return existing, rows


def _insert_indicators(items: list[tuple[int, CoreTable]]) -> None:
    if connection.vendor == "postgresql":
        bulk.CopyWriter(Indicator, convert.INDICATOR_COLUMNS).write(
            convert.indicator_copy_line(table_id, pos, ind)
            for table_id, t in items for pos, ind in enumerate(t.indicators, 1)
        )
    else:
        bulk.insert(Indicator, ({"table_id": table_id, **convert.indicator_fields(pos, ind)}
                                for table_id, t in items for pos, ind in enumerate(t.indicators, 1)))


def store(tables: list[CoreTable], *, user=None, source: str = "") -> ImportReport:
    """Write prepared tables in one transaction; see the module docstring."""
    try:
        return _store(tables, user=user, source=source)
    except DataError:  # validate.problems should have caught it; never a traceback all the same
        raise ImportRefused(f"{source or '文件'}：数据库拒绝保存其中的某个值（超出字段范围），未导入任何表") from None


def _store(tables: list[CoreTable], *, user=None, source: str = "") -> ImportReport:
    report = ImportReport()
    user = _user(user)
    user_id = user.id if user is not None else None
    with transaction.atomic():
        units = _units(tables)
        projects = _existing_projects(tables, units)
        new_projects = {}
        for t in tables:
            key = (units[t.unit].id, t.name)
            if key not in projects and key not in new_projects:
                new_projects[key] = {"unit_id": key[0], "name": t.name, **_project_fields(t)}
        project_ids = {key: p.id for key, p in projects.items()}
        project_ids.update(zip(new_projects, bulk.insert_returning_ids(Project, list(new_projects.values()))))
        existing, old_rows = _existing_tables(projects, {t.year for t in tables}) if projects else ({}, {})

        fresh, plan = [], []  # plan: (outcome, core table, table id, stored table or None, before)
        for t in tables:
            key = (units[t.unit].id, t.name)
            current = existing.get((project_ids[key], t.year))
            if current is None:
                fresh.append({"project_id": project_ids[key], "year": t.year, "source_file": source[:300],
                              "updated_by_id": user_id, **convert.table_columns(t)})
                plan.append([CREATED, t, None, None, None])
                continue
            before = convert.core_table(current, old_rows.get(current.id, []))
            if before == replace(t, department=before.department):  # a unit keeps its department
                plan.append([UNCHANGED, t, current.id, current, None])
                continue
            if reason := current.locked_reason:
                raise ImportRefused(f"《{t.name}》（{t.year}年）{reason}，不能用导入覆盖")
            project = projects[key]
            for k, v in _project_fields(t).items():
                setattr(project, k, v)
            project.save()
            for k, v in convert.table_columns(t).items():
                setattr(current, k, v)
            current.version += 1
            current.updated_by = user
            current.source_file = source[:300]
            current.save()
            plan.append([UPDATED, t, current.id, current, before])

        fresh_ids = iter(bulk.insert_returning_ids(TargetTable, fresh))
        for step in plan:
            if step[0] == CREATED:
                step[2] = next(fresh_ids)
        written = [step for step in plan if step[0] != UNCHANGED]
        Indicator.objects.filter(table_id__in=[s[2] for s in written if s[0] == UPDATED]).delete()
        _insert_indicators([(table_id, t) for _, t, table_id, _, _ in written])
        label = f"{IMPORT_SOURCE}{source}"[:100]
        bulk.insert(AuditEntry, (
            {"table_id": table_id, "object_kind": ObjectKind.TABLE, "object_id": table_id,
             "object_label": t.name[:300], "action": Action.CREATE, "user_id": user_id, "version": 1,
             "source": label, "before": None, "after": convert.table_snapshot(t)}
            for outcome, t, table_id, _, _ in written if outcome == CREATED
        ))
        record.save(
            record.entry(table_id, ObjectKind.TABLE, Action.CHANGE, user=user, obj_id=table_id, label=t.name,
                         version=current.version, source=label, before=convert.table_snapshot(before),
                         after=convert.table_snapshot(t))
            for outcome, t, table_id, current, before in written if outcome == UPDATED
        )
        report.outcomes = [(outcome, t, table_id) for outcome, t, table_id, _, _ in plan]
        report.diffs = {n: diff_tables(before, replace(t, department=before.department))
                        for n, (outcome, t, _, _, before) in enumerate(plan) if outcome == UPDATED}
    return report


def _user(user):
    return user if user is not None and user.is_authenticated else None


def import_document(doc: Document, *, unit=None, year=None, only_unit=None, user=None, source="") -> ImportReport:
    return store(prepare(doc, unit=unit, year=year, only_unit=only_unit), user=user, source=source or doc.file or "")
