"""Reader of published 项目绩效目标表 text: tab-separated cells, as PDF extraction leaves them.

Extraction damages the tables: rows shift left or right, a 一级/二级 label lands in another column,
a row keeps only one of its two target values, words are split by stray spaces, separator lines
appear. The reader repairs by general rules — the column layout announced by the indicator header
row and what each cell looks like (a label ends in 指标, a target parses as a target) — and reports
every repair as a warning with its line number. Every non-empty source cell ends up in the model or
in a warning.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, fields
from functools import lru_cache

from jixiao.core import categories
from jixiao.core.header_block import HeaderBlock, despace
from jixiao.core.model import (
    Document,
    Indicator,
    ReadError,
    ReadWarning,
    Section,
    Source,
    TargetTable,
    TargetValue,
)
from jixiao.core.targets import parse_target

TITLE = "项目绩效目标表"
_new_source = tuple.__new__  # _new_source(Source, (file, line, column, None)): without the Python-level __new__
_SEPARATOR_CHARS = "-=_—─━·."
_SEPARATOR = re.compile(r"^[-=_—─━·.\s]+$")


def split_line(line: str) -> list[str]:
    """The cells of one line, stripped. This is the whole of the 'read and split' floor."""
    return [c.strip() for c in line.rstrip("\r\n").split("\t")]


@dataclass
class _Columns:
    """Column positions announced by the indicator header row."""

    level1: int = 1
    level2: int = 2
    name: int = 3
    period: int | None = 4
    annual: int | None = 5


class _Builder:
    """One table being read: its header block, the indicator columns and the current labels."""

    def __init__(self, file: str | None, line: int):
        self.file = file
        self.line = line
        self.table = TargetTable(source=_new_source(Source, (file, line, None, None)))
        self.stage = "facts"  # facts → indicators
        self.header = HeaderBlock(self.table, file, goal_column=1)
        self.columns = _Columns()
        self.level1 = ""
        self.level2 = ""
        self.saw_header = False
        self.section_lines: list[int] = []
        self.section_keys: set[tuple[str, str]] = set()
        self.target_columns = [4, 5]

    def warn(self, line: int, message: str) -> None:
        self.table.warnings.append(ReadWarning(line, message))


def is_published_layout(text: str) -> bool:
    """Tab-separated text with the 项目绩效目标表 title and its indicator header (the layout PDF
    extraction of the common template leaves), which this reader's column repair is made for."""
    head = text[:200_000]
    return "\t" in head and TITLE in head and re.search(r"一级指标\t+二级指标\t+三级指标", head) is not None


def read_published(text: str, file: str | None = None) -> Document:
    """Read every table of a published document given as text."""
    doc = Document(file=file)
    for item in _read(text.splitlines(), file, doc.warnings):
        doc.tables.append(item)
    if not doc.tables:
        raise ReadError(f"没有找到“{TITLE}”：这不是一份项目绩效目标表文档", file, 1)
    return doc


def iter_tables(lines: Iterable[str], file: str | None = None, warnings: list | None = None) -> Iterator[TargetTable]:
    """Yield tables one by one from an iterable of lines (streaming: memory does not grow)."""
    yield from _read(lines, file, warnings if warnings is not None else [])


def _read(lines: Iterable[str], file: str | None, doc_warnings: list[ReadWarning]) -> Iterator[TargetTable]:
    builder: _Builder | None = None
    indicators = False  # builder.stage == "indicators"
    for number, raw in enumerate(lines, start=1):
        # (column, stripped text) of the non-blank cells; strip() also drops the line end
        filled = [(i, s) for i, c in enumerate(raw.split("\t")) if c and (s := c.strip())]
        if not filled:
            continue
        first = filled[0][1]
        if first[0] in _SEPARATOR_CHARS and all(_SEPARATOR.match(c) for _, c in filled):
            target = builder.table.warnings if builder else doc_warnings
            target.append(ReadWarning(number, f"分隔线“{' '.join(c for _, c in filled)}”，已忽略"))
            continue
        if TITLE in raw and any(categories.compact(c).endswith(TITLE) for _, c in filled):
            if builder:
                yield _finish(builder)
            builder = _Builder(file, number)
            indicators = False
            extra = [c for _, c in filled if not categories.compact(c).endswith(TITLE)]
            if extra:
                builder.warn(number, f"标题行中的其他文字未使用：{' '.join(extra)}")
            continue
        if indicators:
            if "项目名称" in raw and categories.compact(first) == "项目名称":
                yield _finish(builder)  # a new table whose title line was lost
                builder = _Builder(file, number)
                indicators = False
                builder.warn(number, f"缺少标题“{TITLE}”，从“项目名称”行开始新的一张表")
            elif "三级指标" not in raw:
                if not (3 <= len(filled) <= 5 and _clean_row(builder, number, filled)):
                    _indicator_row(builder, number, filled)
                continue
        elif builder is None:
            doc_warnings.append(ReadWarning(number, f"表格之前的文字，未使用：{' '.join(c for _, c in filled)}"))
            continue
        _feed(builder, number, filled, "三" in raw)
        indicators = builder.stage == "indicators"
    if builder:
        yield _finish(builder)


