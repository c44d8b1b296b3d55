"""The one bridge between library rows and the core: entries, and project years with their results."""

from __future__ import annotations

from jixiao.core.library import Library, LibraryEntry
from jixiao.core.library.jsonform import entry_from_dict, entry_to_dict
from jixiao.core.library.record import ProjectRecord
from jixiao.web.library.models import Entry
from jixiao.web.monitoring.models import SelfEvaluation
from jixiao.web.targets.convert import core_table
from jixiao.web.targets.models import TargetTable

# Entry fields that the core's JSON form names alike.
FIELDS = [
    f.name
    for f in Entry._meta.get_fields()
    if f.concrete and f.name in entry_to_dict(LibraryEntry(code="x", name="x", category="quantity"))
]


def entry_dict(row: Entry) -> dict:
    d = {name: getattr(row, name) for name in FIELDS}
    d["unit"] = row.unit or None
    return d


def core_entry(row: Entry) -> LibraryEntry:
    return entry_from_dict(entry_dict(row), where=f"条目 {row.code}")


def core_library(rows=None) -> Library:
    rows = Entry.objects.all() if rows is None else rows
    return Library([core_entry(r) for r in rows])


def row_fields(entry: LibraryEntry) -> dict:
    """The columns of a row holding ``entry``."""
    d = entry_to_dict(entry)
    d = {name: d[name] for name in FIELDS}
    d["unit"] = d["unit"] or ""
    return d


def project_record(table: TargetTable) -> ProjectRecord:
    """A stored table as a year of its project: its self-evaluation's actuals, money spent, score, grade."""
    evaluation = SelfEvaluation.objects.filter(table=table).first()
    actuals, spent, score, grade = {}, None, None, None
    if evaluation is not None:
        entries = evaluation.entries.select_related("indicator")
        actuals = {e.indicator.name: e.actual or e.get_rating_display() for e in entries if e.actual or e.rating}
        spent, score, grade = evaluation.spent, evaluation.total, evaluation.grade or None
    sample = hasattr(table, "sample_mark")
    return ProjectRecord(core_table(table), actuals, spent=spent, score=score, grade=grade, sample=sample)
