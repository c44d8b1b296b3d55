"""Target-value grammar: 指标值 text <-> TargetValue.

``parse_target`` never raises. It tries, in order: a composite (parts split on '；' or a labelled
value '良好等级：500元/人'), a deadline ('2024年内', '2024年6月30日前', '及时'), a numeric value
('≥80%', '不少于2次', '80%-90%', '±3%以内', '1.25元/份'), and finally qualitative text. Descriptive
Chinese without digits or symbols is qualitative as written; anything else that fits no pattern is
qualitative with a warning.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from dataclasses import replace
from datetime import date
from functools import lru_cache

from jixiao.core.model import TargetValue
from jixiao.core.numbers import exact, parse_decimal
from jixiao.core.units import UNIT_PATTERN, convert_amount, is_money, units_compatible

__all__ = [
    "parse_target",
    "format_target",
    "explain_target",
    "convert_amount",
    "units_compatible",
]

WARN_EMPTY = "指标值为空，按定性指标处理"
WARN_UNKNOWN = "无法识别的指标值，按定性指标处理"
WARN_DATE = "日期无效，按定性指标处理"
WARN_MASKED = "数值被遮蔽（*号），按定性指标处理"

_SYMBOLS = str.maketrans({"≧": "≥", "≦": "≤", "〜": "~", "—": "-", "–": "-", "－": "-", "﹣": "-", "═": "="})
# Words some templates write for a unit sign: ≥100百分比 is ≥100%.
_UNIT_WORDS = (("%(百分比)", "%"), ("百分比", "%"), ("百分之", ""))  # '98%(百分比)': the unit and its name
# Digits masked in a published copy (≥**个, ****元): the value is not known, the row is.
_MASKED_RE = re.compile(r"\*{2,}")
# A span of months written as dates (2023.07-2024.01, 2024年6月-2025年1月): due by the end of the span.
_DATE_SPAN_RE = re.compile(
    r"^(?P<y1>\d{4})(?:[.\-/年])(?P<m1>\d{1,2})月?(?:[-~至到])(?P<y2>\d{4})(?:[.\-/年])(?P<m2>\d{1,2})月?(?:前|止|底)?$"
)
# ≥= and ≤=: a 指标性质 column printing 大于等于 as both signs.
_SYMBOL_PAIRS = {">=": "≥", "=>": "≥", "<=": "≤", "=<": "≤", "≥=": "≥", "=≥": "≥", "≤=": "≤", "=≤": "≤",
                 "+-": "±", "+/-": "±"}
_SYMBOL_PAIRS_RE = re.compile(r"\+/-|[<>≥≤]=|=[<>≥≤]|\+-")
# Spaces go, except between two digits: '5 6个' is not 56.
_SPACE_RE = re.compile(r"(?<!\d)\s+|\s+(?!\d)")

_PREFIX_OPS = {
    "≥": ">=", "≤": "<=", ">": ">", "<": "<", "=": "=", "±": "±",
    "不低于": ">=", "不少于": ">=", "不小于": ">=", "大于等于": ">=", "大于或等于": ">=", "至少": ">=",
    "不高于": "<=", "不超过": "<=", "不大于": "<=", "不多于": "<=", "小于等于": "<=",
    "小于或等于": "<=", "最多": "<=", "至多": "<=",
    "大于": ">", "高于": ">", "超过": ">", "多于": ">",
    "小于": "<", "低于": "<", "少于": "<",
    "等于": "=", "达到": None, "为": None,
}  # fmt: skip
_SUFFIX_OPS = {
    "及以上": ">=", "以上": ">=", "及以下": "<=", "以下": "<=", "以内": "<=", "之内": "<=",
    "内": "<=", "之间": "range",
}  # fmt: skip
_DIRECTIONS = {">=": "higher", ">": "higher", "<=": "lower", "<": "lower"}
_SIGNS = {">=": "≥", "<=": "≤", ">": ">", "<": "<", "±": "±"}


def _alternation(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+"
_NUMERIC_RE = re.compile(
    rf"^(?P<pre>{_alternation(_PREFIX_OPS)})?"
    rf"(?P<a>{_NUMBER})(?P<ua>{UNIT_PATTERN})?"
    rf"(?:(?P<sep>-|~|至|到)(?P<b>{_NUMBER})(?P<ub>{UNIT_PATTERN})?)?"
    rf"(?P<suf>{_alternation(_SUFFIX_OPS)})?"
    r"(?:/(?P<rest>.+))?$"
)
_DEADLINE_RE = re.compile(
    r"^(?:截至|截止到|截止|于|在)?"
    r"(?:(?P<y>\d{4})年(?P<fy>度)?"
    r"(?:(?P<m>\d{1,2})月份?(?:(?P<d>\d{1,2})[日号])?"
    r"|第?(?P<q>[1-4一二三四])季度|(?P<h>[上下])半年)?"
    r"|(?P<iy>\d{4})(?P<isep>[-/.])(?P<im>\d{1,2})(?:(?P=isep)(?P<id>\d{1,2}))?)"
    r"(?P<mark>(?:年底|年末|年内|底|末|内)?(?:前|之前|以前|止|为止)?(?:(?:全部)?完成)?)$"
)
_TIMELY = frozenset({"及时", "及时完成", "按时", "按时完成", "按期", "按期完成", "准时", "准时完成"})
_QUARTERS = {"1": 3, "2": 6, "3": 9, "4": 12, "一": 3, "二": 6, "三": 9, "四": 12}
# Splits a composite: semicolons, and commas that are not thousands separators.
_PART_SPLIT_RE = re.compile(r"[;；]|[，,](?!\d{3}(?!\d))")
_LABEL_RE = re.compile(r"^(?P<label>[^:：]+)[:：](?P<body>.+)$", re.S)
_DESCRIPTIVE_RE = re.compile(r"^[^\W\d_]+(?:[\s，、。；：！？（）()“”\"'‘’《》【】·…—\-/,.;:!?][^\W\d_]*)*$")


def parse_target(text: str, category: str | None = None) -> TargetValue:
    """Parse a target (or actual) value. Never raises; see the module docstring."""
    raw = "" if text is None else str(text).strip()
    return _fresh(_parse_cached(raw, category))


@lru_cache(maxsize=8192)
def _parse_cached(raw: str, category: str | None) -> TargetValue:
    # Tables repeat the same few values ('100%', '≥90%'); callers get fresh copies via _fresh.
    if not raw:
        return TargetValue(text=raw, warning=WARN_EMPTY)
    try:
        return _parse_composite(raw, category) or _parse_part(raw, category)
    except Exception:  # pragma: no cover - the contract is "never raises"; a bug here must not stop a read
        return TargetValue(text=raw, warning=WARN_UNKNOWN)


def _fresh(v: TargetValue) -> TargetValue:
    copy = object.__new__(TargetValue)
    fields = copy.__dict__
    fields.update(v.__dict__)
    fields["parts"] = [_fresh(p) for p in v.parts] if v.parts else []  # most values have no parts
    return copy


def _normalise(text: str) -> str:
    text = _SPACE_RE.sub("", unicodedata.normalize("NFKC", text).translate(_SYMBOLS))
    for word, sign in _UNIT_WORDS:
        if word in text:
            text = text.replace(word, sign) if sign else text.replace(word, "") + "%"
    return _SYMBOL_PAIRS_RE.sub(lambda m: _SYMBOL_PAIRS[m[0]], text) if "=" in text or "+" in text else text


def _is_descriptive(text: str) -> bool:
    return bool(_DESCRIPTIVE_RE.match(text))


def _parse_composite(raw: str, category: str | None) -> TargetValue | None:
    segments = [s.strip() for s in _PART_SPLIT_RE.split(raw)]
    if len(segments) < 2 or not all(segments):
        return None
    parts = [_parse_part(s, category) for s in segments]
    if any(p.warning for p in parts):
        return TargetValue(text=raw, warning=WARN_UNKNOWN)
    if all(p.kind == "qualitative" and p.label is None for p in parts):
        return None  # descriptive prose with commas, not a composite
    return _composite(raw, parts)


def _composite(raw: str, parts: list[TargetValue]) -> TargetValue:
    directions = [p.direction for p in parts if p.direction != "qualitative"]
    return TargetValue(
        text=raw, kind="composite", direction=directions[0] if directions else "qualitative", parts=parts
    )


def _parse_part(raw: str, category: str | None) -> TargetValue:
    """One value, optionally labelled: '优秀等级：1500元/人'."""
    match = _LABEL_RE.match(raw)
    if match and _is_descriptive(match["label"].strip()):
        value = _parse_simple(match["body"].strip(), category)
        if value.warning is None:
            return replace(value, text=raw, label=match["label"].strip())
    return _parse_simple(raw, category)


def _parse_simple(raw: str, category: str | None) -> TargetValue:
    norm = _normalise(raw)
    if norm in _TIMELY:
        return TargetValue(text=raw, kind="deadline", direction="deadline")
    if _MASKED_RE.search(norm):
        return TargetValue(text=raw, warning=WARN_MASKED)
    span = _DATE_SPAN_RE.match(norm)
    if span and 1 <= int(span["m2"]) <= 12 and (int(span["y1"]), int(span["m1"])) <= (int(span["y2"]), int(span["m2"])):
        year, month = int(span["y2"]), int(span["m2"])
        deadline = date(year, month, calendar.monthrange(year, month)[1])
        return TargetValue(text=raw, kind="deadline", direction="deadline", deadline=deadline)
    match = _DEADLINE_RE.match(norm)
    if match and (deadline := _deadline(match)) is not None:
        if deadline is False:
            return TargetValue(text=raw, warning=WARN_DATE)
        return TargetValue(text=raw, kind="deadline", direction="deadline", deadline=deadline)
    match = _NUMERIC_RE.match(norm)
    if match and (value := _numeric(raw, match, category)) is not None:
        return value
    if _is_descriptive(norm):
        return TargetValue(text=raw)
    return TargetValue(text=raw, warning=WARN_UNKNOWN)


def _deadline(m: re.Match) -> date | bool | None:
    """The due date; None when the text is not a deadline after all, False when the date is invalid."""
    mark = m["mark"]
    if m["iy"]:
        year, month, day = int(m["iy"]), int(m["im"]), m["id"] and int(m["id"])
        if not day and m["isep"] == "." and not mark:
            return None  # '2024.06' is a number
    else:
        year, day = int(m["y"]), m["d"] and int(m["d"])
        if m["m"]:
            month = int(m["m"])
        elif m["q"]:
            month = _QUARTERS[m["q"]]
        elif m["h"]:
            month = 6 if m["h"] == "上" else 12
        elif mark or m["fy"]:
            month = 12
        else:
            return None  # '2024年' alone is a number of years
    if not 1 <= month <= 12:
        return False
    last = calendar.monthrange(year, month)[1]
    if day and not 1 <= day <= last:
        return False
    return date(year, month, day or last)


def _numeric(raw: str, m: re.Match, category: str | None) -> TargetValue | None:
    pre_op = _PREFIX_OPS.get(m["pre"]) if m["pre"] else None
    suf_op = _SUFFIX_OPS.get(m["suf"]) if m["suf"] else None
    value, upper = parse_decimal(m["a"]), m["b"] and parse_decimal(m["b"])
    if value is None or (m["b"] and upper is None):
        return None  # beyond any real quantity (core.numbers.MAX_MAGNITUDE): read as text, with a warning
    unit = m["ub"] or m["ua"]
    if m["ua"] and m["ub"] and m["ua"] != m["ub"]:
        return None
    if upper is not None:
        if pre_op is not None or suf_op not in (None, "range") or upper < value:
            return None
        op = "range"
    elif pre_op == "±":
        if suf_op not in (None, "<="):
            return None
        op = "±"
    elif suf_op == "range" or (pre_op and suf_op and pre_op != suf_op):
        return None
    else:
        op = pre_op or suf_op
    if op is None:
        op = "<=" if category == "cost" and is_money(unit) else "="
    direction = _DIRECTIONS.get(op, "exact")
    number = TargetValue(
        text=raw, kind="numeric", op=op, value=value, upper=upper, unit=unit, direction=direction
    )
    if m["rest"] is None:
        return number
    if not _is_descriptive(m["rest"]):
        return None
    cut = next(i for i, c in enumerate(raw) if c in "/／" and _normalise(raw[i + 1 :]) == m["rest"])
    head, tail = raw[:cut].strip(), raw[cut + 1 :].strip()
    return _composite(raw, [replace(number, text=head), TargetValue(text=tail)])


def format_target(v: TargetValue) -> str:
    """Canonical text for a parsed value: '≥80%', '≤1.25元/份', '2024年12月31日前'."""
    body = _format_body(v)
    return f"{v.label}：{body}" if v.label else body


def _format_body(v: TargetValue) -> str:
    if v.kind == "numeric":
        unit, value, upper = v.unit or "", exact(v.value) or "", exact(v.upper) or ""
        if v.op == "range":
            return f"{value}{unit}～{upper}{unit}"
        if v.op == "=":
            sign = "=" if is_money(v.unit) else ""
            return f"{sign}{value}{unit}"
        return f"{_SIGNS.get(v.op, '')}{value}{unit}"
    if v.kind == "deadline":
        return _format_date(v.deadline) + "前" if v.deadline else "及时"
    if v.kind == "composite":
        return ("/" if _is_schedule(v.parts) else "；").join(format_target(p) for p in v.parts)
    return _unlabelled_text(v)


def _is_schedule(parts: list[TargetValue]) -> bool:
    """'1人/每周三': a number followed by a descriptive qualifier, neither labelled."""
    return [p.kind for p in parts] == ["numeric", "qualitative"] and not any(p.label for p in parts)


def _unlabelled_text(v: TargetValue) -> str:
    match = _LABEL_RE.match(v.text) if v.label else None
    return match["body"].strip() if match else v.text


def _format_date(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def explain_target(v: TargetValue) -> str:
    """A short Chinese explanation of what the value means for scoring."""
    if v.warning:
        return "无法识别，按定性指标处理"
    prefix = f"{v.label}：" if v.label else ""
    return prefix + _explain_body(v)


def _explain_body(v: TargetValue) -> str:
    if v.kind == "numeric":
        unit, value, upper = f" {v.unit}" if v.unit else "", exact(v.value) or "", exact(v.upper) or ""
        if v.op == "range":
            return f"{value}{unit} ～ {upper}{unit}，在区间内即达到"
        if v.op == "±":
            return f"偏差 ± {value}{unit} 以内，需达到"
        sign = _SIGNS.get(v.op, "=")
        if v.direction == "higher":
            return f"{sign} {value}{unit}，越高越好"
        if v.direction == "lower":
            cap = "（成本上限）" if is_money(v.unit) else ""
            return f"{sign} {value}{unit}，越低越好{cap}"
        return f"= {value}{unit}，需达到"
    if v.kind == "deadline":
        return f"{_format_date(v.deadline)}前完成" if v.deadline else "及时完成"
    if v.kind == "composite":
        return "；".join(explain_target(p) for p in v.parts)
    return f"定性指标：{_unlabelled_text(v)}"
