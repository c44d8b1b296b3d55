"""Cells recognised by their content in text that lost every separator.

Text extracted from a Word file, a scanned page or a web preview often runs a whole table together:
'一级指标二级指标三级指标指标值数量指标培训人次500人次质量指标…'. The heading row is found as a run
of three or more grid headings (``vocabulary.GRID_LABELS``); what follows is cut into cells by what
the cells look like: 一级/二级 labels, numbering (指标1), values (a number with its sign and unit, a
date, a result word at a line's end), the words that open an explanation column (反映…), and the
text between them. The recogniser then groups the cells into rows as it does for one cell per line.

Values glued to each other are parted where the table makes it certain enough: a weight before a
target that the actual repeats ('8550万粒550万粒' → 8 | 550万粒 | 550万粒), a target its actual
repeats ('是是' → 是 | 是, '工5%工5%' → 工5% | 工5%), a yes target before an actual in words
('是基本达到'), a weight after a bare target ('210010' → 2100 | 10). Two text columns run together
are parted where the grid says which follows which: a name before a description column ends at the
noun of what it measures, a basis column after the values closes at its verb (按…评价).
"""

from __future__ import annotations

import re
from functools import lru_cache

from jixiao.core import categories
from jixiao.core.reading.align import BASIS, GRADE_RUN
from jixiao.core.units import BASE_UNITS
from jixiao.core.vocabulary import NOTE_OPENINGS, RESULT_WORDS, grid_label, grid_label_texts, simplify

_SIGN = r"(?:[≥≤><=≧≦＞＜═﹦＝]=?)"
# Units a glued value may carry. Dates and points are left out: '2021年' and '8分' open names and
# notes more often than they end a value.
_GLUED_UNITS = "|".join(re.escape(u) for u in BASE_UNITS if u not in ("年", "月", "日", "分", "天", "周"))
_VALUE = re.compile(
    r"不超过?(?:年度)?预算(?:标准)?|"  # the usual target of a 成本 indicator, written as words
    rf"\d{{4}}年\d{{1,2}}月(?:\d{{1,2}}日)?(?:前|之前|底)?"
    rf"|{_SIGN}?\d+(?:\.\d+)?(?:%|‰|(?:[万亿](?=元))?(?:{_GLUED_UNITS}))?(?:以上|以下|以内)?"
)
_NUMBERING = re.compile(r"指标[1-9][:：.、]?(?=[\u4e00-\u9fff])")
# The 总分/合计 row and the notes under a table close it; '……' stands for rows left empty.
_CLOSING = re.compile(r"……+|总分|合计|注[:：]")
# A numbered section heading ('(二)项目财务管理状况', '三、') ends the table: report text follows.
_SECTION = re.compile(r"[(（][一二三四五六七八九十]{1,3}[)）]|(?<![\u4e00-\u9fff])[一二三四五六七八九十]{1,3}、")
_BARE = re.compile(r"^\d+$")
_NUMBER = re.compile(r"^\d+(?:\.\d+)?$")
MIN_HEADINGS = 3


@lru_cache(maxsize=1)
def _level_pattern() -> re.Pattern[str]:
    level1, level2 = categories.label_stems()
    one = "|".join(sorted(map(re.escape, level1), key=len, reverse=True))
    two = "|".join(sorted(map(re.escape, level2), key=len, reverse=True))
    note = r"(?:[(（]\d+(?:\.\d+)?分[)）])?"
    # '产出数量指标': a bare 一级 stem before a 二级 label is the 一级 cell
    # '生态效益指标1病害减少': a label run into the numbering of the name after it
    numbering = r"(?:(?<=指标)[1-9][:：.、]?(?=[\u4e00-\u9fff]))?"
    return re.compile(rf"(?:({one})(?=(?:{two})(?:指标|目标)))?((?:{one}|{two})(?:指标|目标){note}){numbering}")


@lru_cache(maxsize=1)
def _heading_starts() -> frozenset[str]:
    return frozenset(t[0] for t in grid_label_texts())


