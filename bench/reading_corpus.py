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
    executions: int = 0  # expected 预算执行情况 blocks
    executions_exact: int = 0  # of them read exactly (every key of the expected block)
    fields: int = 0  # weight, actual and score of the indicators found by name
    fields_exact: int = 0

    @property
    def share(self) -> float:
        return self.exact / self.expected if self.expected else 1.0


def _same(a: str | None, b: str | None) -> bool:
    """Equal but for spaces and script: the expected values keep a traditional page's characters as
    published, and the reader gives such a page in simplified characters."""
    if a is None or b is None:
        return a is None and b is None
    return _plain(a) == _plain(b)


def _plain(text: str) -> str:
    from jixiao.core.reading.script import convert

    return convert(_SPACE.sub("", text))


def _same_field(want: str | None, got) -> bool:
    """A weight or score equal as a number (10 and 10.00), an actual as written."""
    if want is not None and got is not None and not isinstance(got, str):
        from jixiao.core.numbers import parse_decimal

        return parse_decimal(want) == got
    return _same(want, got)


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
    blocks = [t["execution"] for t in expected["tables"] if t.get("execution")]
    read = [t.execution for t in doc.tables if t.execution]
    s.executions = len(blocks)
    s.executions_exact = sum(1 for want, got in zip(blocks, read) if all(_same(v, got.get(k)) for k, v in want.items()))
    got = [i for t in doc.tables for i in t.indicators]
    names = {_plain(i["name"]) for i in wanted}
    pool = list(got)
    for want in wanted:
        match = next((g for g in pool if _same(g.name, want["name"])), None)
        if match is None:
            continue
        pool.remove(match)
        targets = [(want.get("annual_target"), match.annual_target), (want.get("period_target"), match.period_target)]
        if all(_same(w, g.text if g else None) for w, g in targets):
            s.exact += 1
        for key in ("weight", "actual", "score"):
            s.fields += 1
            s.fields_exact += _same_field(want.get(key), getattr(match, key))
    s.spurious = sum(1 for g in got if _plain(g.name) not in names)
    return s


def run() -> list[Score]:
    return [score(p) for p in fixtures()]


def report(scores: list[Score]) -> str:
    lines = [f"{'fixture':<40} {'kind':<16} {'read':>9} {'share':>6} {'spurious':>8} {'execution':>9}  template"]
    for s in scores:
        flag = " (unreadable)" if s.unreadable else ""
        execution = f"{s.executions_exact}/{s.executions}" if s.executions else "—"
        lines.append(f"{s.file:<40} {s.kind:<16} {s.exact:>4}/{s.expected:<4} {s.share:>6.0%} {s.spurious:>8} {execution:>9}  "
                     f"{s.template[:60]}{flag}{' ERROR ' + s.error if s.error else ''}")
    counted = [s for s in scores if not s.unreadable]
    total = sum(s.expected for s in counted)
    exact = sum(s.exact for s in counted)
    lines.append(f"overall: {exact}/{total} = {exact / total:.1%} of expected indicators read exactly "
                 f"({len(counted)} fixtures; {len(scores) - len(counted)} marked unreadable)")
    fields, fields_exact = field_share(scores)
    lines.append(f"fields: {fields_exact}/{fields} = {fields_exact / fields:.1%} of weights, actuals and scores read exactly "
                 f"(of the indicators found by name)")
    blocks, blocks_exact = execution_share(scores)
    lines.append(f"execution: {blocks_exact}/{blocks} = {blocks_exact / blocks:.1%} of expected 预算执行情况 blocks read exactly "
                 f"(every amount, rate, points and the money unit)")
    return "\n".join(lines)


def field_share(scores: list[Score]) -> tuple[int, int]:
    """Weights, actuals and scores expected (of the indicators found by name) and those read exactly."""
    counted = [s for s in scores if not s.unreadable]
    return sum(s.fields for s in counted), sum(s.fields_exact for s in counted)


def execution_share(scores: list[Score]) -> tuple[int, int]:
    """Expected 预算执行情况 blocks and those read exactly, over the fixtures counted."""
    counted = [s for s in scores if not s.unreadable]
    return sum(s.executions for s in counted), sum(s.executions_exact for s in counted)


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
        "{1} of {0} expected budget-execution blocks (预算执行情况: amounts, rate, points and money unit) read "
        "exactly.".format(*execution_share(scores)),
        "",
        "{1} of {0} weights, actuals and scores of the indicators found by name read exactly.".format(*field_share(scores)),
        "",
        "| 文件 | 类别 | 版式 | 读对 | 比例 | 多读 |",
        "|---|---|---|---|---|---|",
    ]
    for s in scores:
        kind = "自评表" if s.kind == "self_evaluation" else "目标表"
        template = s.template.replace("|", "/")
        lines.append(f"| `{s.file}` | {kind} | {template} | {s.exact}/{s.expected} | {s.share:.0%} | {s.spurious} |")
    return "\n".join(lines)


README = FIXTURES.parents[2] / "README.md"
README_START = "<!-- reading:start (generated by `python bench/reading_corpus.py --docs` from tests/fixtures/real; do not edit) -->"
README_END = "<!-- reading:end -->"
# The layout families of the corpus, told from each fixture's description and format: the first
# that matches names the family.
LAYOUTS = (
    ("Excel 工作簿", lambda s: s.file.endswith(".xlsx")),
    ("Word 文档", lambda s: s.file.endswith(".docx")),
    ("文字连排、无分隔", lambda s: "无分隔" in s.template or "连排" in s.template),
    ("一格一行", lambda s: "一格一行" in s.template or "每格一行" in s.template or "每行一条" in s.template),
    ("竖线分隔", lambda s: "竖线" in s.template),
    ("空格分隔", lambda s: "空格" in s.template),
)


def layout(s: Score) -> str:
    return next((name for name, test in LAYOUTS if test(s)), "其他")


def readme_table(scores: list[Score]) -> str:
    """The share read exactly per kind of table and layout, as README.md shows it."""
    counted = [s for s in scores if not s.unreadable]
    groups: dict[tuple[str, str], list[Score]] = {}
    for s in counted:
        groups.setdefault(("自评表" if s.kind == "self_evaluation" else "目标表", layout(s)), []).append(s)
    order = [name for name, _ in LAYOUTS] + ["其他"]
    lines = ["| 类别 | 版式 | 文件数 | 读对的指标 | 比例 |", "|---|---|---|---|---|"]
    for (kind, shape), group in sorted(groups.items(), key=lambda g: (g[0][0] != "目标表", order.index(g[0][1]))):
        exact, total = sum(s.exact for s in group), sum(s.expected for s in group)
        lines.append(f"| {kind} | {shape} | {len(group)} | {exact}/{total} | {exact / total:.0%} |")
    exact, total = sum(s.exact for s in counted), sum(s.expected for s in counted)
    lines.append(f"| 合计 | | {len(counted)} | {exact}/{total} | {exact / total:.1%} |")
    return "\n".join(lines)


def write_docs(scores: list[Score]) -> None:
    from jixiao.core import vocabulary

    text = DOCS.read_text(encoding="utf-8")
    text = _between(text, START, END, markdown(scores))
    text = _between(text, "<!-- vocabulary:start -->", "<!-- vocabulary:end -->", vocabulary.markdown())
    DOCS.write_text(text, encoding="utf-8")
    readme = README.read_text(encoding="utf-8")
    README.write_text(_between(readme, README_START, README_END, readme_table(scores)), encoding="utf-8")


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
