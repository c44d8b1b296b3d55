"""The bulk write path (COPY text on PostgreSQL, INSERT on SQLite) stores exactly the converted rows."""

from dataclasses import replace

import pytest

from jixiao.core.io import read_document
from jixiao.demo import DEMO_DOCUMENT
from jixiao.web.audit.models import Action, AuditEntry
from jixiao.web.targets import convert, importer
from jixiao.web.targets.models import Indicator, TargetTable

pytestmark = pytest.mark.django_db


def stored_fields(row: Indicator) -> dict:
    return {name: getattr(row, name) for name in convert.INDICATOR_COLUMNS[1:]}


def test_every_indicator_column_is_stored_as_converted():
    doc = read_document(DEMO_DOCUMENT)
    importer.import_document(doc)
    for t in doc.tables:
        rows = Indicator.objects.filter(table__project__name=t.name).order_by("position")
        expected = [convert.indicator_fields(pos, ind) for pos, ind in enumerate(t.indicators, 1)]
        assert [stored_fields(r) for r in rows] == expected


def test_text_with_tabs_newlines_and_backslashes_survives():
    t = read_document(DEMO_DOCUMENT).tables[0]
    odd = "路径\\共享\t第二列\n第二行\r"
    ind = replace(t.indicators[0], name=odd, annual_target=replace(t.indicators[0].annual_target, text=odd))
    t = replace(t, indicators=[ind], goals=replace(t.goals, annual=odd))
    importer.store([t], source="测试")
    row = Indicator.objects.get()
    assert (row.name, row.annual_text) == (odd, odd)
    assert TargetTable.objects.get().goal_annual == odd
    assert convert.core_table(TargetTable.objects.get()) == t


def test_each_created_table_has_one_audit_entry_with_its_snapshot():
    doc = read_document(DEMO_DOCUMENT)
    report = importer.import_document(doc, source="demo.txt")
    entries = {e.table_id: e for e in AuditEntry.objects.all()}
    assert len(entries) == AuditEntry.objects.count() == 12
    for _, t, table_id in report.outcomes:
        e = entries[table_id]
        assert (e.action, e.object_id, e.object_label, e.version, e.source) == (
            Action.CREATE, table_id, t.name, 1, "导入 demo.txt")
        assert e.before is None and e.after == convert.table_snapshot(t)
