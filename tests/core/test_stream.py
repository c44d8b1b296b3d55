"""Reading a file one table at a time (jixiao.core.stream) gives what reading it whole gives."""

import json

import pytest

from jixiao.core import jsonio
from jixiao.core.io import read_document
from jixiao.core.limits import MB, Limits
from jixiao.core.model import ReadError
from jixiao.core.stream import TableStream
from jixiao.demo import DEMO_DOCUMENT


def test_published_text_streams_the_same_tables_and_warnings():
    whole = read_document(DEMO_DOCUMENT)
    stream = TableStream(DEMO_DOCUMENT)
    tables = list(stream)
    assert stream.streamed
    assert tables == whole.tables
    assert [t.warnings for t in tables] == [t.warnings for t in whole.tables]
    assert [t.source for t in tables] == [t.source for t in whole.tables]
    assert stream.done_bytes == stream.total_bytes == DEMO_DOCUMENT.stat().st_size


@pytest.mark.parametrize("bare_list", [False, True])
def test_json_streams_the_same_tables(tmp_path, bare_list):
    whole = read_document(DEMO_DOCUMENT)
    data = jsonio.document_to_dict(whole)
    path = tmp_path / "tables.json"
    path.write_text(json.dumps(data["tables"] if bare_list else data, ensure_ascii=False, indent=1), encoding="utf-8")
    stream = TableStream(path)
    assert stream.streamed
    assert list(stream) == read_document(path).tables == whole.tables


def test_gbk_text_streams_with_the_warning(tmp_path):
    path = tmp_path / "gbk.txt"
    path.write_bytes(DEMO_DOCUMENT.read_text(encoding="utf-8").encode("gb18030"))
    stream = TableStream(path)
    assert list(stream) == read_document(DEMO_DOCUMENT).tables
    assert [w.message for w in stream.warnings][:1] == ["文件按 GBK/GB18030 编码读取"]


def test_size_limit_of_a_streamed_file_is_its_own(tmp_path):
    text = DEMO_DOCUMENT.read_text(encoding="utf-8")
    path = tmp_path / "big.txt"
    path.write_text(text * 60, encoding="utf-8")  # ~1.4 MB: over a 1 MB reader limit, streamed anyway
    small = Limits(max_file_bytes=1 * MB, max_import_bytes=4 * MB)
    assert path.stat().st_size > small.max_file_bytes
    with pytest.raises(ReadError, match="文件过大"):
        read_document(path, small)
    assert len(list(TableStream(path, small))) == 60 * len(read_document(DEMO_DOCUMENT).tables)
    with pytest.raises(ReadError) as refused:
        TableStream(path, Limits(max_import_bytes=1 * MB))
    assert "超过导入上限 1 MB（可由 JIXIAO_MAX_IMPORT_MB 调整）" in str(refused.value)


def test_a_format_read_whole_keeps_the_reader_limit(tmp_path):
    path = tmp_path / "page.html"
    path.write_text("<table><tr><td>项目名称</td><td>x</td></tr></table>" * 40_000, encoding="utf-8")
    stream = TableStream(path, Limits(max_file_bytes=1 * MB))
    assert not stream.streamed
    with pytest.raises(ReadError, match="只有公开文本、JSON 和本系统导出的 Excel 可以分批导入更大的文件"):
        list(stream)


def test_one_endless_line_or_table_is_refused(tmp_path):
    head = DEMO_DOCUMENT.read_text(encoding="utf-8")
    path = tmp_path / "long-line.txt"
    path.write_text(head + "项目名称\t" + "字" * 400_000 + "\n", encoding="utf-8")
    with pytest.raises(ReadError, match="JIXIAO_MAX_CELL_CHARS"):
        list(TableStream(path))
    rows = head.split("\n")
    path.write_text("\n".join(rows[:40] + [rows[17]] * 300), encoding="utf-8")
    with pytest.raises(ReadError, match="一张表超过 200 行"):
        list(TableStream(path, Limits(max_rows=200)))


@pytest.mark.parametrize("content, message", [
    ("[" * 100_000, "JSON 的嵌套层数超过 64 层"),
    ('{"tables": [{"name": "x"}, ', "JSON 格式错误"),
    ('{"rows": []}', 'JSON 顶层应为 {"tables": [...]}'),
    ('{"tables": [{"name": 5}]}', "tables[0].name：应为文字"),
])
def test_bad_json_is_one_line(tmp_path, content, message):
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ReadError) as refused:
        list(TableStream(path))
    assert message in str(refused.value) and "\n" not in str(refused.value)


def test_deeply_nested_json_is_refused_in_little_memory(tmp_path):
    """100,000 opening brackets (100 KB) once took about 10 GB before the depth limit could refuse them."""
    import subprocess
    import sys

    path = tmp_path / "deep.json"
    path.write_text("[" * 100_000)
    code = (
        "import resource, sys\n"
        "from jixiao.core.model import ReadError\n"
        "from jixiao.core.stream import TableStream\n"
        "before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "try:\n"
        "    list(TableStream(sys.argv[1]))\n"
        "except ReadError as e:\n"
        "    print(str(e).splitlines()[0])\n"
        "print((resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) // 1024)\n"
    )
    out = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True, timeout=300)
    message, extra_mb = out.stdout.splitlines()
    assert "JSON 的嵌套层数超过 64 层" in message
    assert int(extra_mb) < 100
