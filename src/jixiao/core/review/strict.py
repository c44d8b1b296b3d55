"""规范性（严格）: a target that contradicts its own indicator — a rate written in words or above 100 %,
a letter typed where a digit belongs, a unit or a comparator that does not fit the indicator's name.

Each check looks at one target beside its indicator's name, so the edit page shows the very same
finding while the user types (``target_findings``) as the review does for the stored table.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from jixiao.core.categories import compact
from jixiao.core.model import TargetValue
from jixiao.core.numbers import plain
from jixiao.core.targets import parse_target

from . import basis
from .common import bare_unit, filled_targets, quoted, table_label
from .config import DEFAULT_CONFIG, ReviewConfig
from .registry import RULES, SEVERITY_LABELS, Hit, rule

_BRACKETS = re.compile(r"[（(][^）)]*[）)]")
# A run of digits and look-alike letters, not part of a longer Latin word (ISO9001, O2O stay words).
_TOKEN = re.compile(r"(?<![A-Za-z])[0-9OoIl][0-9OoIl.,]*(?![A-Za-z])")
_LOOKALIKES = str.maketrans({"O": "0", "o": "0", "I": "1", "l": "1"})
_TENTHS = re.compile(r"([一二两三四五六七八九十])成")
_CHINESE_DIGITS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
_LOWER_BOUND = (">=", ">")
_UPPER_BOUND = ("<=", "<")


def bare_name(name: str) -> str:
    """'预算执行率（%）' -> '预算执行率'."""
    return _BRACKETS.sub("", compact(name or ""))


def is_rate(name: str, config: ReviewConfig = DEFAULT_CONFIG) -> bool:
    return bare_name(name).endswith(config.rate_suffixes)


def expected_direction(name: str, config: ReviewConfig = DEFAULT_CONFIG) -> str | None:
    """'lower' for 投诉率-like names, 'higher' for 满意度/完成率-like ones, else None (cannot tell)."""
    bare = bare_name(name)
    if any(word in bare for word in config.lower_is_better_words):
        return "lower"
    if any(word in bare for word in config.higher_is_better_words):
        return "higher"
    return None


def digit_correction(text: str) -> str | None:
    """'≥9O%' -> '≥90%': the target with look-alike letters read as digits, when only that makes it a
    number or a date; else None."""
    if parse_target(text).kind != "qualitative":
        return None
    changed = False

    def fix(m: re.Match) -> str:
        nonlocal changed
        token = m.group(0)
        if token.translate(_LOOKALIKES) == token:
            return token
        whole = compact(text).strip("≥≤<>=%") == token
        if not (whole or any(c.isdigit() for c in token) or text[m.end():m.end() + 1] in ("%", "‰")):
            return token
        changed = True
        return token.translate(_LOOKALIKES)

    fixed = _TOKEN.sub(fix, text)
    if not changed or parse_target(fixed).kind == "qualitative":
        return None
    return fixed


def _bound_values(target: TargetValue):
    parts = target.parts if target.kind == "composite" else [target]
    for p in parts:
        if p.kind == "numeric" and bare_unit(p.unit) == "%":
            yield from (v for v in (p.value, p.upper) if v is not None)


def _tenths_hint(text: str) -> str:
    m = _TENTHS.search(text)
    return f"“≥{_CHINESE_DIGITS[m.group(1)] * 10}%”" if m else "“≥90%”"


# Each check: (indicator name, target, config) -> the problem in words, or None.
TargetCheck = Callable[[str, TargetValue, ReviewConfig], "str | None"]


@dataclass(frozen=True)
class TargetFinding:
    """One problem of one target as typed, for the edit page."""

    rule: str
    severity: str
    message: str

    @property
    def label(self) -> str:
        return SEVERITY_LABELS[self.severity]


_CHECKS: dict[str, TargetCheck] = {}


def _target_rule(id: str, severity: str, title: str, dimension: str, basis_text: str, explanation: str):
    """Register a per-target check both for the live check and as a review rule over every target."""

    def register(check: TargetCheck) -> TargetCheck:
        _CHECKS[id] = check

        def over_table(table, config):
            for indicator in table.indicators:
                for column, target in filled_targets(indicator):
                    message = check(indicator.name, target, config)
                    if message:
                        yield Hit(
                            indicator.name,
                            f"{table_label(table)}指标{quoted(indicator)}的{column}“{compact(target.text)}”{message}",
                            column,
                        )

        rule(id, severity, title, dimension, basis_text, explanation)(over_table)
        return check

    return register


@_target_rule(
    "form.digit-lookalike",
    "error",
    "指标值中字母混作数字",
    "相关性",
    basis.NUMBERS,
    "指标值中把字母O、o、I、l当作数字0、1输入（如“≥9O%”“l00%”“IO”），系统无法识别为数值；给出改正建议。",
)
def digit_lookalike(name, target, config):
    fixed = digit_correction(target.text)
    if fixed is None:
        return None
    return f"中有字母混作数字，请改为“{compact(fixed)}”。"


@_target_rule(
    "form.rate-not-numeric",
    "error",
    "比率指标没有百分比数值",
    "相关性",
    basis.RATES,
    "名称以“率”结尾的指标，指标值须为百分比数值（如“≥90%”），不能是“大概八成左右”“较高”“及时”“100%完成”等文字。",
)
def rate_not_numeric(name, target, config):
    if not is_rate(name, config) or target.kind not in ("qualitative", "deadline"):
        return None
    if digit_correction(target.text) is not None:
        return None  # form.digit-lookalike says how to fix it
    what = "不是百分比数值" if any(c.isdigit() for c in target.text) else "是文字表述"
    return f"{what}；比率指标应写成百分比数值，如{_tenths_hint(target.text)}。"


@_target_rule(
    "form.rate-over-100",
    "error",
    "比率指标超过100%",
    "适当性",
    basis.RATES,
    "名称以“率”结尾的指标（增长率、增幅等除外），百分比指标值不能超过100%。",
)
def rate_over_100(name, target, config):
    if not is_rate(name, config) or any(w in bare_name(name) for w in config.rate_may_exceed_words):
        return None
    over = [v for v in _bound_values(target) if v > 100]
    if not over:
        return None
    return f"超过100%（{plain(max(over))}%），比率不可能超过100%；如为“全部完成”请写“100%”。"


@_target_rule(
    "form.rate-unit",
    "warning",
    "比率指标的计量单位不是%",
    "相关性",
    basis.RATES,
    "名称以“率”结尾的指标，数值的计量单位应为“%”，而不是“人”“个”“次”等数量单位；"
    "如确为数量，请改指标名称（如“参训人数”）。",
)
def rate_unit(name, target, config):
    if not is_rate(name, config):
        return None
    parts = target.parts if target.kind == "composite" else [target]
    units = {bare_unit(p.unit) for p in parts if p.kind == "numeric"} - {""}
    wrong = sorted(units - set(config.rate_units))
    if not wrong:
        return None
    return f"的计量单位是“{'、'.join(wrong)}”，与比率指标不符；比率应以“%”表示，如为数量请改指标名称。"


@_target_rule(
    "form.comparator-direction",
    "warning",
    "比较符号与指标方向相反",
    "适当性",
    basis.RATES,
    "满意度、完成率、合格率等越高越好的指标不应设上限（≤、<）；投诉率、差错率、事故发生率等越低越好的指标"
    "不应设下限（≥、>）。",
)
def comparator_direction(name, target, config):
    expected = expected_direction(name, config)
    if expected is None or target.kind != "numeric":
        return None
    if bare_unit(target.unit) not in (*config.rate_units, "分", ""):
        return None  # a duration or a count: form.rate-unit speaks about the unit first
    if expected == "higher" and target.op in _UPPER_BOUND:
        return f"是上限（{target.op.replace('<=', '≤')}）；“{bare_name(name)}”越高越好，应写下限，如“≥{plain(target.value)}{bare_unit(target.unit)}”。"
    if expected == "lower" and target.op in _LOWER_BOUND:
        return f"是下限（{target.op.replace('>=', '≥')}）；“{bare_name(name)}”越低越好，应写上限，如“≤{plain(target.value)}{bare_unit(target.unit)}”。"
    return None


def target_findings(name: str, text: str, category: str | None = None,
                    config: ReviewConfig = DEFAULT_CONFIG) -> list[TargetFinding]:
    """The strict checks of one target as typed (the edit page's live check), errors first."""
    text = (text or "").strip()
    if not text:
        return []
    target = parse_target(text, category)
    found = []
    for rule_id, check in _CHECKS.items():
        if rule_id in config.disabled:
            continue
        message = check(name or "", target, config)
        if message:
            found.append(TargetFinding(rule_id, config.severity_of(RULES[rule_id]), f"指标值“{text}”{message}"))
    return sorted(found, key=lambda f: f.severity != "error")
