"""Grid extraction from text: the cells of each line, whatever separated them.

Published pages reach a reader as text in many shapes; the separator is detected per line:
- tabs (text extracted from a PDF or copied from a spreadsheet);
- pipes, `a | b | c`, with `||` runs where merged cells were (and a pipe at each line end);
- one cell per line, cells parted by blank lines (a web page's table flattened), where a line
  holding only spaces is an empty cell;
- runs of spaces (previews of spreadsheets): every run of spaces parts two cells.
A line with none of these is one cell. Empty cells are dropped except in the one-cell-per-line
shape, where they keep the columns in place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_PIPE = re.compile(r"\s*[|｜]\s*")
_SPACES = re.compile(r"[ \u3000\u00a0]+")
_WIDE_SPACES = re.compile(r"[ \u3000\u00a0]{2,}|\t")


@dataclass
class Row:
    """One row of cells: (column, text) with the text stripped; ``line`` is 1-based."""

    line: int
    cells: list[tuple[int, str]]
    shape: str  # tab | pipe | spaces | line


# Some converters to traditional script put the reading after a character: 區(qū), 價(jià).
_GLOSS = re.compile(r"(?<=[\u4e00-\u9fff])\((?:[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňḿ]{1,6})\)")
# A spreadsheet row flattened into one line of single-space-separated cells holds many cells;
# past this many, the line is read as a stream of cells like a table given one cell per line.
STREAM_CELLS = 24


def rows_from_text(text: str) -> tuple[list[Row], list[str]]:
    """The rows of a document given as text, each line split by its own separator, and the repairs."""
    repairs = []
    cleaned = _GLOSS.sub("", text)
    if cleaned != text:
        repairs.append("已去除繁体转换时插入的拼音注音，如“區(qū)”")
    lines = cleaned.splitlines()
    single = _one_cell_per_line(lines)
    spaced = _space_separated(lines)
    rows: list[Row] = []
    glued = None  # True while rows run together under a heading row that had no separators
    for number, raw in enumerate(lines, start=1):
        if not raw.strip():
            glued = None
            if single and raw and number > 1:
                rows.append(Row(number, [(0, "")], "line"))  # an empty cell of a flattened table
            continue
        row = split_line(raw, number, single, spaced)
        if row.shape == "line" and not single:
            parts = glued_header(row.cells[0][1]) if glued is None else glued_row(row.cells[0][1])
            if parts:
                if glued is None:
                    repairs.append(f"第{number}行的表头没有分隔，按标签拆开")
                glued = True
                row = Row(number, list(enumerate(parts)), "spaces")
            else:
                glued = None
        if [text for _, text in row.cells] == ["指标"] and _join_label(rows):
            repairs.append(f"第{number}行的“指标”与上一格合为一个标签")
            continue
        if row.shape == "spaces" and len(row.cells) > STREAM_CELLS:
            rows.extend(Row(number, [cell], "line") for cell in row.cells)
        else:
            rows.append(row)
    return rows, repairs


def split_line(raw: str, number: int, single: bool = False, spaced: bool = False) -> Row:
    line = raw.rstrip("\r\n")
    if "\t" in line:
        parts, shape = line.split("\t"), "tab"
    elif "|" in line or "｜" in line:
        parts, shape = _PIPE.split(line.strip()), "pipe"
    elif not single and len(_SPACES.split(line.strip())) >= (2 if spaced else 3):
        parts, shape = _bracketed(_SPACES.split(line.strip())), "spaces"
    else:
        parts, shape = [line], "line"
    cells = [(i, p.strip()) for i, p in enumerate(parts) if p.strip()]
    if shape == "pipe" and len(cells) <= 1:
        shape = "line"  # `text |` : one cell per line with a pipe at its end; `||`: an empty cell
        cells = cells or [(0, "")]
    return Row(number, cells, shape)


def glued_header(line: str) -> list[str] | None:
    """A heading row with no separators ('绩效指标一级指标二级指标指标内容指标值') split into its
    labels by the vocabulary, longest first; None unless the whole line is three labels or more."""
    from jixiao.core.vocabulary import grid_label_texts

    text, parts = line.strip().replace(" ", ""), []
    while text:
        label = next((w for w in grid_label_texts() if text.startswith(w)), None)
        if label is None:
            return None
        parts.append(label)
        text = text[len(label):]
    return parts if len(parts) >= 3 else None


def glued_row(line: str) -> list[str] | None:
    """An indicator row run together ('产出指标数量指标农村学校改造覆盖率100%'): the 一级/二级
    labels at its start, then the name, then the target at its end (a target that parses as one, or
    a result word such as 稳步提高)."""
    from jixiao.core.reading.align import is_level_label
    from jixiao.core.targets import parse_target
    from jixiao.core.vocabulary import RESULT_WORDS

    text, parts = line.strip().replace(" ", ""), []
    while True:
        cut = next((n for n in range(2, min(len(text), 16) + 1) if text[:n].endswith("指标") and is_level_label(text[:n])), None)
        if cut is None:
            break
        parts.append(text[:cut])
        text = text[cut:]
    if not text:
        return parts or None
    for n in range(1, len(text)):
        tail, before = text[n:], text[n - 1]
        if before.isdigit() or before in ".,%":
            continue
        value = parse_target(tail)
        if (value.kind in ("numeric", "deadline") and not value.warning) or tail in RESULT_WORDS:
            return [*parts, text[:n], tail]
    return None


def _join_label(rows: list[Row]) -> bool:
    """'经济效益' / '指标' on two lines is one label: add '指标' to the last cell written."""
    for row in reversed(rows):
        if row.cells and row.cells[-1][1]:
            column, text = row.cells[-1]
            if text.endswith("指标"):
                return False
            row.cells[-1] = (column, text + "指标")
            return True
    return False


def _bracketed(parts: list[str]) -> list[str]:
    """Spaces inside brackets do not part cells: '数量(' '≥**个' ')' is one cell."""
    out: list[str] = []
    for part in parts:
        if out and (_depth(out[-1]) > 0 or part[:1] in ")）"):
            out[-1] = f"{out[-1]} {part}"
        else:
            out.append(part)
    return out


def _depth(text: str) -> int:
    return text.count("(") + text.count("（") - text.count(")") - text.count("）")


def _space_separated(lines: list[str]) -> bool:
    """True when most lines part their cells by spaces (a spreadsheet's preview)."""
    filled = [line.strip() for line in lines if line.strip()]
    spaced = sum(1 for line in filled if "\t" not in line and "|" not in line and len(_SPACES.split(line)) >= 3)
    return len(filled) >= 5 and spaced >= len(filled) * 0.15


def _one_cell_per_line(lines: list[str]) -> bool:
    """True for a flattened table: most non-blank lines short and parted by blank lines."""
    filled = [line for line in lines if line.strip()]
    if len(filled) < 12:
        return False
    blank_between = sum(1 for a, b in zip(lines, lines[1:]) if a.strip() and not b.strip())
    separated = sum(1 for line in filled if "\t" in line or "|" in line or _WIDE_SPACES.search(line.strip()))
    return blank_between > len(filled) * 0.4 and separated < len(filled) * 0.2
