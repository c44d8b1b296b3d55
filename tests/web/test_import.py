"""Storing documents: the demo loads completely, re-import is idempotent, failures change nothing."""

import json
from dataclasses import replace

import pytest

from jixiao.core import jsonio
from jixiao.core.io import read_document
from jixiao.demo import DEMO_DOCUMENT
from jixiao.web.accounts.models import Department, Unit
from jixiao.web.audit.models import AuditEntry
from jixiao.web.targets import convert, importer
from jixiao.web.targets.models import Indicator, Project, TargetTable

pytestmark = pytest.mark.django_db


def demo():
    return read_document(DEMO_DOCUMENT)


def db_state():
    return (
        list(Department.objects.values_list("name", flat=True).order_by("name")),
        list(Unit.objects.values_list("name", flat=True).order_by("name")),
        list(Project.objects.values_list("name", "type").order_by("name")),
        list(TargetTable.objects.values_list("project__name", "year", "version", "budget").order_by("project__name")),
        list(Indicator.objects.values_list("table__project__name", "position", "name", "annual_text").order_by("table__project__name", "position")),
        AuditEntry.objects.count(),
    )


def test_demo_document_is_stored_completely():
    report = importer.import_document(demo(), source="demo.txt")
    assert report.counts() == {"created": 12}
    assert TargetTable.objects.count() == 12
    assert Indicator.objects.count() == 132
    xinfang = TargetTable.objects.get(project__name="信访事项经费")
    assert xinfang.indicators.count() == 20
    assert xinfang.year == 2024
    assert xinfang.project.unit.name == "东莞市东坑镇综合治理办公室"


def test_stored_tables_equal_the_document():
    doc = demo()
    importer.import_document(doc)
    by_name = {t.name: t for t in doc.tables}
    for stored in TargetTable.objects.all():
        assert convert.core_table(stored) == by_name[stored.project.name]


def test_parsed_fields_are_queryable():
    importer.import_document(demo())
    rows = Indicator.objects.filter(annual_text="≥80%").first()
    assert (rows.annual_kind, rows.annual_op, rows.annual_value, rows.annual_unit, rows.annual_direction) == (
        "numeric", ">=", 80, "%", "higher")
    quantitative_cost = Indicator.objects.filter(category="cost", annual_kind="numeric")
    assert quantitative_cost.count() > 0
    assert all(i.annual_value is not None for i in quantitative_cost)


def test_reimport_reports_unchanged_and_writes_nothing():
    importer.import_document(demo())
    before = db_state()
    report = importer.import_document(demo())
    assert report.counts() == {"unchanged": 12}
    assert db_state() == before


def test_reimport_of_exported_json_is_unchanged(tmp_path):
    importer.import_document(demo())
    path = tmp_path / "out.json"
    path.write_text(jsonio.dumps(demo()), encoding="utf-8")
    assert importer.import_document(read_document(path)).counts() == {"unchanged": 12}


def test_changed_table_is_updated_with_audit_entry():
    importer.import_document(demo())
    doc = demo()
    t = doc.tables[0]
    doc.tables[0] = replace(t, goals=replace(t.goals, annual="新的年度目标"))
    report = importer.import_document(doc, source="v2.txt")
    assert report.counts() == {"updated": 1, "unchanged": 11}
    stored = TargetTable.objects.get(project__name=t.name)
    assert stored.goal_annual == "新的年度目标"
    assert stored.version == 2
    entry = AuditEntry.objects.filter(table_id=stored.pk, action="change").get()
    assert entry.before == {"年度目标": t.goals.annual}
    assert entry.after == {"年度目标": "新的年度目标"}
    assert Indicator.objects.count() == 132


def test_unit_and_year_overrides():
    importer.import_document(demo(), unit="别的单位", year=2025)
    assert set(TargetTable.objects.values_list("year", "project__unit__name")) == {(2025, "别的单位")}


def test_table_without_year_refuses_whole_file():
    doc = demo()
    doc.tables[5] = replace(doc.tables[5], year=None)
    with pytest.raises(importer.ImportRefused, match="第6张表《.*》：缺少预算年度"):
        importer.import_document(doc)
    assert TargetTable.objects.count() == 0


def test_failure_half_way_leaves_database_as_it_was(monkeypatch):
    importer.import_document(demo())
    doc = demo()
    doc.tables = [replace(t, goals=replace(t.goals, annual="改")) for t in doc.tables]
    doc.tables.append(replace(doc.tables[0], name="全新项目"))
    before = db_state()
    calls = {"n": 0}

    def failing(real):
        def wrapper(*args):
            calls["n"] += 1
            if calls["n"] == 100:  # tables and projects are written by now
                raise RuntimeError("disk full")
            return real(*args)
        return wrapper

    # SQLite inserts indicator fields, PostgreSQL COPYs indicator lines.
    for name in ("indicator_fields", "indicator_copy_line"):
        monkeypatch.setattr(convert, name, failing(getattr(convert, name)))
    with pytest.raises(RuntimeError):
        importer.import_document(doc)
    assert db_state() == before


def test_duplicate_table_in_one_file_is_refused():
    doc = demo()
    doc.tables.append(doc.tables[0])
    with pytest.raises(importer.ImportRefused, match="与第1张表重复"):
        importer.import_document(doc)


def test_json_round_trip_through_database():
    importer.import_document(demo())
    from jixiao.web.targets.queries import core_tables, tables_of

    exported = jsonio.document_from_dict(json.loads(jsonio.dumps(type(demo())(tables=core_tables(tables_of(2024))))))
    assert sorted(exported.tables, key=lambda t: t.name) == sorted(demo().tables, key=lambda t: t.name)
