"""The 指标库 as JSON: ``{"entries": [{...}]}``, read back with a Chinese error naming the entry and field.

``uses`` and ``typical_target`` are written for readers' convenience and ignored on input (they
follow from ``usage``). JSON → library → JSON is lossless.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from jixiao.core.categories import category_of
from jixiao.core.model import ReadError

from .entry import LibraryEntry, Use, check_entry
from .library import Library

_TEXT_FIELDS = (
    "level1",
    "level2",
    "definition",
    "formula",
    "scoring",
    "data_source",
    "reference_value",
    "reference_basis",
    "source_document",
    "text_source",
)
_LIST_FIELDS = ("aliases", "project_types", "industries", "functional_classes")
_CHOICE_FIELDS = ("status", "value_type", "direction", "source")
_USE_FIELDS = ("project", "org", "name", "target", "actual", "project_type")


def use_to_dict(use: Use) -> dict:
    d: dict[str, Any] = {"project": use.project, "org": use.org, "year": use.year, "project_type": use.project_type}
    d.update(name=use.name, target=use.target)
    if use.actual:
        d["actual"] = use.actual
    return d


def entry_to_dict(entry: LibraryEntry) -> dict:
    d: dict[str, Any] = {
        "code": entry.code,
        "version": entry.version,
        "status": entry.status,
        "level1": entry.level1,
        "level2": entry.level2,
        "category": entry.category,
        "name": entry.name,
        "aliases": list(entry.aliases),
        "definition": entry.definition,
        "formula": entry.formula,
        "value_type": entry.value_type,
        "unit": entry.unit,
        "direction": entry.direction,
        "scoring": entry.scoring,
        "data_source": entry.data_source,
        "reference_value": entry.reference_value,
        "reference_basis": entry.reference_basis,
        "project_types": list(entry.project_types),
        "industries": list(entry.industries),
        "functional_classes": list(entry.functional_classes),
        "valid_from": entry.valid_from,
        "valid_to": entry.valid_to,
        "source": entry.source,
        "source_document": entry.source_document,
        "text_source": entry.text_source,
        "locked": entry.locked,
        "uses": entry.uses,
        "typical_target": entry.typical_target,
        "usage": [use_to_dict(u) for u in entry.usage],
    }
    return d


def library_to_dict(library: Library) -> dict:
    return {"entries": [entry_to_dict(e) for e in library.entries]}


def dumps(library: Library) -> str:
    return json.dumps(library_to_dict(library), ensure_ascii=False, indent=2)


class _Reader:
    def __init__(self, file: str | None):
        self.file = file

    def fail(self, where: str, message: str):
        raise ReadError(f"{where}：{message}", self.file)

    def text(self, d: dict, key: str, where: str, required: bool = False) -> str:
        value = d.get(key)
        if value is None:
            if required:
                self.fail(where, f"缺少“{key}”")
            return ""
        if not isinstance(value, str):
            self.fail(where, f"“{key}”应为文字")
        return value.strip()

    def year(self, d: dict, key: str, where: str) -> int | None:
        value = d.get(key)
        if value is None or value == "":
            return None
        if isinstance(value, bool) or not isinstance(value, int) or not 1900 <= value <= 2200:
            self.fail(where, f"“{key}”应为四位年份，而不是 {value!r}")
        return value

    def strings(self, d: dict, key: str, where: str) -> tuple[str, ...]:
        value = d.get(key) or []
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.fail(where, f"“{key}”应为文字列表")
        return tuple(v.strip() for v in value if v.strip())

    def use(self, d: Any, where: str) -> Use:
        if not isinstance(d, dict):
            self.fail(where, "应为对象")
        texts = {key: self.text(d, key, where) for key in _USE_FIELDS}
        return Use(year=self.year(d, "year", where), **texts)

    def entry(self, d: Any, where: str) -> LibraryEntry:
        if not isinstance(d, dict):
            self.fail(where, "应为对象")
        name = self.text(d, "name", where, required=True)
        where = f"{where}（{name}）"
        texts = {key: self.text(d, key, where) for key in _TEXT_FIELDS}
        category = self.text(d, "category", where) or category_of(texts["level1"], texts["level2"]) or ""
        version = d.get("version", 1)
        if isinstance(version, bool) or not isinstance(version, int):
            self.fail(where, f"“version”应为正整数，而不是 {version!r}")
        locked = d.get("locked", False)
        if not isinstance(locked, bool):
            self.fail(where, "“locked”应为 true 或 false")
        usage = d.get("usage") or []
        if not isinstance(usage, list):
            self.fail(where, "“usage”应为列表")
        unit = self.text(d, "unit", where) or None
        choices = {key: self.text(d, key, where) for key in _CHOICE_FIELDS}
        entry = LibraryEntry(
            code=self.text(d, "code", where, required=True),
            name=name,
            category=category,
            version=version,
            unit=unit,
            locked=locked,
            valid_from=self.year(d, "valid_from", where),
            valid_to=self.year(d, "valid_to", where),
            usage=tuple(self.use(u, f"{where} usage 第{n}项") for n, u in enumerate(usage, 1)),
            **{key: value for key, value in choices.items() if value},
            **{key: self.strings(d, key, where) for key in _LIST_FIELDS},
            **texts,
        )
        problems = check_entry(entry)
        if problems:
            self.fail(where, "；".join(problems))
        return entry


def entry_from_dict(d: Any, where: str = "条目", file: str | None = None) -> LibraryEntry:
    """One entry from its JSON form (a database row's fields, a form's data); ReadError if invalid."""
    return _Reader(file).entry(d, where)


def library_from_dict(d: Any, file: str | None = None) -> Library:
    reader = _Reader(file)
    if not isinstance(d, dict) or not isinstance(d.get("entries"), list):
        reader.fail("指标库", "应为 {\"entries\": [...]} 形式的对象")
    entries = [reader.entry(e, f"第{n}条指标") for n, e in enumerate(d["entries"], 1)]
    seen: dict[str, int] = {}
    for n, entry in enumerate(entries, 1):
        if entry.code in seen:
            reader.fail(f"第{n}条指标（{entry.name}）", f"指标编码“{entry.code}”与第{seen[entry.code]}条重复")
        seen[entry.code] = n
    return Library(entries)


def loads(text: str, file: str | None = None) -> Library:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as e:
        raise ReadError(f"不是有效的 JSON（第{e.lineno}行第{e.colno}列）", file, e.lineno) from None
    return library_from_dict(data, file)


def load(path: str | Path) -> Library:
    """Read a library file written by ``jixiao library build``."""
    from jixiao.core.io import decode_text
    from jixiao.core.limits import read_source

    path = Path(path)
    try:
        data = read_source(path)
    except FileNotFoundError:
        raise ReadError("文件不存在", str(path)) from None
    except IsADirectoryError:
        raise ReadError("这是一个目录，不是文件", str(path)) from None
    except OSError as e:
        raise ReadError(f"无法读取文件：{e.strerror}", str(path)) from None
    text, _ = decode_text(data, str(path))
    return loads(text, str(path))
