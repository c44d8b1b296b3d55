"""Recognising 一级/二级 indicator labels and normalising them to a category."""

from __future__ import annotations

import re
from functools import lru_cache

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
    ("预期产出", "产出"),
    ("产出", "产出"),
    ("成本", "成本"),
    ("效益", "效益"),
    ("效果", "效益"),
    ("满意度", "满意度"),
)

_SPACE = re.compile(r"\s+")
_LABEL = re.compile(r"指标([(（][^)）]*[)）])?$")


def compact(label: str) -> str:
    """Remove all whitespace: PDF extraction splits words ("满意度指 标")."""
    if not label:
        return ""
    if " " not in label and "\u3000" not in label and "\t" not in label:
        return label
    return _SPACE.sub("", label)


def _stem(label: str) -> str:
    s = compact(label).replace("（", "(").replace("）", ")")
    s = re.sub(r"\(.*?\)$", "", s)  # "产出指标(50分)"
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
def level1_kind(label: str) -> str | None:
    """'产出' / '成本' / '效益' / '满意度' for a 一级 label such as '产出指标', else None."""
    if not is_label(label):
        return None
    stem = _stem(label)
    for word, kind in _LEVEL1_STEMS:
        if stem == word:
            return kind
    return None


@lru_cache(maxsize=4096)
def category_of(level1: str, level2: str) -> str | None:
    """Normalised category from the labels as written; 二级 wins, 一级 fills in when 二级 is empty."""
    if level2:
        found = level2_category(level2, strict=False)
        if found:
            return found
    kind = level1_kind(level1) if level1 else None
    return {"成本": "cost", "满意度": "satisfaction"}.get(kind or "")
