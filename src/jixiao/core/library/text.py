"""Chinese text for the 指标库: name normalisation, word tokens, pinyin initials, similarity.

Words come from jieba (the Rust port, ``rjieba``), fuzzy scores from rapidfuzz, initials from
pypinyin. Every score is 0–100.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import rjieba
from pypinyin import Style, lazy_pinyin
from rapidfuzz import fuzz

_BRACKETED = re.compile(r"[(（][^)）]*[)）]")
_SPACE = re.compile(r"\s+")
_PUNCTUATION = re.compile(r"[，,、。；;：:“”\"'‘’·/\\|()（）\[\]【】《》<>]+")
# Words that carry no meaning of their own in an indicator or project name.
MIN_QUALIFIED_LENGTH = 4
FILLER = frozenset("的 之 和 与 及 或 等 对 个 项 年 度".split())


@lru_cache(maxsize=16384)
def normalise_name(name: str) -> str:
    """'预算执行率（%）' -> '预算执行率'; '采购宣传制品的数量' stays; spaces and NFKC width go."""
    text = unicodedata.normalize("NFKC", name or "")
    text = _BRACKETED.sub("", text)
    return _SPACE.sub("", text)


def bracketed_unit(name: str) -> str | None:
    """The unit some names carry in brackets: '预算执行率（%）' -> '%'."""
    found = re.search(r"[(（]\s*([^)）]{1,6})\s*[)）]\s*$", unicodedata.normalize("NFKC", name or ""))
    if not found:
        return None
    unit = found.group(1)
    return unit if unit in ("%", "元", "万元", "次", "人", "个", "份", "人次", "天") else None


@lru_cache(maxsize=8192)
def words(text: str) -> tuple[str, ...]:
    """Meaningful words of a text for matching: jieba's search segmentation minus filler and punctuation."""
    clean = _PUNCTUATION.sub(" ", unicodedata.normalize("NFKC", text or "").lower())
    found = []
    for chunk in clean.split():
        for word in rjieba.cut_for_search(chunk):
            word = word.strip()
            if word and word not in FILLER:
                found.append(word)
    return tuple(dict.fromkeys(found))


@lru_cache(maxsize=8192)
def initials(text: str) -> str:
    """Pinyin initials: '宣传活动次数' -> 'xchdcs' (other characters kept, lower case)."""
    return "".join(lazy_pinyin(normalise_name(text), style=Style.FIRST_LETTER)).lower()


def name_similarity(a: str, b: str) -> float:
    """How alike two indicator names are: the better of a character ratio and a word-set ratio.

    The word-set ratio lets a qualified name ('维稳宣传活动次数') meet its generic form ('宣传活动次数'),
    but only from four characters on: a bare '满意度' or '完成率' says too little to be anything's
    generic form.
    """
    a, b = normalise_name(a), normalise_name(b)
    if a == b:
        return 100.0
    if min(len(a), len(b)) < MIN_QUALIFIED_LENGTH:
        return fuzz.ratio(a, b)
    return max(fuzz.ratio(a, b), fuzz.token_set_ratio(" ".join(words(a)), " ".join(words(b))))


@lru_cache(maxsize=8192)
def head_word(name: str) -> str:
    """The last word of a name, which says what is measured: '宣传活动次数' -> '次数'."""
    cut = [w for w in rjieba.cut(normalise_name(name)) if w.strip() and w not in FILLER]
    if len(cut) > 1 and len(cut[-1]) == 1:  # '合规' + '率' is one head: 合规率
        return cut[-2] + cut[-1]
    return cut[-1] if cut else ""
