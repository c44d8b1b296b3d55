"""The indicator categories and their 一级 blocks, and recognising 一级/二级 labels as written.

``CATEGORY_TABLE`` is the one category → 二级 label → 一级 block map; every layout, review rule and
scoring block reads it (directly or through ``block_of``).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

# 一级 blocks (as scored and as printed): code → 一级 label.
OUTPUT, COST, BENEFIT, SATISFACTION = "output", "cost", "benefit", "satisfaction"
BLOCK_LEVEL1 = {OUTPUT: "产出指标", COST: "成本指标", BENEFIT: "效益指标", SATISFACTION: "满意度指标"}


class Category(NamedTuple):
    code: str  # the normalised category of the JSON form
    label: str  # 二级指标 label
    block: str  # the 一级 block it sits under (成本 as its own 一级, the common Guangdong layout)


CATEGORY_TABLE: tuple[Category, ...] = (
    Category("quantity", "数量指标", OUTPUT),
    Category("quality", "质量指标", OUTPUT),
    Category("timeliness", "时效指标", OUTPUT),
    Category("cost", "成本指标", COST),
    Category("economic", "经济效益指标", BENEFIT),
    Category("social", "社会效益指标", BENEFIT),
    Category("ecological", "生态效益指标", BENEFIT),
    Category("sustainability", "可持续影响指标", BENEFIT),
    Category("satisfaction", "满意度指标", SATISFACTION),
)
CATEGORIES = tuple(c.code for c in CATEGORY_TABLE)
CATEGORY_LABELS = {c.code: c.label for c in CATEGORY_TABLE}
CATEGORY_BLOCK = {c.code: c.block for c in CATEGORY_TABLE}
CATEGORY_LEVEL1 = {c.code: BLOCK_LEVEL1[c.block] for c in CATEGORY_TABLE}


def categories_in(block: str) -> tuple[str, ...]:
    """The categories of one 一级 block, in table order: OUTPUT → quantity, quality, timeliness."""
    return tuple(c.code for c in CATEGORY_TABLE if c.block == block)

# Matched against a label with whitespace and the trailing "指标" removed. Order matters: the
# longer, more specific stems come first ("服务对象满意度" before "满意度", "经济成本" before "经济").
_LEVEL2_STEMS: tuple[tuple[str, str], ...] = (
    ("服务对象满意度", "satisfaction"),
    ("社会公众满意度", "satisfaction"),
    ("满意度", "satisfaction"),
    ("数量", "quantity"),
    ("建筑规模", "quantity"),
    ("质量", "quality"),
    ("时效", "timeliness"),
    ("工期", "timeliness"),
    ("形象进度", "timeliness"),
    ("经济成本", "cost"),
    ("社会成本", "cost"),
    ("生态环境成本", "cost"),
    ("预算控制", "cost"),
    ("投资规模控制", "cost"),
    ("成本", "cost"),
    ("经济效益", "economic"),
    ("社会效益", "social"),
    ("生态效益", "ecological"),
    ("可持续影响", "sustainability"),
)

_LEVEL1_STEMS: tuple[tuple[str, str], ...] = (
    ("预期产出", OUTPUT),
    ("产出", OUTPUT),
    ("成本", COST),
    ("效益", BENEFIT),
    ("效果", BENEFIT),
    ("满意度", SATISFACTION),
)


def label_stems() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The 一级 and 二级 label stems (the label without 指标), for finding labels inside running text."""
    return tuple(w for w, _ in _LEVEL1_STEMS), tuple(w for w, _ in _LEVEL2_STEMS)


_SPACE = re.compile(r"\s+")
# A block's points as templates print them after a label or alone in a cell: '(20分)', '（20分）',
# '(0-20)分', '(40-50分)', '（20 分）'. The one definition of a points note.
_POINTS = r"\d+(?:\.\d+)?(?:\s*[-－~～—至]\s*\d+(?:\.\d+)?)?"
POINTS_NOTE = rf"(?:[(（]\s*{_POINTS}\s*分\s*[)）]|[(（]\s*{_POINTS}\s*[)）]\s*分)"
_POINTS_AT_END = re.compile(rf"\s*{POINTS_NOTE}$")
_LABEL = re.compile(rf"指标(?:[(（][^)）]*[)）]|{POINTS_NOTE})?$")


def without_points(label: str) -> str:
    """The label without a points note at its end ('成本指标(0-20)分' → '成本指标')."""
    return _POINTS_AT_END.sub("", label)


def compact(label: str) -> str:
    """Remove all whitespace: PDF extraction splits words ("满意度指 标")."""
    if not label:
        return ""
    if " " not in label and "\u3000" not in label and "\t" not in label:
        return label
    return _SPACE.sub("", label)


def _stem(label: str) -> str:
    s = compact(label).replace("（", "(").replace("）", ")")
    s = re.sub(r"\(.*?\)分?$", "", s)  # "产出指标(50分)", "产出指标(40-50)分"
    return s[:-2] if s.endswith("指标") else s


@lru_cache(maxsize=4096)
def is_label(text: str) -> bool:
    """Looks like an indicator-level label: ends in 指标, optionally followed by '(50分)'."""
    return bool(_LABEL.search(compact(text)))


@lru_cache(maxsize=4096)
def level2_category(label: str, strict: bool = True) -> str | None:
    """The category of a 二级 label such as '数量指标' or '服务对象满意度指标', else None.

    With ``strict`` the label must end in 指标, as in a table read from a document; a bare '数量'
    is accepted only when the caller already knows the text is a 二级 label.
    """
    if strict and not is_label(label):
        return None
    stem = _stem(label)
    for word, category in _LEVEL2_STEMS:
        if stem == word:
            return category
    return None


@lru_cache(maxsize=4096)
def level1_block(label: str) -> str | None:
    """The block (OUTPUT, COST, BENEFIT, SATISFACTION) of a 一级 label such as '产出指标' or '效果指标'."""
    if not is_label(label):
        return None
    stem = _stem(label)
    for word, block in _LEVEL1_STEMS:
        if stem == word:
            return block
    return None


def level1_kind(label: str) -> str | None:
    """'产出' / '成本' / '效益' / '满意度' for a 一级 label such as '产出指标', else None."""
    block = level1_block(label)
    return BLOCK_LEVEL1[block].removesuffix("指标") if block else None


def block_of(category: str | None, level1: str | None = None) -> str | None:
    """The 一级 block of an indicator: by its category, else by its 一级 label as written."""
    return CATEGORY_BLOCK.get(category or "") or (level1_block(level1) if level1 else None)


@lru_cache(maxsize=4096)
def category_of(level1: str, level2: str) -> str | None:
    """Normalised category from the labels as written; 二级 wins, 一级 fills in when 二级 is empty."""
    if level2:
        found = level2_category(level2, strict=False)
        if found:
            return found
    block = level1_block(level1) if level1 else None
    return {COST: "cost", SATISFACTION: "satisfaction"}.get(block or "")
