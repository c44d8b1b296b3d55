"""jixiao convert: the demo document through .xlsx and .pdf and back, by file extension."""

import json

import pytest

from jixiao.cli import main
from jixiao.demo import DEMO_DOCUMENT


@pytest.fixture(scope="module")
def reference(tmp_path_factory):
    out = tmp_path_factory.mktemp("ref") / "demo.json"
    assert main(["convert", str(DEMO_DOCUMENT), str(out)]) == 0
    return json.loads(out.read_text(encoding="utf-8"))


def _without_sources(value):
    if isinstance(value, dict):
        return {k: _without_sources(v) for k, v in value.items() if k not in ("source", "sources", "warnings")}
    if isinstance(value, list):
        return [_without_sources(v) for v in value]
    return value


def test_demo_round_trips_through_xlsx(tmp_path, capsys, reference):
    assert main(["convert", str(DEMO_DOCUMENT), str(tmp_path / "demo.xlsx")]) == 0
    assert "12 张表，132 个三级指标" in capsys.readouterr().err
    assert main(["convert", str(tmp_path / "demo.xlsx"), str(tmp_path / "back.json")]) == 0
    back = json.loads((tmp_path / "back.json").read_text(encoding="utf-8"))
    assert len(back["tables"]) == 12
    assert _without_sources(back) == _without_sources(reference)


def test_json_to_xlsx_and_pdf_and_back_with_header_options(tmp_path, capsys, reference):
    """One table through .xlsx and .pdf by extension (the 12 demo tables through PDF: core/test_pdf.py)."""
    one = {"tables": reference["tables"][:1]}
    (tmp_path / "in.json").write_text(json.dumps(one, ensure_ascii=False), encoding="utf-8")
    assert main(["convert", str(tmp_path / "in.json"), str(tmp_path / "out.xlsx")]) == 0
    assert main(["convert", str(tmp_path / "in.json"), str(tmp_path / "out.pdf"), "--unit", "测试单位", "--year", "2025"]) == 0
    assert "1 张表" in capsys.readouterr().err
    import subprocess

    text = subprocess.run(["pdftotext", "-f", "1", "-l", "1", str(tmp_path / "out.pdf"), "-"], capture_output=True, text=True).stdout
    assert "测试单位" in text and "2025年度" in text
    for written in ("out.xlsx", "out.pdf"):
        assert main(["convert", str(tmp_path / written), str(tmp_path / "back.json")]) == 0
        back = json.loads((tmp_path / "back.json").read_text(encoding="utf-8"))
        assert _without_sources(back) == _without_sources(one), written


def test_unknown_output_format_exits_2(tmp_path, capsys):
    assert main(["convert", str(DEMO_DOCUMENT), str(tmp_path / "out.docx")]) == 2
    assert "不支持的输出格式“.docx”" in capsys.readouterr().err
    assert not (tmp_path / "out.docx").exists()


def test_missing_source_exits_2(tmp_path, capsys):
    assert main(["convert", str(tmp_path / "nope.xlsx"), str(tmp_path / "out.json")]) == 2
    assert "文件不存在" in capsys.readouterr().err
