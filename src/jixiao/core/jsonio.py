"""The core JSON form of target tables (documented in docs/json.md). JSON → model → JSON is lossless."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from typing import Any

from jixiao.core.model import (
    Document,
    Goals,
    Indicator,
    ReadError,
    ReadWarning,
    Section,
    Source,
    TargetTable,
    TargetValue,
)
from jixiao.core.numbers import exact, parse_decimal
from jixiao.core.targets import parse_target

FACTS = ("name", "type", "level", "department", "unit")


def _source_to_dict(source: Source | None) -> dict | None:
    if source is None:
        return None
    d = {"file": source.file, "line": source.line, "column": source.column}
    if source.part:
        d["part"] = source.part
    return d


def _warning_to_dict(w: ReadWarning) -> dict:
    return {"line": w.line, "message": w.message} | ({"part": w.part} if w.part else {})


def _warning(w: dict) -> ReadWarning:
    return ReadWarning(w.get("line"), w.get("message", ""), w.get("part"))


def target_to_dict(value: TargetValue | None) -> dict | None:
    if value is None:
        return None
    d: dict[str, Any] = {
        "text": value.text,
        "kind": value.kind,
        "op": value.op,
        "value": exact(value.value),
        "upper": exact(value.upper),
        "unit": value.unit,
        "direction": value.direction,
        "deadline": value.deadline.isoformat() if value.deadline else None,
    }
    if value.parts:
        d["parts"] = [target_to_dict(p) for p in value.parts]
    if value.label is not None:
        d["label"] = value.label
    if value.warning:
        d["warning"] = value.warning
    if value.source is not None:
        d["source"] = _source_to_dict(value.source)
    return d


def indicator_to_dict(ind: Indicator, evaluation: bool = False) -> dict:
    d = {
        "level1": ind.level1,
        "level2": ind.level2,
        "category": ind.category,
        "name": ind.name,
        "period_target": target_to_dict(ind.period_target),
        "annual_target": target_to_dict(ind.annual_target),
    }
    if ind.weight is not None or evaluation:
        d["weight"] = exact(ind.weight)
    if evaluation:
        d.update(actual=ind.actual, score=exact(ind.score), deviation=ind.deviation)
    if ind.source is not None:
        d["source"] = _source_to_dict(ind.source)
    return d


def table_to_dict(t: TargetTable) -> dict:
    d: dict[str, Any] = {"kind": t.kind}
    d.update({key: getattr(t, key) for key in FACTS})
    d.update(
        period_start=t.period_start,
        period_end=t.period_end,
        year=t.year,
        budget=exact(t.budget),
        goals={"period": t.goals.period, "annual": t.goals.annual},
        indicators=[indicator_to_dict(i, t.kind == "self_evaluation") for i in t.indicators],
        sections=[{"level1": s.level1, "level2": s.level2, "category": s.category} for s in t.sections],
        warnings=[_warning_to_dict(w) for w in t.warnings],
    )
    if t.kind == "self_evaluation":
        d.update(execution=t.execution, published_total=exact(t.published_total), published_grade=t.published_grade)
    if t.confidence is not None:
        d.update(confidence=t.confidence, confidence_reasons=t.confidence_reasons)
    if t.source is not None:
        d["source"] = _source_to_dict(t.source)
    if t.sources:
        d["sources"] = {k: _source_to_dict(v) for k, v in t.sources.items()}
    return d


def document_to_dict(doc: Document) -> dict:
    d: dict[str, Any] = {"tables": [table_to_dict(t) for t in doc.tables]}
    if doc.warnings:
        d["warnings"] = [_warning_to_dict(w) for w in doc.warnings]
    return d


def dumps(doc: Document) -> str:
    return json.dumps(document_to_dict(doc), ensure_ascii=False, indent=2)


class _Reader:
    """Reads the JSON form back, naming the JSON path of anything malformed."""

    def __init__(self, file: str | None):
        self.file = file

    def fail(self, path: str, message: str):
        raise ReadError(f"{path}：{message}", self.file)

    def text(self, d: dict, key: str, path: str, default: str = "") -> str:
        value = d.get(key, default)
        if value is None:
            return default
        if not isinstance(value, str):
            self.fail(f"{path}.{key}", "应为文字")
        return value

    def integer(self, d: dict, key: str, path: str) -> int | None:
        value = d.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, (int, str)) or not str(value).isdigit():
            self.fail(f"{path}.{key}", f"应为年份数字，实为 {value!r}")
        return int(value)

    def decimal(self, value: Any, path: str) -> Decimal | None:
        if value is None:
            return None
        number = parse_decimal(value) if isinstance(value, (int, float, str, Decimal)) else None
        if number is None:
            self.fail(path, f"应为数字，实为 {value!r}")
        return number

    def source(self, value: Any) -> Source | None:
        if not isinstance(value, dict):
            return None
        return Source(value.get("file"), value.get("line"), value.get("column"), value.get("part"))

    def target(self, value: Any, path: str, category: str | None) -> TargetValue | None:
        if value is None:
            return None
        if isinstance(value, str):
            return parse_target(value, category) if value.strip() else None
        if not isinstance(value, dict):
            self.fail(path, "应为对象、文字或 null")
        text = self.text(value, "text", path)
        if "kind" not in value:  # hand-written JSON: only the text, parse it
            parsed = parse_target(text, category)
            parsed.source = self.source(value.get("source"))
            return parsed
        deadline = value.get("deadline")
        try:
            deadline = date.fromisoformat(deadline) if deadline else None
        except (TypeError, ValueError):
            self.fail(f"{path}.deadline", f"应为日期 YYYY-MM-DD，实为 {deadline!r}")
        parts = value.get("parts") or []
        if not isinstance(parts, list):
            self.fail(f"{path}.parts", "应为列表")
        return TargetValue(
            text=text,
            kind=self.text(value, "kind", path, "qualitative"),
            op=value.get("op"),
            value=self.decimal(value.get("value"), f"{path}.value"),
            upper=self.decimal(value.get("upper"), f"{path}.upper"),
            unit=value.get("unit"),
            direction=self.text(value, "direction", path, "qualitative"),
            deadline=deadline,
            parts=[self.target(p, f"{path}.parts[{i}]", category) for i, p in enumerate(parts)],
            label=value.get("label"),
            warning=value.get("warning"),
            source=self.source(value.get("source")),
        )

    def indicator(self, d: Any, path: str) -> Indicator:
        if not isinstance(d, dict):
            self.fail(path, "应为对象")
        from jixiao.core.categories import category_of

        level1 = self.text(d, "level1", path)
        level2 = self.text(d, "level2", path)
        category = d.get("category") or category_of(level1, level2)
        return Indicator(
            level1=level1,
            level2=level2,
            category=category,
            name=self.text(d, "name", path),
            period_target=self.target(d.get("period_target"), f"{path}.period_target", category),
            annual_target=self.target(d.get("annual_target"), f"{path}.annual_target", category),
            source=self.source(d.get("source")),
            weight=_as_printed(d.get("weight")),
            actual=d["actual"] if isinstance(d.get("actual"), str) else None,
            score=_as_printed(d.get("score")),
            deviation=d.get("deviation") if isinstance(d.get("deviation"), str) else None,
        )

    def table(self, d: Any, path: str) -> TargetTable:
        if not isinstance(d, dict):
            self.fail(path, "应为对象")
        goals = d.get("goals") or {}
        if not isinstance(goals, dict):
            self.fail(f"{path}.goals", "应为对象 {\"period\", \"annual\"}")
        indicators = d.get("indicators") or []
        if not isinstance(indicators, list):
            self.fail(f"{path}.indicators", "应为列表")
        execution = d.get("execution")
        t = TargetTable(
            kind="self_evaluation" if d.get("kind") == "self_evaluation" else "targets",
            execution={k: v for k, v in execution.items() if isinstance(v, str) or v is None} if isinstance(execution, dict) else None,
            published_total=self.decimal(d.get("published_total"), f"{path}.published_total"),
            published_grade=d.get("published_grade") if isinstance(d.get("published_grade"), str) else None,
            **{key: self.text(d, key, path) for key in FACTS},
            period_start=self.integer(d, "period_start", path),
            period_end=self.integer(d, "period_end", path),
            year=self.integer(d, "year", path),
            budget=self.decimal(d.get("budget"), f"{path}.budget"),
            goals=Goals(self.text(goals, "period", f"{path}.goals"), self.text(goals, "annual", f"{path}.goals")),
            indicators=[self.indicator(x, f"{path}.indicators[{i}]") for i, x in enumerate(indicators)],
            sections=[
                Section(s.get("level1", ""), s.get("level2", ""), s.get("category"))
                for s in d.get("sections") or []
                if isinstance(s, dict)
            ],
            warnings=[
                _warning(w) for w in d.get("warnings") or [] if isinstance(w, dict)
            ],
            source=self.source(d.get("source")),
        )
        t.sources = {k: self.source(v) for k, v in (d.get("sources") or {}).items() if isinstance(v, dict)}
        return t


def _as_printed(value: Any) -> Decimal | None:
    """A weight or score as a table printed it; what is not a number is left to the scoring's checks."""
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        return None
    return parse_decimal(str(value))


