"""Seeds, mutations and figures of the reader fuzzing (tests/core/test_fuzz_readers.py).

Everything a single input does not change is built once per process: the seed documents, the
decompressed parts of the Office seeds and the hypothesis strategies. Each input is then only drawn,
read in-process by ``read_upload`` and counted."""

from __future__ import annotations

import hashlib
import io
import os
import statistics
import time
import zipfile
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from hypothesis import strategies as st

from jixiao.core.io import read_upload
from jixiao.core.model import ReadError

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "real"

# What the readers look for, so that mutations reach past the first check.
WORDS = ["\t", "|", "||", "\n", "\n\n", " ", "  ", "项目名称", "一级指标", "二级指标", "三级指标", "指标值", "指标性质",
         "度量单位", "权重", "得分", "实际完成值", "产出指标", "数量指标", "满意度指标", "≥", "≤", "%", "90", "100",
         "万元", "指标", "自评表", "项目绩效目标表", "年度资金总额", "总分", "合计", "(", ")", "*", "2024年", "-"]

# Strategies that do not depend on the seed, built once (building one per draw costs more than a small read).
_HOW_MANY_TEXT_EDITS = st.integers(1, 8)
_TEXT_EDIT = st.sampled_from(["insert", "delete", "replace", "cut"])
_PIECE = st.one_of(st.sampled_from(WORDS), st.text(max_size=6))
_DELETED = st.integers(1, 50)
_HOW_MANY_BYTE_EDITS = st.integers(1, 6)
_BYTE_EDIT = st.sampled_from(["flip", "insert", "delete", "cut"])
_FLIP = st.integers(1, 255)
_INSERTED = st.binary(min_size=1, max_size=16)
_DELETED_BYTES = st.integers(1, 64)


def check(data: bytes, name: str) -> str:
    """Read ``data`` as an upload named ``name``: 'read' for a result, 'refused' for the one-line error.

    Anything else (another exception, an error on several lines or naming another file, an empty
    result) fails the assertion."""
    try:
        doc = read_upload(data, name)
    except ReadError as e:
        assert str(e).startswith(f"{name}") and "\n" not in str(e)
        return "refused"
    assert doc.tables  # a result is never empty: no tables is the one-line error
    return "read"


@lru_cache
def seed_text() -> str:
    return (FIXTURES / "09-sichuan-targets.txt").read_text(encoding="utf-8")[:3000]


@lru_cache
def seed(kind: str) -> bytes:
    from jixiao.core.io import read_document
    from jixiao.demo import DEMO_DOCUMENT

    doc = read_document(DEMO_DOCUMENT)
    doc.tables = doc.tables[:1]
    if kind == "json":
        from jixiao.core.jsonio import dumps

        return dumps(doc).encode()
    if kind == "xlsx":
        from jixiao.core.xlsx import write_xlsx

        out = io.BytesIO()
        write_xlsx(doc, out)
        return out.getvalue()
    if kind == "pdf":
        from jixiao.core.pdf import write_pdf

        out = io.BytesIO()
        write_pdf(doc, out)
        return out.getvalue()
    if kind == "docx":
        return (FIXTURES / "44-hunan-targets.docx").read_bytes()
    if kind == "html":
        rows = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in line.split("\t")) + "</tr>"
                       for line in DEMO_DOCUMENT.read_text(encoding="utf-8").splitlines()[:40])
        return f"<html><body><h1>项目绩效目标表</h1><table>{rows}</table></body></html>".encode()
    raise ValueError(kind)


@lru_cache
def _zip_parts(kind: str) -> tuple[tuple[str, bytes], ...]:
    """The parts of an Office seed, decompressed once."""
    with zipfile.ZipFile(io.BytesIO(seed(kind))) as src:
        return tuple((i.filename, src.read(i.filename)) for i in src.infolist())


@st.composite
def mutated_text(draw, text: str) -> str:
    for _ in range(draw(_HOW_MANY_TEXT_EDITS)):
        at = draw(st.integers(0, len(text)))
        how = draw(_TEXT_EDIT)
        piece = draw(_PIECE)
        if how == "insert":
            text = text[:at] + piece + text[at:]
        elif how == "delete":
            text = text[:at] + text[at + draw(_DELETED):]
        elif how == "replace":
            text = text[:at] + piece + text[at + len(piece):]
        else:
            text = text[:at]
    return text


@st.composite
def mutated_bytes(draw, seed: bytes) -> bytes:
    data = bytearray(seed)
    for _ in range(draw(_HOW_MANY_BYTE_EDITS)):
        at = draw(st.integers(0, max(0, len(data) - 1)))
        how = draw(_BYTE_EDIT)
        if how == "flip" and data:
            data[at] ^= draw(_FLIP)
        elif how == "insert":
            data[at:at] = draw(_INSERTED)
        elif how == "delete":
            del data[at:at + draw(_DELETED_BYTES)]
        else:
            del data[at:]
    return bytes(data)


