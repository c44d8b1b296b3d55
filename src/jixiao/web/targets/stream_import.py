"""Importing a large file in batches: read a batch of tables, store it, forget it.

Memory stays flat in the number of tables (published text, JSON and workbooks in Jixiao's own layout
are read one table at a time, see ``jixiao.core.stream``); the file is still one transaction, so it
is stored whole or not at all, as ``importer.import_document`` does. This is the entry point of `jixiao import` and of an
import run as a background job (``progress`` and ``should_stop``).
"""

from __future__ import annotations

import gc
import os
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.db import transaction

from jixiao.core.io import target_tables
from jixiao.core.limits import DEFAULT, Limits
from jixiao.core.model import Document, TargetTable
from jixiao.core.stream import TableStream
from jixiao.web.targets import importer

BATCH = 1000  # tables stored per step: large enough for COPY to pay, small enough to stay flat


class ImportCancelled(Exception):
    """``should_stop`` asked to stop: nothing of the file was stored."""

    def __str__(self) -> str:
        return "导入已取消，该文件未导入任何表"


@dataclass
class StreamReport:
    """What a streamed import did: counts per outcome (importer.CREATED …), and per table
    (outcome, unit, year, name) when asked for with ``keep_tables``."""

    outcomes: Counter = field(default_factory=Counter)
    tables: list[tuple[str, str, int, str]] = field(default_factory=list)
    warnings: int = 0  # reader warnings, all tables together

    def counts(self) -> Counter:
        return self.outcomes

    def summary(self) -> str:
        c = self.outcomes
        return (f"新增 {c[importer.CREATED]} 张，更新 {c[importer.UPDATED]} 张，"
                f"未变 {c[importer.UNCHANGED]} 张")


def import_stream(
    path: str | os.PathLike,
    *,
    unit: str | None = None,
    year: int | None = None,
    only_unit: str | None = None,
    user=None,
    source: str | None = None,
    limits: Limits = DEFAULT,
    progress: Callable[[int, int, int], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
    keep_tables: bool = False,
    batch: int = BATCH,
) -> StreamReport:
    """Import one file batch by batch in one transaction. ``progress(done_bytes, total_bytes,
    tables)`` is called after each stored batch; ``should_stop()`` before each, and True rolls
    everything back (ImportCancelled). Raises ReadError or importer.ImportRefused, one line each,
    with nothing stored."""
    stream = TableStream(path, limits)
    source = source if source is not None else str(path)
    report = StreamReport()
    seen: dict = {}
    done = 0
    with _few_collections(), transaction.atomic():
        pending: list[TargetTable] = []
        for table in stream:
            pending.append(table)
            if len(pending) >= batch:
                done = _store(pending, done, stream, report, seen, unit, year, only_unit, user, source,
                              keep_tables, should_stop)
                pending = []
                if progress:
                    progress(stream.done_bytes, stream.total_bytes, done)
        if pending or not done:
            done = _store(pending, done, stream, report, seen, unit, year, only_unit, user, source,
                          keep_tables, should_stop)
        if progress:
            progress(stream.total_bytes, stream.total_bytes, done)
    return report


@contextmanager
def _few_collections() -> Iterator[None]:
    """Tables hold no reference cycles (they are freed as soon as their batch is stored), so the
    cycle collector's default pass every 700 allocations only costs time: a quarter of an import's
    CPU. It runs every 50,000 during the import, as usual after it."""
    old = gc.get_threshold()
    gc.set_threshold(max(old[0], 50_000), *old[1:])
    try:
        yield
    finally:
        gc.set_threshold(*old)


def _store(tables, done, stream, report, seen, unit, year, only_unit, user, source, keep_tables, should_stop) -> int:
    if should_stop is not None and should_stop():
        raise ImportCancelled()
    doc = target_tables(Document(tables=tables, file=stream.file))
    prepared = importer.prepare(doc, unit=unit, year=year, only_unit=only_unit, start=done + 1, seen=seen)
    stored = importer.store(prepared, user=user, source=source)
    report.outcomes.update(stored.counts())
    report.warnings += sum(len(t.warnings) for t in tables)
    if keep_tables:
        report.tables.extend((outcome, t.unit, t.year, t.name) for outcome, t, _ in stored.outcomes)
    return done + len(tables)