JSON_SHAPE = 'JSON 顶层应为 {"tables": [...]}'


def document_from_dict(d: Any, file: str | None = None) -> Document:
    reader = _Reader(file)
    if isinstance(d, list):  # a bare list of tables
        d = {"tables": d}
    if not isinstance(d, dict) or not isinstance(d.get("tables"), list):
        raise ReadError(JSON_SHAPE, file, 1)
    doc = Document(file=file)
    doc.tables = [reader.table(t, f"tables[{i}]") for i, t in enumerate(d["tables"])]
    doc.warnings = [_warning(w) for w in d.get("warnings") or [] if isinstance(w, dict)]
    return doc


def table_from_dict(d: Any, file: str | None = None, path: str = "table") -> TargetTable:
    """One table in the JSON form; ``path`` names it in error messages (e.g. 'tables[3]')."""
    return _Reader(file).table(d, path)


def target_from_dict(d: Any, category: str | None = None, file: str | None = None) -> TargetValue | None:
    """One target in the JSON form (as ``target_to_dict`` writes it, or text to parse)."""
    return _Reader(file).target(d, "target", category)


_JSON_MESSAGES = {
    "Expecting value": "此处应有一个值",
    "Expecting ',' delimiter": "缺少逗号",
    "Expecting ':' delimiter": "缺少冒号",
    "Expecting property name enclosed in double quotes": "键名应使用双引号",
    "Unterminated string starting at": "字符串没有结束引号",
    "Extra data": "JSON 结束后还有多余内容",
    "Invalid control character at": "字符串中有控制字符",
}


def loads(text: str, file: str | None = None) -> Document:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as e:
        message = _JSON_MESSAGES.get(e.msg, e.msg)
        raise ReadError(f"JSON 格式错误：{message}（第{e.colno}列）", file, e.lineno) from None
    except RecursionError:  # e.g. 100,000 nested "[": Python's JSON parser recurses once per level
        raise ReadError("文件超出限制：JSON 嵌套层数过多", file, 1) from None
    try:
        return document_from_dict(data, file)
    except RecursionError:
        raise ReadError("文件超出限制：JSON 嵌套层数过多", file, 1) from None
