"""Grid extraction from text: the cells of each line, whatever separated them.

Published pages reach a reader as text in many shapes; the separator is detected per line:
- tabs (text extracted from a PDF or copied from a spreadsheet);
- pipes, `a | b | c`, with `||` runs where merged cells were (and a pipe at each line end);
- one cell per line, cells parted by blank lines (a web page's table flattened), where a line
  holding only spaces is an empty cell;
- runs of spaces (previews of spreadsheets): every run of spaces parts two cells;
- nothing at all (text from a Word file or a scan): a heading row run together is found by its
  headings and the cells after it by their content (``glued``).
A line with none of these is one cell. Empty cells are dropped except in the one-cell-per-line
shape, where they keep the columns in place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from jixiao.core.reading.script import REPAIR, simplified

_PIPE = re.compile(r"\s*[|｜]\s*")
_SPACES = re.compile(r"[ \u3000\u00a0]+")
_WIDE_SPACES = re.compile(r"[ \u3000\u00a0]{2,}|\t")


@dataclass
class Row:
    """One row of cells: (column, text) with the text stripped; ``line`` is 1-based."""

    line: int
    cells: list[tuple[int, str]]
    shape: str  # tab | pipe | spaces | line | glued-head | glued (cells run together, see ``glued``)
    part: str | None = None  # the sheet, page or table the row is in (``Source.part``)


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
    converted = simplified(cleaned)
    if converted is not None:
        cleaned = converted
        repairs.append(REPAIR)
    lines = cleaned.splitlines()
    single = _one_cell_per_line(lines)
    spaced = _space_separated(lines)
    rows: list[Row] = []
    glued = False  # True while rows run together under a heading row that had no separators
    for number, raw in enumerate(lines, start=1):
        if not raw.strip():
            glued = False
            if single and raw and number > 1:
                rows.append(Row(number, [(0, "")], "line"))  # an empty cell of a flattened table
            continue
        row = split_line(raw, number, single, spaced)
        if row.shape == "line" and (glued or len(raw) >= MIN_GLUED):
            found, glued = _glued_rows(row.cells[0][1], number, glued)
            if found:
                if found[0].shape == "glued-head" or len(found) > 1 and found[1].shape == "glued-head":
                    repairs.append(f"第{number}行的表格没有分隔，按内容拆开")
                rows.extend(found)
                continue
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


# A line this long with no separator may hold a whole table run together (see ``glued``).
MIN_GLUED = 12


def _glued_rows(line: str, number: int, glued: bool) -> tuple[list[Row], bool]:
    """A line with no separators: the heading run and the cells after it ('glued-head', 'glued'),
    or, under such a heading, the next line of the table. Returns the rows and whether the table
    goes on."""
    from jixiao.core.reading import glued as content

    text = line.strip()
    rows: list[Row] = []
    if not glued:
        found = content.find_header(text)
        if found is None:
            return [], False
        start, end, parts = found
        compact = content.compact(text)
        if start:
            rows.append(Row(number, [(0, compact[:start])], "line"))
        rows.append(Row(number, list(enumerate(parts)), "glued-head"))
        text = compact[end:]
    cut = content.section_start(text)
    body, rest = (text, "") if cut is None else (text[:cut], text[cut:])
    if body:
        rows.append(Row(number, [(0, body)], "glued"))
    if rest:
        rows.append(Row(number, [(0, rest)], "line"))
    return rows, cut is None


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