def find_header(line: str) -> tuple[int, int, list[str]] | None:
    """The first run of three or more grid headings in a line with no separators: (start, end,
    headings as written); positions in the line with its spaces removed."""
    text = compact(line)
    simple = simplify(text)
    starts = _heading_starts()
    for i, char in enumerate(simple):
        if char not in starts:
            continue
        parts, j = [], i
        while True:
            label = next((w for w in grid_label_texts() if simple.startswith(w, j)), None)
            if label is None:
                break
            parts.append(text[j:j + len(label)])
            j += len(label)
        if len(parts) >= MIN_HEADINGS:
            grades = GRADE_RUN.match(simple, j)
            if grades:  # 评价标准 over 优 | 良 | 中 | 差
                parts += list(text[j:grades.end()])
                j = grades.end()
            return i, j, parts
    return None


# A numbered sentence of a report ('3.分析评价申报内容是否与实际相符,申报目标是否合理可行'): a
# question or finding, long and with a clause break, where a numbered name is short.
_NUMBERED_SENTENCE = re.compile(r"^\d{1,2}[.、．][\u4e00-\u9fff].{12,}[,，;；].{4,}$")


def is_section(text: str) -> bool:
    """A cell that opens a numbered section of a report ('(三)项目自评步骤', '二、项目资金', a numbered
    sentence): the table above it has ended."""
    text = compact(text)
    m = _SECTION.match(text)
    return m is not None and m.start() == 0 or bool(_NUMBERED_SENTENCE.match(text))


def section_start(text: str) -> int | None:
    m = _SECTION.search(compact(text))
    return m.start() if m else None


def cells(text: str, roles: list[tuple[str, str | None]], line_end: bool = True) -> list[str]:
    """The cells of glued text under a grid with these roles (key, side), in order."""
    text = compact(text)
    simple = simplify(text)
    keys = [k for k, _ in roles]
    out: list[str] = []
    at = 0
    for m in _LEVEL_OR_NUMBERING(simple):
        out += _pieces(text[at:m.start()], simple[at:m.start()], keys)
        if m.re is _NUMBERING or m.group().startswith("…"):
            pass  # the numbering of a name is not part of it
        elif m.re is _CLOSING:
            out.append(m.group())
        else:
            out += [text[m.start(g):m.end(g)] for g in (1, 2) if m.group(g)]
        at = m.end()
    out += _pieces(text[at:], simple[at:], keys, line_end)
    return _part_texts(_repeated_values(_split_glued_numbers(out, keys), keys), keys)


def _LEVEL_OR_NUMBERING(simple: str):
    """Level labels, numbering and closing words, in order of position (numbering inside a label
    does not count)."""
    found = sorted([*_level_pattern().finditer(simple), *_NUMBERING.finditer(simple), *_CLOSING.finditer(simple)],
                   key=lambda m: (m.start(), -m.end()))
    at = 0
    for m in found:
        if m.start() >= at:
            yield m
            at = m.end()


def _pieces(text: str, simple: str, keys: list[str], line_end: bool = False) -> list[str]:
    """Text between labels: names, notes and values."""
    out: list[str] = []
    at = 0
    for m in _VALUE.finditer(simple):
        before = simple[m.start() - 1] if m.start() else ""
        if before.isdigit() or before == "." or (before.isascii() and before.isalpha()):
            continue
        out += _texts(text[at:m.start()], simple[at:m.start()], keys)
        out.append(text[m.start():m.end()])
        at = m.end()
    rest = text[at:]
    tail = next((w for w in sorted(RESULT_WORDS, key=len, reverse=True) if line_end and rest.endswith(w) and len(rest) > len(w)), None)
    if tail:
        out += _texts(rest[:-len(tail)], simple[at:len(simple) - len(tail)], keys) + [tail]
    else:
        out += _texts(rest, simple[at:], keys)
    return out


def _texts(text: str, simple: str, keys: list[str]) -> list[str]:
    """A run of words: a name, and the explanation after it when the grid has such a column."""
    text = text.strip(",，;；")
    if not text:
        return []
    if "note" in keys:
        for word in NOTE_OPENINGS:
            cut = simple.find(word, 2)
            if cut > 0:
                return [text[:cut], text[cut:]]
    half = len(text) // 2
    if "actual" in keys and len(text) % 2 == 0 and 0 < half <= 6 and text[:half] == text[half:]:
        return [text[:half], text[half:]]  # a target and the actual that repeats it
    return [text]


