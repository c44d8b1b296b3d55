"""How well the readers read the real corpus (tests/fixtures/real): share of expected indicators read
exactly (name and every target), spurious indicators, per fixture and per template.

Usage: python bench/reading_corpus.py     (prints the table; the test asserts the figures)
"""

from __future__ import annotations

import json
import re
import time
from dataclasses import dataclass
from pathlib import Path

FIXTURES = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "real"
_SPACE = re.compile(r"\s+")


@dataclass
class Score:
    file: str
    template: str
    kind: str
    clean: bool
    unreadable: str | None
    expected: int
    exact: int
    spurious: int
    error: str | None = None

    @property
    def share(self) -> float:
        return self.exact / self.expected if self.expected else 1.0


def _same(a: str | None, b: str | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return _SPACE.sub("", a) == _SPACE.sub("", b)


def fixtures() -> list[Path]:
    return sorted(p for p in FIXTURES.iterdir() if p.suffix in (".txt", ".html", ".xlsx", ".docx", ".pdf"))


def score(path: Path) -> Score:
    from jixiao.core.io import read_upload
    from jixiao.core.model import ReadError

    expected = json.loads(path.with_name(path.stem + ".expected.json").read_text(encoding="utf-8"))
    wanted = [i for t in expected["tables"] for i in t["indicators"]]
    s = Score(path.name, expected.get("template", ""), expected["kind"], expected.get("clean", False),
              expected.get("unreadable"), len(wanted), 0, 0)
    try:
        doc = read_upload(path.read_bytes(), path.name)
    except ReadError as e:
        s.error = e.message
        return s
    got = [i for t in doc.tables for i in t.indicators]
    names = {_SPACE.sub("", i["name"]) for i in wanted}
    pool = list(got)
    for want in wanted:
        match = next((g for g in pool if _same(g.name, want["name"])), None)
        if match is None:
            continue
        pool.remove(match)
        targets = [(want.get("annual_target"), match.annual_target), (want.get("period_target"), match.period_target)]
        if all(_same(w, g.text if g else None) for w, g in targets):
            s.exact += 1
    s.spurious = sum(1 for g in got if _SPACE.sub("", g.name) not in names)
    return s


def run() -> list[Score]:
    return [score(p) for p in fixtures()]


def report(scores: list[Score]) -> str:
    lines = [f"{'fixture':<40} {'kind':<16} {'read':>9} {'share':>6} {'spurious':>8}  template"]
    for s in scores:
        flag = " (unreadable)" if s.unreadable else ""
        lines.append(f"{s.file:<40} {s.kind:<16} {s.exact:>4}/{s.expected:<4} {s.share:>6.0%} {s.spurious:>8}  "
                     f"{s.template[:60]}{flag}{' ERROR ' + s.error if s.error else ''}")
    counted = [s for s in scores if not s.unreadable]
    total = sum(s.expected for s in counted)
    exact = sum(s.exact for s in counted)
    lines.append(f"overall: {exact}/{total} = {exact / total:.1%} of expected indicators read exactly "
                 f"({len(counted)} fixtures; {len(scores) - len(counted)} marked unreadable)")
    return "\n".join(lines)


DOCS = FIXTURES.parents[2] / "docs" / "reading.md"
START, END = "<!-- corpus:start -->", "<!-- corpus:end -->"


def markdown(scores: list[Score]) -> str:
    """The figures as docs/reading.md shows them (between the corpus markers)."""
    counted = [s for s in scores if not s.unreadable]
    exact, total = sum(s.exact for s in counted), sum(s.expected for s in counted)
    lines = [
        f"{exact} of {total} expected indicators read exactly ({exact / total:.1%}) in {len(counted)} documents "
        f"({sum(s.kind == 'targets' for s in counted)} target tables, "
        f"{sum(s.kind == 'self_evaluation' for s in counted)} self-evaluations).",
        "",
        "| 文件 | 类别 | 版式 | 读对 | 比例 | 多读 |",
        "|---|---|---|---|---|---|",
    ]
    for s in scores:
        kind = "自评表" if s.kind == "self_evaluation" else "目标表"
        template = s.template.replace("|", "/")
        lines.append(f"| `{s.file}` | {kind} | {template} | {s.exact}/{s.expected} | {s.share:.0%} | {s.spurious} |")
    return "\n".join(lines)


def write_docs(scores: list[Score]) -> None:
    from jixiao.core import vocabulary

    text = DOCS.read_text(encoding="utf-8")
    text = _between(text, START, END, markdown(scores))
    text = _between(text, "<!-- vocabulary:start -->", "<!-- vocabulary:end -->", vocabulary.markdown())
    DOCS.write_text(text, encoding="utf-8")


def _between(text: str, start: str, end: str, body: str) -> str:
    head, rest = text.split(start, 1)
    _, tail = rest.split(end, 1)
    return f"{head}{start}\n{body}\n{end}{tail}"


if __name__ == "__main__":
    import sys

    start = time.perf_counter()
    scores = run()
    print(report(scores))
    print(f"read {len(scores)} fixtures in {time.perf_counter() - start:.2f} s")
    if "--docs" in sys.argv:
        write_docs(scores)
        print(f"wrote {DOCS}")
