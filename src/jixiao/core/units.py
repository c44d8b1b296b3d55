"""Units of target values: the unit grammar and conversion between 万元 and 元.

A unit is normalised text: half-width characters (NFKC), no spaces, e.g. '%', '次', '元/份',
'万元/年', '元/份(个)'. A parenthesised part names an alternative counting word and does not change
what the unit measures, so '元/份(个)' is compatible with '元/份'.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal

# Counting words and measures seen in 绩效目标表; longer entries first so the regex prefers them.
BASE_UNITS = sorted(
    """
    % ‰ 元 次 人次 户次 人天 人日 人 名 位 份 个 间 家 户 场 场次 件 册 张 套 台 本 处 所 项 期 批 条 篇
    页 块 组 队 支 辆 座 棵 株 头 只 宗 起 单 例 床 栋 幢 层 门 类 种 部 集 节 课时 学时 课 堂 班 届
    年 月 周 天 日 小时 分钟 个月 工作日 个工作日 季度 平方米 平方公里 立方米 公顷 亩 米 公里 千米
    千克 公斤 吨 升 千瓦时 分 厘米 毫米 粒 万粒 万人 万人次 万亩 村 校 站 所 辆次 户数 人/天 M km
    """.split(),
    key=len,
    reverse=True,
)
SCALES = {"万": Decimal(10000), "亿": Decimal(100_000_000)}
MONEY = "元"

_BASE = "|".join(re.escape(u) for u in BASE_UNITS)
_SEGMENT = rf"(?:[万亿](?=元))?(?:{_BASE})"
# A whole unit: '万元', '元/人/年', '元/人*月', '元/份(个)'.
UNIT_PATTERN = rf"{_SEGMENT}(?:[/*·]{_SEGMENT})*(?:\((?:{_SEGMENT})(?:/{_SEGMENT})*\))?"
_ALTERNATIVE_RE = re.compile(r"\([^)]*\)")
_UNIT_RE = re.compile(rf"^{UNIT_PATTERN}$")


def normalise_unit(unit: str | None) -> str | None:
    if unit is None:
        return None
    text = re.sub(r"\s+", "", unicodedata.normalize("NFKC", unit))
    return text or None


def is_unit(text: str) -> bool:
    """A whole cell that is a unit ('人次', '万元/年'): a 度量单位 column's cell."""
    return bool(_UNIT_RE.match(normalise_unit(text) or ""))


def is_money(unit: str | None) -> bool:
    return bool(unit) and _split(unit)[1].startswith(MONEY)


def _split(unit: str) -> tuple[Decimal, str]:
    """(scale, base): '万元/年' -> (10000, '元/年'); '元/份(个)' -> (1, '元/份')."""
    text = _ALTERNATIVE_RE.sub("", normalise_unit(unit) or "")
    if len(text) > 1 and text[0] in SCALES and text[1:].startswith(MONEY):
        return SCALES[text[0]], text[1:]
    return Decimal(1), text


def units_compatible(a: str | None, b: str | None) -> bool:
    """True when values in units a and b can be compared. A bare number (None) fits any unit."""
    if a is None or b is None:
        return True
    return _split(a)[1] == _split(b)[1]


def convert_amount(value: Decimal, from_unit: str | None, to_unit: str | None) -> Decimal | None:
    """``value`` expressed in ``to_unit`` (万元 -> 元 multiplies by 10000); None if not convertible.

    A bare number (either unit None) is taken as already being in the other unit.
    """
    if from_unit is None or to_unit is None:
        return value
    (from_scale, from_base), (to_scale, to_base) = _split(from_unit), _split(to_unit)
    if from_base != to_base:
        return None
    if from_scale == to_scale:
        return value
    return value * from_scale / to_scale
