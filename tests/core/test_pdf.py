"""Publication PDF of the 12 demo tables: rendering, text layer, round trip, bad PDFs."""

import subprocess
from html import escape

import pytest
from weasyprint import HTML

from jixiao.core.io import read_document
from jixiao.core.model import ReadError
from jixiao.core.pdf import write_pdf
from jixiao.core.pdf_reader import read_pdf
from jixiao.demo import DEMO_DOCUMENT
from jixiao.fonts import CJK_FONT


@pytest.fixture(scope="module")
def demo():
    return read_document(DEMO_DOCUMENT)


@pytest.fixture(scope="module")
def demo_pdf(demo, tmp_path_factory):
    path = tmp_path_factory.mktemp("pdf") / "demo.pdf"
    write_pdf(demo, path)
    return path


def _text(path, page=None) -> str:
    pages = ["-f", str(page), "-l", str(page)] if page else []
    return subprocess.run(["pdftotext", "-layout", *pages, str(path), "-"], capture_output=True, text=True, check=True).stdout


def test_round_trip_gives_identical_tables(demo, demo_pdf):
    back = read_pdf(demo_pdf)
    assert len(back.tables) == 12
    assert sum(len(t.indicators) for t in back.tables) == 132
    for original, read in zip(demo.tables, back.tables):
        assert read == original, original.name


def test_font_is_the_bundled_one_embedded(demo_pdf):
    fonts = subprocess.run(["pdffonts", str(demo_pdf)], capture_output=True, text=True, check=True).stdout
    rows = fonts.splitlines()[2:]
    assert rows and all("Jixiao-CJK" in row and "yes yes yes" in row for row in rows)


def test_pages_render_to_png_with_ink(demo_pdf, tmp_path):
    subprocess.run(["pdftoppm", "-png", "-r", "40", "-f", "1", "-l", "2", str(demo_pdf), str(tmp_path / "p")], check=True)
    pngs = sorted(tmp_path.glob("p-*.png"))
    assert len(pngs) == 2
    from PIL import Image

    with Image.open(pngs[0]) as img:
        grey = img.convert("L")
        dark = sum(grey.histogram()[:128])
        assert img.size[0] < img.size[1]  # A4 portrait
        assert dark > 2000  # table rules and Chinese text, not a blank page


def test_image_only_pdf_says_it_has_no_text_layer(demo_pdf, tmp_path):
    subprocess.run(["pdftoppm", "-png", "-r", "30", "-f", "1", "-l", "1", str(demo_pdf), str(tmp_path / "scan")], check=True)
    image = next(tmp_path.glob("scan-*.png"))
    HTML(string=f'<img src="{image.as_uri()}" style="width:100%">').write_pdf(tmp_path / "scan.pdf")
    with pytest.raises(ReadError, match="没有文字层"):
        read_pdf(tmp_path / "scan.pdf")


def test_corrupt_pdf_is_refused(tmp_path):
    (tmp_path / "bad.pdf").write_bytes(b"%PDF-1.7\n garbage without objects")
    with pytest.raises(ReadError, match="PDF"):
        read_pdf(tmp_path / "bad.pdf")
    (tmp_path / "notpdf.pdf").write_bytes(b"hello")
    with pytest.raises(ReadError, match="不是 PDF 文件"):
        read_pdf(tmp_path / "notpdf.pdf")


def test_pdf_without_table_lines_goes_through_the_column_repair(demo, tmp_path):
    """The published text as a PDF whose table has no rules: cells are only gaps between words."""
    text = DEMO_DOCUMENT.read_text(encoding="utf-8")
    rows = "".join(
        "<tr>" + "".join(f"<td>{escape(c)}</td>" for c in line.split("\t")) + "</tr>" for line in text.splitlines()
    )
    css = (f"@font-face{{font-family:C;src:url({CJK_FONT.as_uri()})}}@page{{size:A4 landscape;margin:10mm}}"
           "body{font:5pt C} td{white-space:nowrap;padding:0 8pt}")
    HTML(string=f"<style>{css}</style><table>{rows}</table>").write_pdf(tmp_path / "published.pdf")
    back = read_pdf(tmp_path / "published.pdf")
    assert [t.name for t in back.tables] == [t.name for t in demo.tables]
    assert sum(len(t.indicators) for t in back.tables) == 132
    assert [t.budget for t in back.tables] == [t.budget for t in demo.tables]