def _split_glued_numbers(out: list[str], keys: list[str]) -> list[str]:
    weight_first = "weight" in keys and "annual" in keys and keys.index("weight") < keys.index("annual")
    weight_after = "annual" in keys and keys.index("annual") + 1 < len(keys) and keys[keys.index("annual") + 1] == "weight"
    result: list[str] = []
    for n, cell in enumerate(out):
        after = out[n + 1] if n + 1 < len(out) else ""
        if weight_first and after and cell != after and cell.endswith(after) and _BARE.match(cell[: -len(after)]):
            result += [cell[: -len(after)], after]  # weight | target, the actual repeating the target
            continue
        before = out[n - 1] if n else ""
        if weight_after and _BARE.match(cell) and len(cell) >= 4 and cell[-2] != "0" and not _NUMBER.match(before or "x") \
                and not _is_value(after):
            result += [cell[:-2], cell[-2:]]  # a bare target and the two-digit weight after it
            continue
        result.append(cell)
    return result


# A name ends in the noun of what it measures (覆盖率, 满意度, 受益人数, 发放的比率), with its unit in brackets.
_NAME_END = re.compile(r"[\u4e00-\u9fff]{2,}?(?:比例|比率|率|(?<!年)度|数|量)+(?:[(（][^()（）]{1,6}[)）])?")
MIN_NOTE = 4


def _part_texts(out: list[str], keys: list[str]) -> list[str]:
    """Words run together over two text columns, parted where the grid says which follow which: after
    the values, the basis column closes with its verb (按…评价) before the next name; a name followed by
    a description column ends in the noun of what it measures."""
    values = [n for n, k in enumerate(keys) if k in ("annual", "grade", "period", "value", "actual", "weight", "score")]
    basis_after = bool(values) and "note" in keys[values[-1] + 1:]
    name_at = keys.index("name") if "name" in keys else -1
    described = 0 <= name_at < len(keys) - 1 and keys[name_at + 1] == "note"
    result: list[str] = []
    for n, cell in enumerate(out):
        before = out[n - 1] if n else ""
        if basis_after and _is_value(before) and not _is_value(cell):
            basis = BASIS.match(cell)
            if basis and len(cell) - basis.end() >= MIN_NOTE:
                result.append(cell[:basis.end()])
                cell, before = cell[basis.end():], ""
        if described and not _is_value(cell) and (not before or _is_level(before)):
            name = _NAME_END.match(cell)
            if name and len(cell) - name.end() >= MIN_NOTE and cell[name.end()] not in ",，;；。、)）":
                result += [cell[:name.end()], cell[name.end():]]
                continue
        result.append(cell)
    return result


def _repeated_values(out: list[str], keys: list[str]) -> list[str]:
    """A target and the actual that repeats it, where a sign the scan misread stood before each value
    ('工5%工5%' → 工5% | 工5%): the stray character kept with its value, as written; and a yes/no target
    glued to an actual in words ('是基本达到' → 是 | 基本达到)."""
    if "actual" not in keys:
        return out
    result: list[str] = []
    n = 0
    while n < len(out):
        a, b = out[n], out[n + 1] if n + 1 < len(out) else ""
        if out[n:n + 2] == out[n + 2:n + 4] and len(a) == 1 and not _is_value(a) and _is_value(b):
            result += [a + b, a + b]
            n += 4
            continue
        before = result[-1] if result else ""
        if a[:1] in "是否" and 2 <= len(a) - 1 <= 6 and a[1] not in "是否" and _is_value(before) and not _is_value(a):
            result += [a[0], a[1:]]
            n += 1
            continue
        result.append(a)
        n += 1
    return result


def _is_level(text: str) -> bool:
    return bool(_level_pattern().fullmatch(simplify(text)))


def _is_value(text: str) -> bool:
    return bool(text) and bool(_VALUE.fullmatch(simplify(text)))


def compact(text: str) -> str:
    return re.sub(r"[ \u3000\u00a0\t]+", "", text)


def heading_roles(parts: list[str]) -> list[tuple[str, str | None]]:
    return [grid_label(p) or ("note", None) for p in parts]
