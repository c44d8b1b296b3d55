"""Does every value of a document fit where it will be stored? Checked before anything is written.

Readers build the model from what a file says; a JSON file can say anything (``"budget": "NaN"``, a
200,000-character name, a 23-digit budget, a NUL character). ``problems`` compares each value with
the capacity of its column (``Columns``, which the web importer takes from the database models) and
with the few ranges the domain fixes (no negative budget, a plausible year), and names each problem
by file, table, row and field, in Chinese.
"""

from __future__ import annotations

import re

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from jixiao.core.model import CATEGORIES, DIRECTIONS, KINDS, Indicator, TargetTable, TargetValue

YEARS = range(1900, 2101)  # 预算年度 and 实施周期 years a table may carry


@dataclass(frozen=True)
class Number:
    """A decimal column: at most ``digits`` digits, ``places`` of them after the point."""

    digits: int
    places: int


@dataclass(frozen=True)
class Columns:
    """How much each stored field holds (characters for text, digits for numbers)."""

    name: int
    type: int
    level: int
    department: int
    unit: int
    level1: int
    level2: int
    indicator_name: int
    target_op: int
    target_unit: int
    budget: Number
    target_number: Number


class Location:
    """Where a value sits, for the message: file, table, row (indicator), field."""

    def __init__(self, file: str | None, n: int, table: TargetTable):
        name = table.name if isinstance(table.name, str) else ""
        self.table = f"{file or '文件'} 第{n}张表《{_short(name) or '未命名'}》"

    def row(self, i: int, ind: Indicator) -> str:
        line = getattr(ind.source, "line", None)
        name = ind.name if isinstance(ind.name, str) else ""
        where = f"第{i}个指标" + (f"（第{line}行）" if isinstance(line, int) else "")
        return f"{self.table} {where}「{_short(name)}」"


def _short(text: str, limit: int = 30) -> str:
    text = "".join("?" if c == "\x00" or "\ud800" <= c <= "\udfff" else c for c in text[:limit + 1])
    return text if len(text) <= limit else text[:limit] + "…"


_UNSTORABLE = re.compile("[\x00\ud800-\udfff]").search  # NUL and lone surrogates: one scan in C


def _text_problem(value: Any, limit: int | None = None) -> str | None:
    if not isinstance(value, str):
        return f"应为文字，实为 {type(value).__name__}"
    if _UNSTORABLE(value):
        return "含有数据库无法保存的字符（空字符或不成对的代理字符）"
    if limit is not None and len(value) > limit:
        return f"长 {len(value):,} 个字符，超过上限 {limit} 个字符"
    return None


def _digit_counts(value: Decimal) -> tuple[int, int]:
    """Digits before and after the point, trailing zeros dropped. Not ``normalize()``: it overflows on
    1E+99999999 and rounds 1E-99999999 to zero under the default context."""
    _, digits, exponent = value.as_tuple()
    text = "".join(map(str, digits))
    significant = text.rstrip("0")
    if not significant:
        return 0, 0
    exponent += len(text) - len(significant)
    return max(0, len(significant) + exponent), max(0, -exponent)


def _number_problem(value: Any, column: Number, *, minimum: Decimal | None = None) -> str | None:
    if isinstance(value, bool) or not isinstance(value, (Decimal, int)):
        return f"应为数字，实为 {type(value).__name__}"
    value = Decimal(value)
    if not value.is_finite():
        return f"“{value}”不是有效的数字"
    if minimum is not None and value < minimum:
        return f"不能小于 {minimum}（实为 {value}）"
    whole, places = _digit_counts(value)
    if whole > column.digits - column.places or places > column.places:
        return (f"“{value}”超出范围：整数部分最多 {column.digits - column.places} 位，"
                f"小数最多 {column.places} 位")
    return None


def _year_problem(value: Any) -> str | None:
    if isinstance(value, bool) or not isinstance(value, int):
        return f"应为年份，实为 {type(value).__name__}"
    if value not in YEARS:
        return f"{value} 不是有效的年份（应在 {YEARS.start} 至 {YEARS.stop - 1} 之间）"
    return None


def _json_problems(value: Any, field: str) -> list[tuple[str, str]]:
    """Texts nested in JSON-stored values (composite parts, sections, warnings)."""
    if isinstance(value, str):
        problem = _text_problem(value)
        return [(field, problem)] if problem else []
    if isinstance(value, dict):
        value = value.values()
    elif not isinstance(value, (list, tuple)):
        return []
    found = []
    for v in value:
        if type(v) is not str:
            found += _json_problems(v, field)
        elif _UNSTORABLE(v):
            found.append((field, _text_problem(v)))
    return found


# Targets that fit, by their fields and the types of their fields (True == 1, but a bool is no number):
# a province's tables repeat a few thousand values, and a streamed import checks each once.
_FITTING: dict[tuple, Columns] = {}
_FITTING_LIMIT = 50_000


