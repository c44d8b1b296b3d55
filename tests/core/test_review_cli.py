"""`jixiao review FILE [--format json|text]` as a user runs it: output and exit codes."""

from __future__ import annotations

import json
import subprocess
import sys

from test_review_helpers import clean_table

from jixiao.core.jsonio import dumps
from jixiao.core.model import Document
from jixiao.demo import DEMO_DOCUMENT

JIXIAO = [sys.executable, "-m", "jixiao.cli", "review"]


def run(*args):
    return subprocess.run([*JIXIAO, *args], capture_output=True, text=True)


def test_demo_has_errors_and_exits_1_with_json():
    result = run(str(DEMO_DOCUMENT), "--format", "json")
    assert result.returncode == 1, result.stderr
    data = json.loads(result.stdout)
    assert len(data["tables"]) == 12
    by_name = {t["name"]: t["findings"] for t in data["tables"]}
    saohei = by_name["扫黑除恶专项斗争工作经费"]
    assert {"rule": "form.cost-lower-bound", "severity": "error", "indicator": "宣传品单价"}.items() <= saohei[0].items()
    assert set(saohei[0]) == {"rule", "severity", "indicator", "message"}
    missing = [f for f in by_name["平安建设治理经费"] if f["rule"] == "completeness.missing-level1"]
    assert missing[0]["indicator"] is None


def test_text_output_is_grouped_by_table():
    result = run(str(DEMO_DOCUMENT))
    assert result.returncode == 1
    blocks = result.stdout.strip().split("\n\n")
    assert len(blocks) == 13  # 12 tables + the totals line
    assert blocks[0].startswith("【维稳专项经费（常）】警告 2，提示 2")
    assert "[错误] form.cost-lower-bound：" in blocks[9]
    assert blocks[-1].startswith("共审核 12 张表：错误 4 条")


def test_clean_document_exits_0(tmp_path):
    path = tmp_path / "clean.json"
    path.write_text(dumps(Document(tables=[clean_table()])), encoding="utf-8")
    result = run(str(path), "--format", "json")
    assert result.returncode == 0, result.stdout
    out = json.loads(result.stdout)
    assert out["tables"] == [{"name": "社区安全宣传经费", "findings": []}]
    assert out["rules"]["name"] == "central-2020"
    assert out["rules"]["grades"][3] == {"grade": "差", "consequence": "不得进入下一步预算安排流程"}
    text = run(str(path))
    assert text.returncode == 0 and "【社区安全宣传经费】未发现问题" in text.stdout


def test_unreadable_input_is_one_line_and_exit_2(tmp_path):
    broken = tmp_path / "broken.json"
    broken.write_bytes(b'{"tables": [')
    for path in (broken, tmp_path / "missing.txt"):
        result = run(str(path))
        assert result.returncode == 2
        assert result.stdout == ""
        assert result.stderr.count("\n") == 1 and result.stderr.startswith(str(path))
        assert "Traceback" not in result.stderr


def test_json_document_reviews_like_the_published_text(tmp_path):
    parsed = subprocess.run([sys.executable, "-m", "jixiao.cli", "parse", "-q", str(DEMO_DOCUMENT)], capture_output=True, text=True)
    path = tmp_path / "demo.json"
    path.write_text(parsed.stdout, encoding="utf-8")
    from_json = run(str(path), "--format", "json")
    from_text = run(str(DEMO_DOCUMENT), "--format", "json")
    assert from_json.returncode == from_text.returncode == 1
    assert json.loads(from_json.stdout) == json.loads(from_text.stdout)
