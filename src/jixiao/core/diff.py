"""What changed between two versions of one 项目绩效目标表: field by field, indicator by indicator.

One pure function, ``diff_tables(old, new)``, serves the import preview (stored → file), the
reviewer's view (last submission → this one) and the API. Values are compared as the table prints
them (the target as written), so the diff reads like the official table.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from jixiao.core.model import Indicator, TargetTable, TargetValue
from jixiao.core.numbers import grouped

ADDED, REMOVED, CHANGED = "added", "removed", "changed"
CHANGE_LABELS = {ADDED: "新增", REMOVED: "删除", CHANGED: "修改"}

# (label, how to read it from a table), in the order the official table prints them.
TABLE_FIELDS = (
    ("项目名称", lambda t: t.name),
    ("项目类型", lambda t: t.type),
    ("项目等级", lambda t: t.level),
    ("主管部门", lambda t: t.department),
    ("用款单位", lambda t: t.unit),
    ("起始年度", lambda t: t.period_start),
    ("到期年度", lambda t: t.period_end),
    ("预算年度", lambda t: t.year),
    ("年度预算金额（元）", lambda t: t.budget),
    ("实施周期总目标", lambda t: t.goals.period),
    ("年度目标", lambda t: t.goals.annual),
)
INDICATOR_FIELDS = (
    ("一级指标", lambda i: i.level1),
    ("二级指标", lambda i: i.level2),
    ("实施周期指标值", lambda i: i.period_target),
    ("当年度指标值", lambda i: i.annual_target),
)


def shown(value) -> str:
    """A value as the table prints it: a target as written, money grouped, nothing as ''."""
    if value is None:
        return ""
    if isinstance(value, TargetValue):
        return value.text
    if isinstance(value, int):
        return str(value)
    if not isinstance(value, str):  # Decimal
        return grouped(value)
    return value


@dataclass(frozen=True)
class FieldChange:
    label: str
    old: str
    new: str


@dataclass(frozen=True)
class IndicatorChange:
    change: str  # ADDED, REMOVED or CHANGED
    name: str  # 三级指标
    group: str  # its 二级指标 (else 一级) in the newer table (the older for a removed one)
    fields: tuple[FieldChange, ...] = ()  # CHANGED: what differs; ADDED/REMOVED: its targets (one side empty)

    @property
    def change_label(self) -> str:
        return CHANGE_LABELS[self.change]

    @property
    def heading(self) -> str:
        return f"{self.group}／{self.name}" if self.group else self.name


@dataclass(frozen=True)
class TableDiff:
    fields: tuple[FieldChange, ...] = ()
    indicators: tuple[IndicatorChange, ...] = ()
    reordered: bool = False  # the same indicators in another order
    notes: tuple[str, ...] = field(default=())  # differences the official table does not print as a value

    def __bool__(self) -> bool:
        return bool(self.fields or self.indicators or self.reordered or self.notes)

    def count(self, change: str) -> int:
        return sum(1 for i in self.indicators if i.change == change)

    def summary(self) -> str:
        """One line: '2 项信息修改；指标新增 1 项、删除 1 项、修改 2 项'."""
        parts = []
        if self.fields:
            parts.append(f"{len(self.fields)} 项基本信息修改")
        counts = [f"{CHANGE_LABELS[c]} {n} 项" for c in (ADDED, REMOVED, CHANGED) if (n := self.count(c))]
        if counts:
            parts.append("指标" + "、".join(counts))
        if self.reordered:
            parts.append("指标顺序调整")
        parts.extend(self.notes)
        return "；".join(parts) if parts else "没有变化"

    def lines(self) -> list[str]:
        """The whole diff as plain lines (command line, API): '年度目标：旧 → 新'."""
        out = [f"{f.label}：{f.old or '（空）'} → {f.new or '（空）'}" for f in self.fields]
        for i in self.indicators:
            detail = "，".join(f"{f.label} {f.old or '（空）'} → {f.new or '（空）'}" for f in i.fields)
            out.append(f"{i.change_label}指标 {i.heading}" + (f"：{detail}" if detail else ""))
        if self.reordered:
            out.append("指标顺序调整")
        out.extend(self.notes)
        return out

    def to_dict(self) -> dict:
        pair = lambda f: {"label": f.label, "old": f.old, "new": f.new}  # noqa: E731
        return {
            "summary": self.summary(),
            "fields": [pair(f) for f in self.fields],
            "indicators": [{"change": i.change, "name": i.name, "group": i.group, "fields": [pair(f) for f in i.fields]}
                           for i in self.indicators],
            "reordered": self.reordered,
            "notes": list(self.notes),
        }


def _changes(getters, old, new) -> tuple[FieldChange, ...]:
    out = []
    for label, get in getters:
        a, b = shown(get(old)), shown(get(new))
        if a != b:
            out.append(FieldChange(label, a, b))
    return tuple(out)


def _group(i: Indicator) -> str:
    return i.level2 or i.level1


def _pair(old: list[Indicator], new: list[Indicator]) -> list[int | None]:
    """For each new indicator, the index of the old one it continues (None: added).

    Same name in the same 二级指标 first, then the same name anywhere; repeated names pair in order.
    """
    taken: set[int] = set()
    match: list[int | None] = [None] * len(new)
    for same_group in (True, False):
        for n, ind in enumerate(new):
            if match[n] is not None:
                continue
            for o, before in enumerate(old):
                if o not in taken and before.name == ind.name and (not same_group or _group(before) == _group(ind)):
                    match[n] = o
                    taken.add(o)
                    break
    return match


def _target_fields(ind: Indicator, side: str) -> tuple[FieldChange, ...]:
    out = []
    for label, get in INDICATOR_FIELDS[2:]:
        value = shown(get(ind))
        if value:
            out.append(FieldChange(label, "" if side == "new" else value, value if side == "new" else ""))
    return tuple(out)


def diff_tables(old: TargetTable, new: TargetTable) -> TableDiff:
    """What changes when ``old`` becomes ``new`` (two versions of the same table)."""
    match = _pair(old.indicators, new.indicators)
    changes = []
    for n, ind in enumerate(new.indicators):
        o = match[n]
        if o is None:
            changes.append(IndicatorChange(ADDED, ind.name, _group(ind), _target_fields(ind, "new")))
        elif fields := _changes(INDICATOR_FIELDS, old.indicators[o], ind):
            changes.append(IndicatorChange(CHANGED, ind.name, _group(ind), fields))
    kept = set(m for m in match if m is not None)
    changes += [IndicatorChange(REMOVED, i.name, _group(i), _target_fields(i, "old"))
                for o, i in enumerate(old.indicators) if o not in kept]
    order = [m for m in match if m is not None]
    notes = []
    if old.sections != new.sections:
        notes.append("声明的二级指标有变化")
    diff = TableDiff(_changes(TABLE_FIELDS, old, new), tuple(changes), order != sorted(order), tuple(notes))
    if not diff and old != new:  # e.g. a target read differently under another category
        return TableDiff(notes=("指标的类别或解读有变化",))
    return diff
