"""Uploads are read in a child process with a memory and a time ceiling (jixiao/parse_worker.py):
what the child builds never lands in the server's memory, and hitting a ceiling is the one-line
refusal ``文件超出限制：…`` naming the file."""

import signal
import sys
import time
from pathlib import Path

import pytest

from jixiao.core.io import read_upload
from jixiao.core.jsonio import dumps
from jixiao.core.model import ReadError
from jixiao.demo import DEMO_DOCUMENT
from jixiao.parse_worker import Ceiling, read_upload_isolated, run_isolated

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
import hostile  # noqa: E402


def resident_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise AssertionError("no VmRSS")


def hog(megabytes: int) -> int:
    return len(bytearray(megabytes * 1024 * 1024))


def test_the_document_read_in_the_child_is_the_document_read_here():
    data = DEMO_DOCUMENT.read_bytes()
    isolated = read_upload_isolated(data, "demo.txt")
    assert len(isolated.tables) == 12
    assert dumps(isolated) == dumps(read_upload(data, "demo.txt"))


def test_a_readers_refusal_comes_back_as_it_was():
    with pytest.raises(ReadError) as refused:
        read_upload_isolated(b'{"tables": [', "broken.json")
    direct = pytest.raises(ReadError, read_upload, b'{"tables": [', "broken.json").value
    assert (refused.value.message, refused.value.file, refused.value.line) == (direct.message, direct.file, direct.line)


def test_memory_beyond_the_ceiling_is_refused_and_never_reaches_the_server():
    before = resident_mb()
    assert run_isolated(hog, (20,), "small.xlsx", Ceiling(60, 100)) == 20 * 1024 * 1024
    with pytest.raises(ReadError, match=r"^big\.xlsx: 文件超出限制：解析所需内存超过 100 MB"):
        run_isolated(hog, (400,), "big.xlsx", Ceiling(60, 100))
    assert resident_mb() - before < 50


def test_a_parse_that_takes_too_long_is_stopped():
    started = time.monotonic()
    with pytest.raises(ReadError, match=r"^slow\.docx: 文件超出限制：解析超时（超过 0\.5 秒）"):
        run_isolated(signal.pause, (), "slow.docx", Ceiling(0.5, 100))  # a parse that never ends
    assert time.monotonic() - started < 30  # the child was killed, not waited for


def test_the_8_kb_merged_range_workbook_is_refused_quickly_in_little_memory():
    data = hostile.merged_workbook("A1:XFD1048576")
    assert len(data) < 10_000
    before, started = resident_mb(), time.monotonic()
    with pytest.raises(ReadError) as refused:
        read_upload_isolated(data, "merged.xlsx")
    assert time.monotonic() - started < 2
    assert resident_mb() - before < 100
    assert str(refused.value).startswith("merged.xlsx: 没有找到") and "\n" not in str(refused.value)
