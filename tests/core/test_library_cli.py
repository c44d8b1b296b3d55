"""`jixiao library build|search` as a user runs it: files written whole, errors on one line, exit codes."""

from __future__ import annotations

import json
import subprocess
import sys

from jixiao.cli import main
from jixiao.core.jsonio import dumps as dump_tables
from jixiao.core.library.jsonform import load
from jixiao.core.model import Document
from jixiao.demo import DEMO_DOCUMENT


def test_build_writes_the_library_and_reports_on_stderr(tmp_path):
    out = tmp_path / "库.json"
    result = subprocess.run(
        [sys.executable, "-m", "jixiao.cli", "library", "build", str(DEMO_DOCUMENT), "-o", str(out)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    assert result.stderr.strip() == "读取 12 张表、132 个三级指标：新增 80 个条目，25 个相近名称并入已有条目。"
    library = load(out)
    assert sum(e.uses for e in library) == 132
    assert any(e.code.startswith("C-") for e in library) and any(e.code.startswith("U-") for e in library)
    assert [p.name for p in tmp_path.iterdir()] == ["库.json"]


def test_build_without_the_core_set_and_from_several_files(tmp_path, capsys):
    first, second = Document(tables=[]), Document(tables=[])
    from jixiao.core.io import read_document

    tables = read_document(DEMO_DOCUMENT).tables
    first.tables, second.tables = tables[:6], tables[6:]
    (tmp_path / "a.json").write_text(dump_tables(first), encoding="utf-8")
    (tmp_path / "b.json").write_text(dump_tables(second), encoding="utf-8")
    assert main(["library", "build", str(tmp_path / "a.json"), str(tmp_path / "b.json"), "--no-core"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert not any(e["code"].startswith("C-") for e in printed["entries"])
    assert sum(e["uses"] for e in printed["entries"]) == 132


def test_build_on_a_base_library_keeps_its_codes(tmp_path, capsys):
    base = tmp_path / "base.json"
    assert main(["library", "build", str(DEMO_DOCUMENT), "-o", str(base)]) == 0
    assert main(["library", "build", str(DEMO_DOCUMENT), "--base", str(base)]) == 0
    again = json.loads(capsys.readouterr().out)
    assert [e["code"] for e in again["entries"]] == [e.code for e in load(base)]


def test_unreadable_input_is_one_line_exit_2_and_nothing_written(tmp_path, capsys):
    out = tmp_path / "库.json"
    out.write_text("旧内容", encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    assert main(["library", "build", str(DEMO_DOCUMENT), str(tmp_path / "empty.txt"), "-o", str(out)]) == 2
    assert capsys.readouterr().err == f"{tmp_path / 'empty.txt'}:1: 文件为空\n"
    assert out.read_text(encoding="utf-8") == "旧内容"
    bad = tmp_path / "bad.json"
    bad.write_text('{"entries": [{"code": "A", "name": "培训人次", "unit": 5}]}', encoding="utf-8")
    assert main(["library", "search", "培训", "--library", str(bad)]) == 2
    assert capsys.readouterr().err == f"{bad}: 第1条指标（培训人次）：“unit”应为文字\n"
    assert main(["library", "build", str(DEMO_DOCUMENT), "--base", str(tmp_path / "none.json")]) == 2
    assert "none.json: 文件不存在" in capsys.readouterr().err


def test_search_uses_a_given_library(tmp_path, capsys):
    library = tmp_path / "库.json"
    library.write_text(
        json.dumps({"entries": [{"code": "X-1", "name": "禁毒宣传活动次数", "category": "quantity", "unit": "场"}]}),
        encoding="utf-8",
    )
    assert main(["library", "search", "jdxc", "--library", str(library)]) == 0
    assert json.loads(capsys.readouterr().out) == {
        "entries": [
            {"code": "X-1", "name": "禁毒宣传活动次数", "category": "quantity", "definition": "",
             "unit": "场", "typical_target": None, "uses": 0}
        ]
    }
