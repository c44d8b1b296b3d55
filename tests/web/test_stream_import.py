"""Importing a file in batches (stream_import.import_stream): the same result as a whole import,
one transaction per file, progress reported, cancellable, duplicates found across batches."""

import json

import pytest

from jixiao.core import jsonio
from jixiao.core.io import read_document
from jixiao.demo import DEMO_DOCUMENT
from jixiao.web.targets import importer
from jixiao.web.targets.models import Indicator, TargetTable
from jixiao.web.targets.stream_import import ImportCancelled, import_stream

pytestmark = pytest.mark.django_db


def stored():
    return sorted((t.project.name, t.year, t.version, t.budget, tuple(t.indicators.values_list("name", "annual_text")))
                  for t in TargetTable.objects.select_related("project"))


def test_batches_store_what_a_whole_import_stores():
    importer.import_document(read_document(DEMO_DOCUMENT))
    whole = stored()
    TargetTable.objects.all().delete()
    calls = []
    report = import_stream(DEMO_DOCUMENT, batch=5, progress=lambda *a: calls.append(a))
    assert report.counts() == {"created": 12}
    assert stored() == whole
    assert [tables for _, _, tables in calls] == [5, 10, 12]
    size = DEMO_DOCUMENT.stat().st_size
    assert calls[-1][:2] == (size, size) and all(done <= total == size for done, total, _ in calls)
    again = import_stream(DEMO_DOCUMENT, batch=5, keep_tables=True)
    assert again.summary() == "新增 0 张，更新 0 张，未变 12 张"
    assert [(o, name) for o, _, _, name in again.tables][:1] == [("unchanged", "维稳专项经费（常）")]


def test_json_is_imported_in_batches(tmp_path):
    path = tmp_path / "tables.json"
    path.write_text(jsonio.dumps(read_document(DEMO_DOCUMENT)), encoding="utf-8")
    assert import_stream(path, batch=4).counts() == {"created": 12}
    assert Indicator.objects.count() == 132


def test_cancel_stores_nothing():
    asked = []

    def stop():
        asked.append(1)
        return len(asked) > 2

    with pytest.raises(ImportCancelled, match="导入已取消"):
        import_stream(DEMO_DOCUMENT, batch=4, should_stop=stop)
    assert len(asked) == 3 and TargetTable.objects.count() == 0


def test_a_refusal_in_a_later_batch_stores_nothing_and_names_the_table(tmp_path):
    data = jsonio.document_to_dict(read_document(DEMO_DOCUMENT))
    data["tables"].append(dict(data["tables"][0]))  # table 13 repeats table 1
    path = tmp_path / "twice.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(importer.ImportRefused) as refused:
        import_stream(path, batch=5)
    assert "第13张表《维稳专项经费（常）》：与第1张表重复" in str(refused.value)
    assert TargetTable.objects.count() == 0


def test_the_command_imports_a_file_over_the_reader_size_limit(tmp_path, settings):
    from django.core.management import call_command

    from jixiao.core.limits import MB, Limits

    text = DEMO_DOCUMENT.read_text(encoding="utf-8")
    blocks = text.split("项目绩效目标表")
    copies = [b.replace("维稳专项经费", f"维稳专项经费{n}") for n in range(60) for b in blocks[1:2]]
    path = tmp_path / "big.txt"
    path.write_text("".join("项目绩效目标表" + b for b in copies), encoding="utf-8")
    settings.JIXIAO_LIMITS = Limits(max_file_bytes=1 * MB // 20)
    assert path.stat().st_size > settings.JIXIAO_LIMITS.max_file_bytes
    call_command("import", str(path))
    assert TargetTable.objects.count() == 60


def _workbook(path, count):
    from dataclasses import replace

    from jixiao.core.xlsx_stream import StreamingWorkbook

    demo = read_document(DEMO_DOCUMENT).tables
    book = StreamingWorkbook(path, unit=demo[0].unit, year=demo[0].year)
    for n in range(count):
        book.add(replace(demo[n % len(demo)], name=f"{demo[n % len(demo)].name}·{n:04d}"), "草稿")
    book.close()
    return path


def test_a_workbook_of_many_tables_is_imported_in_batches(tmp_path):
    path = _workbook(tmp_path / "tables.xlsx", 250)
    calls = []
    report = import_stream(path, batch=100, progress=lambda *a: calls.append(a), keep_tables=True)
    assert report.counts() == {"created": 250} and TargetTable.objects.count() == 250
    assert [tables for _, _, tables in calls] == [100, 200, 250]
    assert all(done <= total for done, total, _ in calls) and calls[-1][0] == calls[-1][1]
    assert [name for _, _, _, name in report.tables][-1].endswith("·0249")
    assert len(set(TargetTable.objects.values_list("project__name", flat=True))) == 250
    assert import_stream(path).summary() == "新增 0 张，更新 0 张，未变 250 张"


def test_a_bad_cell_in_a_late_sheet_stores_nothing_and_names_sheet_and_cell(tmp_path):
    from openpyxl import load_workbook

    path = _workbook(tmp_path / "tables.xlsx", 30)
    book = load_workbook(path)
    sheet = book.worksheets[28]
    cell = next(c for row in sheet.iter_rows(min_row=12) for c in row if type(c).__name__ == "Cell" and c.value)
    cell.value = "#N/A"
    book.save(path)
    with pytest.raises(Exception) as refused:
        import_stream(path, batch=10)
    assert f"{sheet.title}!{cell.coordinate}：单元格是错误值 #N/A" in str(refused.value)
    assert TargetTable.objects.count() == 0