def _feed(b: _Builder, number: int, filled: list[tuple[int, str]], may_be_header: bool = True) -> None:
    """``may_be_header``: the line has a 三 (every indicator header row does)."""
    if may_be_header and _is_indicator_header(filled):
        _header(b, number, filled)
    elif b.stage == "indicators":
        if not (3 <= len(filled) <= 5 and _clean_row(b, number, filled)):
            _indicator_row(b, number, filled)
    else:
        if not b.header.read(filled, number):
            b.warn(number, f"未能识别的行，未使用：{' '.join(c for _, c in filled)}")


def _is_indicator_header(filled: list[tuple[int, str]]) -> bool:
    if not any("三级" in c or "三 级" in c for _, c in filled):
        return False
    keys = {categories.compact(c) for _, c in filled}
    return "三级指标" in keys and ("一级指标" in keys or "二级指标" in keys)


def _header(b: _Builder, number: int, filled: list[tuple[int, str]]) -> None:
    cols = _Columns(period=None, annual=None)
    for column, cell in filled:
        key = categories.compact(cell)
        if key == "一级指标":
            cols.level1 = column
        elif key == "二级指标":
            cols.level2 = column
        elif key == "三级指标":
            cols.name = column
        elif "实施周期" in key or "中期" in key:
            cols.period = column
        elif "年度" in key and "指标值" in key or key in ("指标值", "年度目标值"):
            cols.annual = column
    if cols.period is None and cols.annual is None:
        cols.period, cols.annual = cols.name + 1, cols.name + 2
        b.warn(number, "表头没有指标值列，按三级指标之后两列读取")
    b.columns = cols
    b.target_columns = [c for c in (cols.period, cols.annual) if c is not None]
    b.stage = "indicators"
    b.saw_header = True


def _split_labels(b: _Builder, filled: list[tuple[int, str]]) -> tuple[list[tuple[int, str, int]], list[tuple[int, str]]]:
    """Leading label cells as (column, text, level) and the remaining (column, text) cells."""
    labels: list[tuple[int, str, int]] = []
    count = len(filled)
    i = 0
    while i < count:
        column, text = filled[i]
        kinds = _label_kinds(text)
        if kinds is None:
            break
        one, two = kinds
        if one and two:  # 成本指标 / 满意度指标: valid at both levels
            after_level1 = any(level == 1 for _, _, level in labels)
            followed_by_level2 = i + 1 < count and categories.level2_category(filled[i + 1][1]) is not None
            level = 2 if after_level1 else 1 if followed_by_level2 or column <= b.columns.level1 else 2
        else:
            level = 1 if one else 2
        labels.append((column, text, level))
        i += 1
    return labels, filled[i:]


@lru_cache(maxsize=4096)
def _label_kinds(text: str) -> tuple[bool, bool] | None:
    """(a 一级 label, a 二级 label) for a label cell; None for a cell that is neither."""
    if not categories.is_label(text):
        return None
    one = categories.level1_block(text) is not None
    two = categories.level2_category(text) is not None
    return (one, two) if one or two else None