def _fitting_key(v: TargetValue) -> tuple | None:
    if v.parts:
        return None
    fields = (v.text, v.kind, v.direction, v.op, v.unit, v.value, v.upper, v.deadline, v.label, v.warning)
    return (*fields, *map(type, fields))


def _target_problems(v: TargetValue, field: str, columns: Columns) -> list[tuple[str, str]]:
    key = _fitting_key(v)
    try:
        if key is not None and _FITTING.get(key) is columns:
            return []
    except TypeError:  # unhashable: a list where text should be, a signalling NaN
        key = None
    found = _check_target(v, field, columns)
    if key is not None and not found:
        if len(_FITTING) >= _FITTING_LIMIT:
            _FITTING.clear()
        _FITTING[key] = columns
    return found


def _check_target(v: TargetValue, field: str, columns: Columns) -> list[tuple[str, str]]:
    found = []

    def check(label: str, problem: str | None) -> None:
        if problem:
            found.append((f"{field}{label}", problem))

    check("", _text_problem(v.text))
    check("的类型", None if v.kind in KINDS else f"“{v.kind}”不是可识别的类型")
    check("的方向", None if v.direction in DIRECTIONS else f"“{v.direction}”不是可识别的方向")
    if v.op is not None:
        check("的比较符", _text_problem(v.op, columns.target_op))
    if v.unit is not None:
        check("的计量单位", _text_problem(v.unit, columns.target_unit))
    for label, number in (("的数值", v.value), ("的上限", v.upper)):
        if number is not None:
            check(label, _number_problem(number, columns.target_number))
    if v.deadline is not None and not isinstance(v.deadline, date):
        check("的期限", "应为日期")
    for extra in (v.label, v.warning):
        if extra is not None:
            check("", _text_problem(extra))
    for part in v.parts:
        found += _target_problems(part, field, columns) if isinstance(part, TargetValue) else [(field, "组成部分无效")]
    return found


def _table_problems(t: TargetTable, columns: Columns) -> list[tuple[str, str]]:
    found = []

    def check(field: str, problem: str | None) -> None:
        if problem:
            found.append((field, problem))

    for field, value, limit in (("项目名称", t.name, columns.name), ("项目类型", t.type, columns.type),
                                ("项目等级", t.level, columns.level), ("主管部门", t.department, columns.department),
                                ("用款单位", t.unit, columns.unit)):
        check(field, _text_problem(value, limit))
    for field, value in (("预算年度", t.year), ("起始年度", t.period_start), ("到期年度", t.period_end)):
        if value is not None:
            check(field, _year_problem(value))
    if t.budget is not None:
        check("年度预算金额（元）", _number_problem(t.budget, columns.budget, minimum=Decimal(0)))
    check("实施周期总目标", _text_problem(t.goals.period))
    check("年度目标", _text_problem(t.goals.annual))
    found += _json_problems([[s.level1, s.level2, s.category] for s in t.sections], "二级指标")
    found += _json_problems([w.message for w in t.warnings], "读取警告")
    return found


def _indicator_problems(ind: Indicator, columns: Columns) -> list[tuple[str, str]]:
    found = []
    level1, level2, name = ind.level1, ind.level2, ind.name
    if not (type(level1) is type(level2) is type(name) is str and len(level1) <= columns.level1
            and len(level2) <= columns.level2 and len(name) <= columns.indicator_name
            and not _UNSTORABLE(level1 + level2 + name)):  # else all three fit
        for field, value, limit in (("一级指标", level1, columns.level1), ("二级指标", level2, columns.level2),
                                    ("三级指标", name, columns.indicator_name)):
            if problem := _text_problem(value, limit):
                found.append((field, problem))
    if ind.category not in (None, "", *CATEGORIES):
        found.append(("指标类别", f"“{_short(str(ind.category))}”不是可识别的类别"))
    for field, target in (("实施周期指标值", ind.period_target), ("当年度指标值", ind.annual_target)):
        if target is not None:
            found += _target_problems(target, field, columns)
    return found


def problems(tables: list[TargetTable], columns: Columns, file: str | None = None, start: int = 1) -> list[str]:
    """Every value that would not be stored as it is, one Chinese line each (empty: all fit).
    ``start``: the number of the first table in its file (a batch of a streamed import)."""
    lines = []
    for n, t in enumerate(tables, start):
        where = Location(file, n, t)
        lines += [f"{where.table} {field}：{problem}" for field, problem in _table_problems(t, columns)]
        for i, ind in enumerate(t.indicators, 1):
            lines += [f"{where.row(i, ind)} {field}：{problem}" for field, problem in _indicator_problems(ind, columns)]
    return lines


def summary(lines: list[str]) -> str:
    """One line: the first problem, and how many more there are."""
    return lines[0] + (f"（另有 {len(lines) - 1} 处问题）" if len(lines) > 1 else "")
