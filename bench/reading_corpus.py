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


if __name__ == "__main__":
    start = time.perf_counter()
    scores = run()
    print(report(scores))
    print(f"read {len(scores)} fixtures in {time.perf_counter() - start:.2f} s")