def _clean_row(b: _Builder, number: int, filled: list[tuple[int, str]]) -> bool:
    """The common case: labels, name and both targets exactly in their columns, nothing to repair.

    Returns False, having changed nothing, for any row that needs the general path.
    """
    cols = b.columns
    count = len(filled)
    (name_column, name), (period_column, period_text), (annual_column, annual_text) = filled[count - 3 :]
    if name_column != cols.name or period_column != cols.period or annual_column != cols.annual:
        return False
    level1, level2 = b.level1, b.level2
    if count > 3:  # 一级 in its column (and 二级 after it), or 二级 alone
        column, text = filled[0]
        if column == cols.level1:
            if " " in text or not categories.level1_block(text):
                return False
            level1, level2 = text, ""
            if count == 5:
                column, text = filled[1]
                if column != cols.level2 or " " in text or not categories.level2_category(text):
                    return False
                level2 = text
        elif count == 5 or column != cols.level2 or " " in text or not categories.level2_category(text):
            return False
        else:
            level2 = text
    if " " in name or " " in period_text or " " in annual_text or "\u3000" in name or "指标" in name:
        return False
    category = categories.category_of(level1, level2)
    if category is None:
        return False
    period = _parsed(period_text, category)
    annual = _parsed(annual_text, category)
    if period is not None and period[2] or annual is not None and annual[2]:
        return False  # a warning: the general path reports it
    if level1 != b.level1 or level2 != b.level2:
        b.level1, b.level2 = level1, level2
        _declare_section(b, number)
    file = b.file
    b.table.indicators.append(
        Indicator(
            level1,
            level2,
            category,
            name,
            _value(period, period_text, category, _new_source(Source, (file, number, period_column, None))),
            _value(annual, annual_text, category, _new_source(Source, (file, number, annual_column, None))),
            _new_source(Source, (file, number, name_column, None)),
        )
    )
    return True


# TargetValue's fields before ``parts``; its constructor takes them positionally, then parts, label,
# warning and source (_value relies on that order).
_TARGET_FIELDS = [f.name for f in fields(TargetValue)]
_HEAD = _TARGET_FIELDS[: _TARGET_FIELDS.index("parts")]
assert _TARGET_FIELDS[len(_HEAD) :] == ["parts", "label", "warning", "source"], _TARGET_FIELDS
_KIND = _HEAD.index("kind")


@lru_cache(maxsize=8192)
def _parsed(text: str, category: str | None) -> tuple[tuple, str | None, str | None] | None:
    """``parse_target(text, category)`` as (its fields before ``parts``, label, warning): tables
    repeat the same few values. None for a value with parts (each value needs parts of its own)."""
    value = parse_target(text, category)
    if value.parts:
        return None
    return tuple(getattr(value, name) for name in _HEAD), value.label, value.warning


def _value(parsed: tuple | None, text: str, category: str | None, source: Source) -> TargetValue:
    """A new TargetValue for ``text`` read at ``source``; ``parsed`` is ``_parsed(text, category)``."""
    if parsed is None:
        value = parse_target(text, category)
        value.source = source
        return value
    head, label, warning = parsed
    return TargetValue(*head, [], label, warning, source)


def _kind(text: str) -> str:
    parsed = _parsed(text, None)
    return "composite" if parsed is None else parsed[0][_KIND]


def _twin(value: TargetValue) -> TargetValue:
    """dataclasses.replace(value) without its per-call look-up of the fields."""
    return TargetValue(*[getattr(value, name) for name in _TARGET_FIELDS])


