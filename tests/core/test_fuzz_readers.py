"""Property tests: mutated inputs to every reader give a result or the documented one-line error
(ReadError), never another exception. The suite runs a few dozen inputs per reader; `make fuzz`
runs JIXIAO_FUZZ_EXAMPLES (10,000) per reader and prints the figures (docs/reading.md)."""

import io
import os
import zipfile
from functools import lru_cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jixiao.core.io import read_upload
from jixiao.core.model import ReadError

EXAMPLES = int(os.environ.get("JIXIAO_FUZZ_EXAMPLES", "40"))
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "real"
FUZZ = settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize=not os.environ.get("JIXIAO_FUZZ_EXAMPLES"),
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

# What the readers look for, so that mutations reach past the first check.
WORDS = ["\t", "|", "||", "\n", "\n\n", " ", "  ", "项目名称", "一级指标", "二级指标", "三级指标", "指标值", "指标性质",
         "度量单位", "权重", "得分", "实际完成值", "产出指标", "数量指标", "满意度指标", "≥", "≤", "%", "90", "100",
         "万元", "指标", "自评表", "项目绩效目标表", "年度资金总额", "总分", "合计", "(", ")", "*", "2024年", "-"]


def _check(data: bytes, name: str) -> None:
    try:
        doc = read_upload(data, name)
    except ReadError as e:
        assert str(e).startswith(f"{name}") and "\n" not in str(e)
        return
    assert doc.tables  # a result is never empty: no tables is the one-line error


@lru_cache
def _seed_text() -> str:
    return (FIXTURES / "09-sichuan-targets.txt").read_text(encoding="utf-8")[:3000]


@lru_cache
def _seed(kind: str) -> bytes:
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


@st.composite
def mutated_text(draw, seed: str) -> str:
    text = seed
    for _ in range(draw(st.integers(1, 8))):
        at = draw(st.integers(0, len(text)))
        how = draw(st.sampled_from(["insert", "delete", "replace", "cut"]))
        piece = draw(st.one_of(st.sampled_from(WORDS), st.text(max_size=6)))
        if how == "insert":
            text = text[:at] + piece + text[at:]
        elif how == "delete":
            text = text[:at] + text[at + draw(st.integers(1, 50)):]
        elif how == "replace":
            text = text[:at] + piece + text[at + len(piece):]
        else:
            text = text[:at]
    return text


@st.composite
def mutated_bytes(draw, seed: bytes) -> bytes:
    data = bytearray(seed)
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, max(0, len(data) - 1)))
        how = draw(st.sampled_from(["flip", "insert", "delete", "cut"]))
        if how == "flip" and data:
            data[at] ^= draw(st.integers(1, 255))
        elif how == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=16))
        elif how == "delete":
            del data[at:at + draw(st.integers(1, 64))]
        else:
            del data[at:]
    return bytes(data)


@st.composite
def mutated_zip(draw, seed: bytes) -> bytes:
    """An Office file whose one XML part is mutated as text, then zipped again (a valid archive)."""
    with zipfile.ZipFile(io.BytesIO(seed)) as src:
        names = [i.filename for i in src.infolist()]
        target = draw(st.sampled_from([n for n in names if n.endswith(".xml")]))
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
            for name in names:
                content = src.read(name)
                if name == target:
                    content = draw(mutated_text(content.decode("utf-8", "replace"))).encode("utf-8")
                dst.writestr(name, content)
    return out.getvalue()


@FUZZ
@given(st.data())
def test_text(data):
    _check(data.draw(mutated_text(_seed_text())).encode("utf-8"), "fuzz.txt")


@FUZZ
@given(st.data())
def test_json(data):
    _check(data.draw(mutated_text(_seed("json").decode())).encode("utf-8"), "fuzz.json")


@FUZZ
@given(st.data())
def test_html(data):
    _check(data.draw(mutated_text(_seed("html").decode())).encode("utf-8"), "fuzz.html")


@pytest.mark.parametrize("kind", ["xlsx", "docx"])
def test_office(kind):
    @FUZZ
    @given(st.data())
    def run(data):
        mutate = data.draw(st.sampled_from([mutated_zip, mutated_bytes]))
        _check(data.draw(mutate(_seed(kind))), f"fuzz.{kind}")

    run()


@FUZZ
@given(st.data())
def test_pdf(data):
    _check(data.draw(mutated_bytes(_seed("pdf"))), "fuzz.pdf")
