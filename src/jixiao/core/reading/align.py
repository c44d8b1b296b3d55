"""Aligning a row's cells to the grid's columns by what each cell looks like.

Real tables lose empty and merged cells, so a row's n-th cell is not the n-th column. Each cell is
given to a column, in order, maximising how well the cells fit their columns (dynamic programming
over cells × columns); a column may stay empty, and a cell that fits nowhere is left over.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from jixiao.core import categories
from jixiao.core.targets import parse_target
from jixiao.core.units import is_unit
from jixiao.core.vocabulary import LEVEL_ALIASES, NOTE_OPENINGS, RESULT_WORDS

NEG = float("-inf")
POSITION_BONUS = 0.3
_SIGNS = {"≥", "≤", "=", ">", "<", "＞", "＜", "≧", "≦", "═", "﹦", "＝", ">=", "<=", "≥=", "≤="}
_KINDS = {"定性", "定量", "正向", "反向", "区间", "中性"}
# A unit's name or code as lists print it ('820001-井研县马踏镇人民政府', '[015001]武汉市青山区教育局').
_ORGANISATION = re.compile(r"^\[?\d{3,}\]?[-—\s]|(?:部门|人民政府|政府|局|委员会|中心|办公室|学校|医院|单位)$")
_SIGN_START = set("≥≤=><＞＜≧≦═﹦＝")
_GLOSS = re.compile(r"\s*[(（][^()（）]{1,6}[)）]$")
_NUMBER = re.compile(r"^[-+]?\d[\d,]*(?:\.\d+)?\s*(?:分|%)?$")
# A block's points left alone when its label was lost ('(50分)' of '产出指标(50分)'): no column's value.
_POINTS_NOTE = re.compile(rf"^{categories.POINTS_NOTE}$")
# A name's numbering as some templates print it ('指标2.药品抽验平均标准'): such a cell is a name.
_NUMBERED_NAME = re.compile(r"^指标\d{1,2}[.、:：．]")


# 一级 labels printed without 指标 in a merged cell ('产出' over 数量指标, 质量指标 …); 成本 and 满意度
# are left out: alone they are as likely an indicator's name.
_BARE_LEVEL1 = {"产出", "预期产出", "效益", "效果"}


# A graded target: 评价标准 printed for each grade, 优 | 良 | 中 | 差 (some provinces add 低 before 差)
# under one heading. The first grade is the target the table sets; the lower grades are read into
# their columns and set aside.
GRADES = ("优", "良", "中", "低", "差")
GRADE_RUN = re.compile("优良中低?差")


# How a target or grade is judged (评价标准确定依据, 指标标准或依据): '按临时救助标准评价', '根据统计数据确定'.
BASIS = re.compile(r"(?:按|根据|依据|参照)[^,，;；。]{1,20}?(?:评价|确定|计算|核定|为准)")


class Role(NamedTuple):
    key: str
    side: str | None = None


def is_nature_sign(text: str) -> bool:
    return text.replace(" ", "") in _SIGNS


def nature_kind(text: str) -> str | None:
    t = text.replace(" ", "")
    return t if t in _KINDS else None


def canonical_label(text: str) -> str:
    """A level label as the category rules know it: some templates write 产出值/数量值 for
    产出指标/数量指标."""
    if text in LEVEL_ALIASES:
        return LEVEL_ALIASES[text]
    if text in _BARE_LEVEL1:
        return text + "指标"
    for suffix in ("值", "目标"):  # 产出值/数量值 (Shandong), 产出目标/数量目标 (Fujian)
        if text.endswith(suffix) and len(text) <= 8:
            label = text[: -len(suffix)] + "指标"
            if categories.level1_kind(label) or categories.level2_category(label):
                return label
    return text


def is_level_label(text: str) -> bool:
    """A 一级 or 二级 label that names a category ('达成预期指标' ends in 指标 but is a result)."""
    text = canonical_label(text)
    return bool(categories.is_label(text) and (categories.level1_kind(text) or categories.level2_category(text)))


def fit(role: Role, text: str) -> float:
    """How well a cell fits a column: NEG for never, higher for a surer fit."""
    if not text:
        return 0.05
    label = is_level_label(text)
    key = role.key
    if key == "level1":
        return 4 if categories.level1_kind(canonical_label(text)) else NEG
    if key == "level2":
        return 4 if categories.level2_category(canonical_label(text)) else NEG
    if label:
        return NEG
    number = bool(_NUMBER.match(text))
    if key != "name" and _NUMBERED_NAME.match(text):
        return NEG
    if _POINTS_NOTE.match(text):
        return 0.2 if key == "note" else NEG
    if key == "name":
        if len(text) == 1 or not any(c.isalnum() for c in text):
            return NEG  # '$', '^', '年': a misread sign or a split word, never a name
        if _ORGANISATION.search(text):
            return 0.3
        if number or is_nature_sign(text) or text[0] in _SIGN_START or parse_target(text).kind != "qualitative":
            return -0.5
        if text in RESULT_WORDS:
            return 0.2  # '基本达到' is what a row reached, not what it measures
        if _NUMBERED_NAME.match(text):
            return 2.5  # numbered: surely a name, a row of its own even with no value
        return 0.5 if len(text) <= 2 else 1.5
    if key in ("period", "annual", "grade"):
        if text.startswith(NOTE_OPENINGS[0]):
            return NEG  # '反映…' explains a target, it never is one
        kind = parse_target(text).kind
        return 2 if kind != "qualitative" else 1 if len(text) <= 14 else 0.4
    if key == "nature":
        return 3 if is_nature_sign(text) or nature_kind(text) else NEG
    if key == "value":
        return 2 if number else -0.2 if is_nature_sign(text) else 0.8
    if key == "unit":
        unit = _GLOSS.sub("", text) or text  # '%(百分比)': the unit and its name
        return 2 if len(unit) <= 8 and (is_unit(unit) or unit in ("百分比", "M", "m", "‰")) else NEG
    if key in ("weight", "score"):
        if not number:
            return 0.3 if text in ("/", "-", "—") else NEG
        if float(text.replace(",", "").rstrip("分%").strip()) > 100:
            return NEG  # points and scores are out of 100
        # a lone number is more often the points than the score: a table is printed before it is scored
        return 1.55 if key == "weight" else 1.5
    if key == "actual":
        return 1.2 if number else 1
    if key == "deviation":
        return 0.6 if not number else 0.1
    if key == "fact":  # a flat list's 项目名称/单位/预算 column
        if role.side == "budget":
            return 2.5 if number else NEG
        if role.side in ("unit", "department"):
            return 2 if _ORGANISATION.search(text) else 0.3
        return 0.6
    if BASIS.fullmatch(text) or text.startswith(NOTE_OPENINGS[0]):
        return 1.0  # how a target is judged, what an indicator reflects (反映…): a note column, surely
    return 0.2  # note: read and set aside


def align(roles: list[Role], texts: list[str], positions: list[int] | None = None) -> tuple[dict[int, Role], list[int]]:
    """Cell index → column for the best alignment, and the cells that fit no column.

    ``positions``: each cell's column where the format keeps columns (HTML, Word, tab-separated
    text); a cell standing in its heading's column fits a little better there, which settles
    labels valid at two levels (成本指标, 满意度指标).
    """
    n, m = len(texts), len(roles)
    best = [[NEG] * (m + 1) for _ in range(n + 1)]
    back: list[list[tuple[int, int, str] | None]] = [[None] * (m + 1) for _ in range(n + 1)]
    best[0][0] = 0.0
    for i in range(n + 1):
        for j in range(m + 1):
            here = best[i][j]
            if here == NEG:
                continue
            if j < m and here > best[i][j + 1]:  # column left empty
                best[i][j + 1], back[i][j + 1] = here, (i, j, "skip")
            if i < n:
                if here - 2 > best[i + 1][j]:  # cell left over
                    best[i + 1][j], back[i + 1][j] = here - 2, (i, j, "drop")
                if j < m:
                    score = fit(roles[j], texts[i])
                    if positions is not None and positions[i] == j and score != NEG:
                        score += POSITION_BONUS
                    if score != NEG and here + score > best[i + 1][j + 1]:
                        best[i + 1][j + 1], back[i + 1][j + 1] = here + score, (i, j, "take")
    assigned: dict[int, Role] = {}
    dropped: list[int] = []
    i, j = n, m
    while back[i][j] is not None:
        pi, pj, how = back[i][j]
        if how == "take":
            assigned[pi] = roles[pj]
        elif how == "drop":
            dropped.append(pi)
        i, j = pi, pj
    return assigned, sorted(dropped)
