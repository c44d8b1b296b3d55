"""Many tables' PDFs laid out together (``write_pdfs``): each file is the table's own PDF."""

import io
from dataclasses import replace

import pytest

from jixiao.core.io import read_document
from jixiao.core.pdf import batch_for, write_pdf, write_pdfs
from jixiao.demo import DEMO_DOCUMENT
from tests.golden.dump import dump_pdf


@pytest.fixture(scope="module")
def tables():
    """The demo tables with one of another unit and year among them; the demo's 9th and 11th tables
    take two pages each, so a long table follows a long one and a short one follows both."""
    demo = read_document(DEMO_DOCUMENT).tables
    other = replace(demo[3], unit="另一单位（测试）", year=2025, name="另一单位的项目")
    return demo[:5] + [other] + demo[5:]


def single(table) -> str:
    out = io.BytesIO()
    write_pdf([table], out, unit=table.unit, year=table.year)
    return dump_pdf(io.BytesIO(out.getvalue()))


@pytest.fixture(scope="module")
def singles(tables):
    return [single(t) for t in tables]


def test_each_table_of_a_batch_is_its_own_pdf_page_for_page_and_word_for_word(tables, singles):
    out = list(write_pdfs(tables, batch=5))
    assert [t for t, _ in out] == tables
    texts = [dump_pdf(io.BytesIO(pdf)) for _, pdf in out]
    assert [t.count("== page") for t in texts] == [s.count("== page") for s in singles]
    assert sum(t.count("== page") for t in texts) == 15  # the two long tables: 第 2 页 / 共 2 页
    for table, text, expected in zip(tables, texts, singles):
        assert text == expected, table.name
    assert "另一单位（测试） 2025年度" in texts[5] and "第 1 页 / 共 1 页" in texts[5]


def test_child_processes_give_the_same_files_in_the_same_order(tables, singles):
    out = list(write_pdfs(tables[:8], batch=2, processes=2))
    assert [t for t, _ in out] == tables[:8]
    assert [dump_pdf(io.BytesIO(pdf)) for _, pdf in out] == singles[:8]


def test_closing_early_returns_without_laying_out_the_rest(tables):
    pdfs = write_pdfs(tables, batch=1, processes=2)
    first, pdf = next(pdfs)
    pdfs.close()
    assert first is tables[0] and pdf.startswith(b"%PDF-")


def test_children_replaced_every_few_batches_lay_out_every_table(tables, monkeypatch):
    from jixiao.core import pdf

    monkeypatch.setattr(pdf, "BATCHES_PER_CHILD", 1)
    out = list(write_pdfs(tables[:7], batch=1, processes=2))
    assert [t for t, _ in out] == tables[:7] and all(p.startswith(b"%PDF-") for _, p in out)


@pytest.mark.parametrize("total, batch", [(1, 1), (12, 1), (25, 2), (100, 10), (199, 19), (200, 20), (10_000, 20)])
def test_a_small_job_is_laid_out_a_few_tables_a_document_so_its_progress_moves(total, batch):
    assert batch_for(total) == batch
