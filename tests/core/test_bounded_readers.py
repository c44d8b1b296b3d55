"""Every reader has limits, checked before the work; a hostile file gets the one-line refusal."""

import sys
from pathlib import Path

import pytest
from docx import Document as WordDocument
from openpyxl import Workbook

from jixiao.core.io import read_upload
from jixiao.core.limits import MB, Limits
from jixiao.core.model import ReadError

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
import bench_hostile  # noqa: E402
import hostile  # noqa: E402

def _measure(path: Path) -> dict:
    """Seconds and extra peak memory of reading ``path``, in a fresh process (bench/bench_hostile.py)."""
    return bench_hostile.measure(path)


@pytest.mark.parametrize("ref", ["A1:XFD1048576", "A1:Z20000"])
def test_a_merged_range_over_the_sheet_costs_what_the_cells_cost(tmp_path, ref):
    path = tmp_path / "merged.xlsx"
    path.write_bytes(hostile.merged_workbook(ref))
    assert path.stat().st_size < 10_000
    result = _measure(path)
    assert result["seconds"] < 2 and result["extra_mb"] < 100, result
    assert "没有找到" in result["outcome"] and "\n" not in result["outcome"]


def test_a_claimed_dimension_is_not_believed(tmp_path):
    path = tmp_path / "claimed.xlsx"
    path.write_bytes(hostile.claimed_dimension_workbook())
    result = _measure(path)
    assert result["seconds"] < 2 and result["extra_mb"] < 100, result


def _workbook(rows, sheets=1) -> bytes:
    import io

    wb = Workbook()
    for n in range(sheets):
        ws = wb.active if n == 0 else wb.create_sheet(f"表{n + 1}")
        for row in rows:
            ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


@pytest.mark.parametrize(
    "data, name, limits, what",
    [
        (_workbook([["x"]] * 150), "rows.xlsx", Limits(max_rows=100), "超过 100 行（可由 JIXIAO_MAX_ROWS 调整）"),
        (_workbook([["x"] * 20] * 10), "cells.xlsx", Limits(max_cells=100), "单元格超过 100 个单元格"),
        (_workbook([["长" * 200]]), "chars.xlsx", Limits(max_cell_chars=100), "单元格 Sheet!A1 的内容超过 100 个字符"),
        (_workbook([["x"]], sheets=3), "sheets.xlsx", Limits(max_sheets=2), "工作表数超过 2 个"),
        (_workbook([[f"{n}" + "x" * 30_000 for n in range(70)]]), "unpacked.xlsx", Limits(max_unpacked_bytes=1 * MB), "解压后超过 1 MB"),
        (("[" * 100_000 + "]" * 100_000).encode(), "deep.json", Limits(), "JSON 的嵌套层数超过 64 层"),
        (("a\t" * 300 + "\n").encode() * 2, "cells.txt", Limits(max_cells=500), "文档的单元格超过 500 个单元格"),
        (b"<table>" + b'<tr><td rowspan="100" colspan="100">x</td></tr>' * 30 + b"</table>", "spans.html",
         Limits(max_cells=100_000), "网页表格的单元格超过 100000 个单元格"),
        (b"\0" * (2 * MB), "big.txt", Limits(max_file_bytes=1 * MB), "文件超出限制：文件过大（2.0 MB），超过上限 1 MB"),
    ],
    ids=["rows", "cells", "chars", "sheets", "unpacked", "json-depth", "text-cells", "html-spans", "file-size"],
)
def test_each_limit_is_a_one_line_refusal(data, name, limits, what):
    with pytest.raises(ReadError) as err:
        read_upload(data, name, limits)
    message = str(err.value)
    assert message.startswith((f"{name}: 文件超出限制：", f"{name}:1: 文件超出限制：")) and what in message
    assert "\n" not in message


def test_word_and_pdf_limits(tmp_path):
    word = WordDocument()
    word.add_paragraph("长" * 3000)
    path = tmp_path / "long.docx"
    word.save(path)
    with pytest.raises(ReadError, match="文件超出限制：第1行的一个单元格超过 1000 个字符"):
        read_upload(path.read_bytes(), "long.docx", Limits(max_cell_chars=1000))

    from weasyprint import HTML

    HTML(string="<p>一</p><p style='page-break-before:always'>二</p>").write_pdf(tmp_path / "two.pdf")
    with pytest.raises(ReadError, match="文件超出限制：PDF 页数超过 1 页"):
        read_upload((tmp_path / "two.pdf").read_bytes(), "two.pdf", Limits(max_pages=1))


def test_json_within_the_depth_limit_is_read_as_before():
    from jixiao.core.jsonio import dumps
    from jixiao.core.io import read_document
    from jixiao.demo import DEMO_DOCUMENT

    text = dumps(read_document(DEMO_DOCUMENT))
    assert len(read_upload(text.encode(), "demo.json").tables) == 12