@st.composite
def mutated_zip(draw, kind: str) -> bytes:
    """An Office file whose one XML part is mutated as text, then zipped again (a valid archive).

    Deflated at level 1: the reader sees the same parts whatever the level, and level 6 cost more
    than the read itself."""
    parts = _zip_parts(kind)
    target = draw(st.sampled_from([name for name, _ in parts if name.endswith(".xml")]))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as dst:
        for name, content in parts:
            if name == target:
                content = draw(mutated_text(content.decode("utf-8", "replace"))).encode("utf-8")
            dst.writestr(name, content)
    return out.getvalue()


# reader -> (file name, strategy of its inputs); the order is the order of the figures.
READERS = ["text", "json", "html", "xlsx", "docx", "pdf"]
LABELS = {"text": "text (.txt)", "json": "JSON", "html": "web page (.html)", "xlsx": "Excel (.xlsx)",
          "docx": "Word (.docx)", "pdf": "PDF"}


@lru_cache
def inputs(reader: str) -> st.SearchStrategy[bytes]:
    if reader == "text":
        return mutated_text(seed_text()).map(str.encode)
    if reader in ("json", "html"):
        return mutated_text(seed(reader).decode()).map(str.encode)
    if reader in ("xlsx", "docx"):
        return st.one_of(mutated_zip(reader), mutated_bytes(seed(reader)))
    if reader == "pdf":
        return mutated_bytes(seed("pdf"))
    raise ValueError(reader)


@dataclass
class Figures:
    """What one reader's run fed and got back; ``as_dict`` goes into the test report."""

    reader: str
    inputs: int = 0
    read: int = 0
    refused: int = 0
    distinct: set[bytes] = field(default_factory=set)
    failing: set[bytes] = field(default_factory=set)
    times: list[float] = field(default_factory=list)
    wall: float = 0.0
    cpu: float = 0.0

    def check(self, data: bytes) -> None:
        digest = hashlib.blake2b(data, digest_size=16).digest()
        self.inputs += 1
        self.distinct.add(digest)
        start = time.perf_counter()
        try:
            outcome = check(data, f"fuzz.{'txt' if self.reader == 'text' else self.reader}")
        except BaseException:
            self.failing.add(digest)
            raise
        finally:
            self.times.append(time.perf_counter() - start)
        if outcome == "read":
            self.read += 1
        else:
            self.refused += 1

    def run(self, test) -> None:
        """Run a hypothesis test, timing it (wall clock and this process's CPU)."""
        wall, cpu = time.perf_counter(), time.process_time()
        try:
            test()
        finally:
            self.wall, self.cpu = time.perf_counter() - wall, time.process_time() - cpu

    def as_dict(self) -> dict:
        times = sorted(self.times) or [0.0]
        return {"reader": self.reader, "inputs": self.inputs, "distinct": len(self.distinct), "read": self.read,
                "refused": self.refused, "failures": len(self.failing), "wall": self.wall, "cpu": self.cpu,
                "median_ms": statistics.median(times) * 1000, "p99_ms": times[int(len(times) * 0.99)] * 1000,
                "max_ms": times[-1] * 1000}


HEADER = (f"{'reader':<17}{'inputs':>7}{'distinct':>9}{'read':>7}{'refused':>8}{'failures':>9}"
          f"{'wall':>9}{'CPU':>8}{'median':>9}{'p99':>9}{'max':>9}")


def row(r: dict) -> str:
    """One reader's figures, in the columns of ``HEADER``."""
    return (f"{LABELS.get(r['reader'], r['reader']):<17}{r['inputs']:>7,}{r['distinct']:>9,}{r['read']:>7,}"
            f"{r['refused']:>8,}{r['failures']:>9,}{r['wall']:>8.0f}s{r['cpu']:>7.0f}s"
            f"{r['median_ms']:>7.1f}ms{r['p99_ms']:>7.0f}ms{r['max_ms']:>7.0f}ms")


def summary(rows: list[dict]) -> list[str]:
    """The figures table printed at the end of a run (the form docs/reading.md and the README quote)."""
    order = {reader: i for i, reader in enumerate(READERS)}
    rows = sorted(rows, key=lambda r: order.get(r["reader"], len(order)))
    load = " ".join(f"{x:.1f}" for x in os.getloadavg())
    when = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    return [HEADER, *map(row, rows), f"{when}, {os.cpu_count()} CPUs, load average {load} (1, 5, 15 min) at the end"]
