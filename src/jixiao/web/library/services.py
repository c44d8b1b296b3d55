"""Changing the library: the core set, entries built from stored tables, proposals, decisions, edits."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from django.db import transaction
from django.utils import timezone

from jixiao.core.library import BuildReport, build_library
from jixiao.core.library.coreset import core_set
from jixiao.core.library.entry import CATEGORY_CODES, SOURCE_CODES, LibraryEntry, check_entry, entry_code
from jixiao.web.accounts.models import unit_of
from jixiao.web.concurrency import StaleSave
from jixiao.web.library.convert import core_entry, core_library, row_fields
from jixiao.web.library.models import Entry, EntryVersion
from jixiao.web.targets.convert import core_table
from jixiao.web.targets.models import TargetTable


class Refused(Exception):
    """A change the library does not accept; the message says why, in Chinese."""


def load_core_set() -> int:
    """Add the core set's entries that the library does not hold yet; returns how many were added."""
    known = set(Entry.objects.values_list("code", flat=True))
    new = [Entry(**row_fields(e)) for e in core_set() if e.code not in known]
    Entry.objects.bulk_create(new)
    return len(new)


@transaction.atomic
def build_from_tables(tables=None) -> BuildReport:
    """Count every stored table's indicators into the library: usage of known entries, new proposed entries."""
    tables = TargetTable.objects.select_related("project__unit") if tables is None else tables
    rows = {r.code: r for r in Entry.objects.select_for_update()}
    library, report = build_library([core_table(t) for t in tables.prefetch_related("indicators")], base=core_library(rows.values()))
    for entry in library:
        fields = row_fields(entry)
        row = rows.get(entry.code)
        if row is None:
            Entry.objects.create(**fields)
        elif (row.usage, row.aliases) != (fields["usage"], fields["aliases"]):
            row.usage, row.aliases = fields["usage"], fields["aliases"]
            row.save(update_fields=["usage", "aliases", "updated_at"])
    return report


def next_code(source: str, category: str) -> str:
    prefix = f"{SOURCE_CODES[source]}-{CATEGORY_CODES[category]}-"
    numbers = [int(c.rsplit("-", 1)[1]) for c in Entry.objects.filter(code__startswith=prefix).values_list("code", flat=True)
               if c.rsplit("-", 1)[1].isdigit()]
    return entry_code(source, category, max(numbers, default=0) + 1)


def _checked(entry: LibraryEntry) -> LibraryEntry:
    problems = check_entry(entry)
    if problems:
        raise Refused("；".join(problems))
    return entry


@transaction.atomic
def propose(user, entry: LibraryEntry) -> Entry:
    """A unit proposes a new entry: it gets the next 本单位 code and waits for a reviewer."""
    entry = _checked(replace(entry, code=next_code("unit", entry.category), status="proposed", source="unit", version=1))
    return Entry.objects.create(**row_fields(entry), proposed_by=user, proposed_unit=unit_of(user))


DECISIONS = {"approved": ("proposed", "retired"), "retired": ("proposed", "approved")}


@transaction.atomic
def decide(user, row: Entry, status: str, note: str = "") -> Entry:
    """A reviewer approves (启用) or retires (停用) an entry."""
    row = Entry.objects.select_for_update().get(pk=row.pk)
    if row.status not in DECISIONS.get(status, ()):
        raise Refused(f"条目当前为“{row.status_label}”，不能改为该状态")
    row.status, row.decided_by, row.decided_at, row.decision_note = status, user, timezone.now(), note
    row.save(update_fields=["status", "decided_by", "decided_at", "decision_note", "updated_at"])
    return row


@dataclass(frozen=True)
class Saved:
    """Who saved an entry's current version and when (what a refused stale save names)."""

    updated_by: object
    updated_at: datetime
    version: int


def saved(row: Entry) -> Saved:
    """The current version's author: the administrator who replaced the previous version (kept as
    ``EntryVersion``), or, for a first version, whoever proposed it."""
    previous = row.versions.select_related("changed_by").filter(version=row.version - 1).first()
    if previous is not None:
        return Saved(previous.changed_by, previous.changed_at, row.version)
    return Saved(row.proposed_by, row.updated_at, row.version)


@transaction.atomic
def edit(user, row: Entry, entry: LibraryEntry, opened_at: int | None = None) -> Entry:
    """An administrator changes an entry: the old content is kept as a version, the version goes up.
    Raises StaleSave when someone saved a version after the page was opened at ``opened_at``."""
    row = Entry.objects.select_for_update().get(pk=row.pk)
    if opened_at is not None and row.version != opened_at:
        raise StaleSave(saved(row))
    old = core_entry(row)
    entry = _checked(replace(entry, code=row.code, version=row.version, usage=old.usage, status=row.status))
    if row_fields(entry) == row_fields(old):
        return row
    EntryVersion.objects.create(entry=row, version=row.version, content=row_fields(old), changed_by=user)
    for name, value in row_fields(replace(entry, version=row.version + 1)).items():
        setattr(row, name, value)
    row.save()
    return row
