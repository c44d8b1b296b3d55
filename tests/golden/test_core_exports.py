"""Every export of the demo, written by the core, against its golden file (see conftest.py)."""

from __future__ import annotations

import subprocess

import pytest

from jixiao.cli import main
from jixiao.core.docx_report import write_self_evaluation_docx
from jixiao.core.io import read_document
from jixiao.core.pdf import write_pdf, write_report_pdf, write_self_evaluation_pdf
from jixiao.core.review import review_table
from jixiao.core.review.report import ReviewedTable, review_report
from jixiao.core.rules import load as load_rules
from jixiao.core.scoring import evaluate_table
from jixiao.core.xlsx import write_report_xlsx, write_self_evaluation_xlsx, write_xlsx
from jixiao.demo import DEMO_DOCUMENT

from . import evaluation, reports
from .dump import dump_docx, dump_pdf, dump_xlsx

DRAFT = "草稿"  # the 审核状态 of a freshly imported table: what the web downloads print
# The rule set that scores the evaluation, as the web downloads name it (a unit with no choice: the default).
RULES = f"评分规则：{load_rules().official_label}"


@pytest.fixture(scope="session")
def demo():
    return read_document(DEMO_DOCUMENT).tables


@pytest.fixture(scope="session")
def xinfang(demo):
    return next(t for t in demo if t.name == evaluation.TABLE)


@pytest.fixture(scope="session")
def scored(xinfang):
    return evaluate_table(xinfang, evaluation.inputs(), evaluation.execution())


@pytest.fixture(scope="session")
def out(tmp_path_factory):
    return tmp_path_factory.mktemp("golden")


@pytest.fixture(scope="session")
def list_pdf(demo_pdf):
    return demo_pdf  # write_pdf of the demo, shared by the whole run (tests/conftest.py)


@pytest.fixture(scope="session")
def evaluation_pdf(xinfang, scored, out):
    path = out / "evaluation.pdf"
    write_self_evaluation_pdf(xinfang, scored, path, execution=evaluation.execution(),
                              goal_actual=evaluation.GOAL_ACTUAL, rules=RULES)
    return path


def test_parse_json(golden, capsys, monkeypatch):
    """`jixiao parse` of the demo, run beside it: the core JSON with every source position."""
    monkeypatch.chdir(DEMO_DOCUMENT.parent)
    assert main(["parse", "--quiet", DEMO_DOCUMENT.name]) == 0
    golden.check("demo.parse.json", capsys.readouterr().out)


def test_review_json(golden, capsys, monkeypatch):
    """`jixiao review --format json` of the demo: every finding's text as users read it."""
    monkeypatch.chdir(DEMO_DOCUMENT.parent)
    main(["review", "--format", "json", DEMO_DOCUMENT.name])
    golden.check("demo.review.json", capsys.readouterr().out)


def test_list_xlsx(golden, demo, out):
    write_xlsx(demo, out / "list.xlsx", statuses=[DRAFT] * len(demo))
    golden.check("demo.list.xlsx.txt", dump_xlsx(out / "list.xlsx"))


def test_table_xlsx(golden, xinfang, out):
    write_xlsx([xinfang], out / "table.xlsx", statuses=[DRAFT])
    golden.check("xinfang.table.xlsx.txt", dump_xlsx(out / "table.xlsx"))


def test_list_pdf(golden, list_pdf):
    golden.check("demo.list.pdf.txt", dump_pdf(list_pdf))


def test_table_pdf(golden, xinfang, out):
    write_pdf([xinfang], out / "table.pdf")
    golden.check("xinfang.table.pdf.txt", dump_pdf(out / "table.pdf"))


def test_evaluation_xlsx(golden, xinfang, scored, out):
    write_self_evaluation_xlsx(xinfang, scored, out / "evaluation.xlsx", execution=evaluation.execution(),
                               goal_actual=evaluation.GOAL_ACTUAL, rules=RULES)
    golden.check("xinfang.evaluation.xlsx.txt", dump_xlsx(out / "evaluation.xlsx"))


def test_evaluation_pdf(golden, evaluation_pdf):
    golden.check("xinfang.evaluation.pdf.txt", dump_pdf(evaluation_pdf))


def test_evaluation_pdf_renders_with_ink(evaluation_pdf, tmp_path):
    from PIL import Image

    subprocess.run(["pdftoppm", "-r", "50", "-png", "-f", "1", "-l", "1", str(evaluation_pdf), str(tmp_path / "p")],
                   check=True)
    with Image.open(next(tmp_path.glob("p-*.png"))) as page:
        grey = page.convert("L")
        assert sum(grey.histogram()[:128]) > grey.width * grey.height * 0.01  # the ruled table and text are drawn


def test_evaluation_docx(golden, xinfang, scored, out):
    write_self_evaluation_docx(xinfang, scored, out / "report.docx", execution=evaluation.execution(),
                               goal_actual=evaluation.GOAL_ACTUAL, rules=RULES)
    golden.check("xinfang.report.docx.txt", dump_docx(out / "report.docx"))


def demo_review_report(demo):
    """The 审核报告 of the demo as the 审核报告 page has it: tables by name, all 草稿, one 情况说明."""
    project, rule, indicator, text = reports.EXPLAINED
    tables = [ReviewedTable(t.name, DRAFT, [
        (f, text if (t.name, f.rule, f.indicator) == (project, rule, indicator) else "") for f in review_table(t)])
        for t in sorted(demo, key=lambda t: t.name)]
    return review_report(demo[0].unit, 2024, tables)


def test_review_report(golden, demo, out):
    report = demo_review_report(demo)
    write_report_xlsx(report, out / "review.xlsx")
    golden.check("demo.review-report.xlsx.txt", dump_xlsx(out / "review.xlsx"))
    write_report_pdf(report, out / "review.pdf")
    golden.check("demo.review-report.pdf.txt", dump_pdf(out / "review.pdf"))