def _indicator_row(b: _Builder, number: int, filled: list[tuple[int, str]]) -> None:
    """Any row of the indicator block (the general path, after _clean_row)."""
    labels, rest = _split_labels(b, filled) if "指" in filled[0][1] else ((), filled)
    repairs: list[str] = []
    cols = b.columns
    for column, text, level in labels:
        clean = categories.compact(text)
        if clean != text:
            repairs.append(f"“{text}”中的多余空格已去除")
        if level == 1:
            b.level1, b.level2 = clean, ""
            if column != cols.level1:
                repairs.append(f"一级指标“{clean}”位于第{column + 1}列（应在第{cols.level1 + 1}列）")
        else:
            b.level2 = clean
            if column != cols.level2:
                repairs.append(f"二级指标“{clean}”位于第{column + 1}列（应在第{cols.level2 + 1}列）")
    if labels:
        _declare_section(b, number)
    if not rest:
        if repairs:
            b.warn(number, "；".join(repairs))
        return
    name_column, name = rest[0]
    targets = rest[1:]
    first_target_column = cols.period if cols.period is not None else cols.name + 1
    if name_column >= first_target_column and _kind(name) != "qualitative":
        targets, name, name_column = rest, "", None
        repairs.append("本行没有三级指标名称")
    fixed = despace(name)
    if fixed != name:
        repairs.append(f"“{name}”中的多余空格已去除")
        name = fixed
    expected = b.target_columns
    if len(targets) > len(expected):
        repairs.append(f"多出的单元格未使用：{' '.join(t for _, t in targets[len(expected):])}")
        targets = targets[: len(expected)]
    got = [c for c, _ in targets]
    if name_column != cols.name or got != expected[: len(got)]:
        repairs.extend(_alignment(cols, name, name_column, got, expected))
    category = categories.category_of(b.level1, b.level2)
    values = [_target(b, number, column, text, category, repairs) for column, text in targets]
    period = annual = None
    if len(expected) == 2:
        if len(values) == 2:
            period, annual = values
        elif len(values) == 1:
            period, annual = values[0], _twin(values[0])  # two values, not one object twice
            repairs.append(f"只有一个指标值“{values[0].text}”，已同时作为实施周期指标值和当年度指标值")
        else:
            repairs.append("没有指标值")
    elif values:
        annual = values[0]
        if cols.period is not None:
            period, annual = values[0], None
    if category is None:
        repairs.append(f"无法确定指标“{name}”的类别（一级“{b.level1}”，二级“{b.level2}”）")
    b.table.indicators.append(
        Indicator(b.level1, b.level2, category, name, period, annual, _new_source(Source, (b.file, number, name_column, None)))
    )
    if repairs:
        b.warn(number, "；".join(repairs))


def _alignment(cols: _Columns, name: str, name_column: int | None, got: list[int], expected: list[int]) -> list[str]:
    """Describe how a row's cells stood against the header's columns (they are re-aligned)."""
    name_shift = None if name_column is None else name_column - cols.name
    target_shifts = {g - e for g, e in zip(got, expected)}
    if name_shift and target_shifts <= {name_shift}:
        side = "右" if name_shift > 0 else "左"
        return [f"三级指标“{name}”等单元格整行向{side}错位{abs(name_shift)}列，已按表头对齐"]
    notes = []
    if name_shift:
        notes.append(f"三级指标“{name}”位于第{name_column + 1}列（应在第{cols.name + 1}列），已按表头对齐")
    if target_shifts - {0}:
        cells = "、".join(str(c + 1) for c in got)
        should = "、".join(str(c + 1) for c in expected[: len(got)])
        notes.append(f"指标值位于第{cells}列（应在第{should}列），已按表头对齐")
    return notes


def _target(b: _Builder, number: int, column: int, text: str, category: str | None, repairs: list[str]):
    fixed = despace(text)
    if fixed != text:
        repairs.append(f"“{text}”中的多余空格已去除")
    parsed = _parsed(fixed, category)
    value = _value(parsed, fixed, category, _new_source(Source, (b.file, number, column, None)))
    if value.warning:
        repairs.append(f"指标值“{fixed}”：{value.warning}")
    return value


def _declare_section(b: _Builder, number: int) -> None:
    key = (b.level1, b.level2)
    if key not in b.section_keys:
        b.section_keys.add(key)
        b.table.sections.append(Section(b.level1, b.level2, categories.category_of(b.level1, b.level2)))
        b.section_lines.append(number)


def _finish(b: _Builder) -> TargetTable:
    t = b.table
    if not t.name:
        b.warn(b.line, "表格缺少项目名称")
    if not b.saw_header:
        b.warn(b.line, "表格不完整：没有找到绩效指标部分（一级指标/二级指标/三级指标）")
    used = None
    for s, line in zip(t.sections, b.section_lines):
        if s.category == "satisfaction":
            if used is None:
                used = {(i.level1, i.level2) for i in t.indicators}
            if (s.level1, s.level2) not in used:
                b.warn(line, f"“{s.level2 or s.level1}”下没有三级指标")
    if t.year is None and t.period_end is not None and t.period_start == t.period_end:
        t.year = t.period_end
    return t
