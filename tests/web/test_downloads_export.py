"""`jixiao export --format xlsx|pdf`: publication files of a year, to a file or to redirected stdout."""

import io
import sys
from dataclasses import replace

import pdfplumber
import pytest
from django.core.management import call_command

from jixiao.web.targets.queries import core_tables, tables_of
from jixiao.core.pdf_reader import read_pdf
from jixiao.core.xlsx_reader import read_xlsx

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(demo_tables):
    """The 2024 tables as stored, without what the files do not carry (reader warnings)."""
    return [_bare(t) for t in core_tables(tables_of(2024))]


def _bare(table):
    return replace(table, warnings=[], sections=[])


def _same(tables, expected):
    assert sorted(map(_bare, tables), key=lambda t: t.name) == sorted(expected, key=lambda t: t.name)


def test_pdf_of_the_year_has_all_twelve_tables(tmp_path, demo):
    call_command("export", "--year", "2024", "--format", "pdf", "--output", str(tmp_path / "2024.pdf"))
    with pdfplumber.open(tmp_path / "2024.pdf") as pdf:
        first = pdf.pages[0].extract_text()
    assert "东莞市东坑镇综合治理办公室" in first and "2024年度" in first and "项目绩效目标表" in first.replace(" ", "")
    _same(read_pdf(tmp_path / "2024.pdf").tables, demo)


def test_xlsx_to_redirected_stdout_reads_back(demo, capfdbinary):
    # capsys would hand the command a text stream; a real redirect gives bytes on stdout.buffer.
    call_command("export", "--year", "2024", "--format", "xlsx")
    data = capfdbinary.readouterr().out
    assert data[:2] == b"PK"
    _same(read_xlsx(io.BytesIO(data)).tables, demo)


def test_binary_format_on_a_terminal_is_refused(demo, monkeypatch):
    from django.core.management import CommandError

    class Terminal(io.StringIO):
        def isatty(self):
            return True

    monkeypatch.setattr(sys, "stdout", Terminal())
    with pytest.raises(CommandError, match="请用 --output 指定输出文件") as e:
        call_command("export", "--year", "2024", "--format", "pdf")
    assert e.value.returncode == 2 and sys.stdout.getvalue() == ""


def test_xlsx_summary_sheet_carries_the_review_status(tmp_path, demo):
    import openpyxl

    from jixiao.web.targets.models import TargetTable
    from jixiao.web.workflow import Status

    TargetTable.objects.filter(project__name="信访事项经费").update(status=Status.APPROVED)
    call_command("export", "--year", "2024", "--format", "xlsx", "--output", str(tmp_path / "2024.xlsx"))
    sheet = openpyxl.load_workbook(tmp_path / "2024.xlsx")["汇总"]
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    header = next(r for r in rows if "审核状态" in r)
    status_at, name_at = header.index("审核状态"), next(i for i, v in enumerate(header) if v and "项目名称" in str(v))
    statuses = {r[name_at]: r[status_at] for r in rows if r[name_at] and r[status_at] and r is not header}
    assert statuses["信访事项经费"] == "已审核通过"
    assert statuses["综合经费"] == "草稿"
