"""Database rows ⇄ the core interchange model (``jixiao.core.model``), in one place."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from jixiao.core.jsonio import target_from_dict, target_to_dict
from jixiao.core.model import Goals, Indicator as CoreIndicator, Section, TargetTable as CoreTable, TargetValue
from jixiao.core.numbers import canonical, exact
from jixiao.web import bulk
from jixiao.web.targets.models import TARGET_PREFIXES, Indicator, TargetTable


def plain_decimal(d: Decimal | None) -> Decimal | None:
    """Drop the storage scale: 80.000000 → 80, 0.500000 → 0.5 (never 1E+2)."""
    return None if d is None else canonical(d)


def _extra(v: TargetValue) -> dict:
    """Composite parts, label and warning, as the core JSON writes them; empty for plain values."""
    extra = {}
    if v.parts:
        extra["parts"] = [target_to_dict(replace(p, source=None)) for p in v.parts]
    if v.label:
        extra["label"] = v.label
    if v.warning:
        extra["warning"] = v.warning
    return extra


def target_columns(prefix: str, v: TargetValue | None) -> dict:
    """Model field values for one target (``prefix`` is 'period' or 'annual')."""
    if v is None:
        return {f"has_{prefix}": False, f"{prefix}_text": "", f"{prefix}_kind": "", f"{prefix}_op": "",
                f"{prefix}_value": None, f"{prefix}_upper": None, f"{prefix}_unit": "",
                f"{prefix}_direction": "", f"{prefix}_deadline": None, f"{prefix}_extra": {}}
    extra = _extra(v)
    return {
        f"has_{prefix}": True, f"{prefix}_text": v.text, f"{prefix}_kind": v.kind, f"{prefix}_op": v.op or "",
        f"{prefix}_value": v.value, f"{prefix}_upper": v.upper, f"{prefix}_unit": v.unit or "",
        f"{prefix}_direction": v.direction, f"{prefix}_deadline": v.deadline, f"{prefix}_extra": extra,
    }


def target_of(row: Indicator, prefix: str) -> TargetValue | None:
    """The target stored in the ``prefix`` columns, read back by the core JSON reader."""
    if not getattr(row, f"has_{prefix}"):
        return None

    def column(suffix: str):
        return getattr(row, f"{prefix}_{suffix}")

    stored = {
        "text": column("text"), "kind": column("kind") or "qualitative", "op": column("op") or None,
        "value": plain_decimal(column("value")), "upper": plain_decimal(column("upper")),
        "unit": column("unit") or None, "direction": column("direction") or "qualitative",
        "deadline": column("deadline") and column("deadline").isoformat(),
        **(column("extra") or {}),
    }
    return target_from_dict(stored, row.category or None)


def indicator_fields(position: int, ind: CoreIndicator) -> dict:
    """Indicator column values (without the table) for a core indicator."""
    fields = {"position": position, "level1": ind.level1 or "", "level2": ind.level2 or "",
              "category": ind.category or "", "name": ind.name}
    for prefix in TARGET_PREFIXES:
        fields.update(target_columns(prefix, getattr(ind, f"{prefix}_target")))
    return fields


TARGET_SUFFIXES = ("text", "kind", "op", "value", "upper", "unit", "direction", "deadline", "extra")
INDICATOR_COLUMNS = ["table_id", "position", "level1", "level2", "category", "name", "has_period", "has_annual",
                     *(f"{p}_{s}" for p in TARGET_PREFIXES for s in TARGET_SUFFIXES)]
_NO_TARGET = "\t".join(["", "", "", bulk.NULL, bulk.NULL, "", "", bulk.NULL, "{}"])


def _target_copy(v: TargetValue | None) -> str:
    """The TARGET_SUFFIXES columns of ``target_columns`` as COPY text, strings not escaped."""
    if v is None:
        return _NO_TARGET
    return (f"{v.text}\t{v.kind}\t{v.op or ''}\t{bulk.NULL if v.value is None else v.value}\t"
            f"{bulk.NULL if v.upper is None else v.upper}\t{v.unit or ''}\t{v.direction}\t"
            f"{bulk.NULL if v.deadline is None else v.deadline.isoformat()}\t"
            f"{bulk.json_text(_extra(v)) if v.parts or v.label or v.warning else '{}'}")


def indicator_copy_line(table_id: int, position: int, ind: CoreIndicator) -> str:
    """``indicator_fields`` of one indicator as a line of COPY text in INDICATOR_COLUMNS order."""
    p, a = ind.period_target, ind.annual_target
    strings = f"{ind.level1}{ind.level2}{ind.category}{ind.name}"
    for v in (p, a):
        if v is not None:
            strings += f"{v.text}{v.kind}{v.op}{v.unit}{v.direction}"
    if bulk.needs_escape(strings):  # rare: the general path escapes field by field
        fields = indicator_fields(position, ind)
        return f"{table_id}\t" + "\t".join(
            bulk.json_text(fields[c]) if c.endswith("_extra") else bulk.value_text(fields[c])
            for c in INDICATOR_COLUMNS[1:])
    return (f"{table_id}\t{position}\t{ind.level1 or ''}\t{ind.level2 or ''}\t{ind.category or ''}\t{ind.name}\t"
            f"{'f' if p is None else 't'}\t{'f' if a is None else 't'}\t{_target_copy(p)}\t{_target_copy(a)}")


def core_indicator(row: Indicator) -> CoreIndicator:
    return CoreIndicator(
        level1=row.level1, level2=row.level2, category=row.category or None, name=row.name,
        period_target=target_of(row, "period"), annual_target=target_of(row, "annual"),
    )


def core_table(table: TargetTable, indicators=None) -> CoreTable:
    """The interchange model of a stored table (``indicators`` may be given pre-fetched, in order)."""
    project = table.project
    rows = list(table.indicators.all()) if indicators is None else indicators
    return CoreTable(
        name=project.name, type=project.type, level=project.level,
        department=project.unit.department.name, unit=project.unit.name,
        period_start=project.period_start, period_end=project.period_end, year=table.year,
        budget=plain_decimal(table.budget),
        goals=Goals(period=table.goal_period, annual=table.goal_annual),
        indicators=[core_indicator(r) for r in sorted(rows, key=lambda r: r.position)],
        sections=[Section(*s) for s in table.sections],
        # No reader warnings: they point into the file the table was once read from ("第231行…"), which
        # no download, snapshot or diff of the stored table is; the table page shows them from the row.
    )


def table_columns(t: CoreTable) -> dict:
    """TargetTable field values taken from a core table (project and unit are handled by the caller)."""
    return {
        "budget": t.budget,
        "goal_period": t.goals.period or "",
        "goal_annual": t.goals.annual or "",
        "sections": [[s.level1, s.level2, s.category] for s in t.sections],
        "warnings": [{"line": w.line, "message": w.message} | ({"part": w.part} if w.part else {}) for w in t.warnings],
    }


def describe_target(v: TargetValue | None) -> str:
    return "" if v is None else v.text


def indicator_snapshot(ind: CoreIndicator | Indicator) -> dict:
    """What the audit trail records of an indicator: readable, keyed by official terms."""
    if isinstance(ind, Indicator):
        ind = core_indicator(ind)
    return {
        "一级指标": ind.level1, "二级指标": ind.level2, "三级指标": ind.name,
        "实施周期指标值": describe_target(ind.period_target),
        "当年度指标值": describe_target(ind.annual_target),
    }


def table_snapshot(t: CoreTable, status: str | None = None) -> dict:
    """The audit record of a table: its facts, goals and (as one line each) its indicators."""
    snap = {
        "项目名称": t.name, "项目类型": t.type, "项目等级": t.level, "主管部门": t.department,
        "用款单位": t.unit, "起始年度": t.period_start, "到期年度": t.period_end, "预算年度": t.year,
        "年度预算金额（元）": exact(t.budget),
        "实施周期总目标": t.goals.period, "年度目标": t.goals.annual,
        "绩效指标": [
            f"{i.level2 or i.level1}／{i.name}：{describe_target(i.period_target)}｜{describe_target(i.annual_target)}"
            for i in t.indicators
        ],
    }
    if status is not None:
        snap["状态"] = status
    return snap
