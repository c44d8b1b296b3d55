"""Scoring one indicator against its target (docs/domain.md §1.3, §1.4, §2.2, §7.2).

- higher / exact ('≥', '>', '=', bare number): full when actual ≥ target, else actual ÷ target × 分值;
- lower ('≤', '<', a bare amount under 成本): full when actual ≤ target, else the linear deduction
  (1 − (actual − target) ÷ target) × 分值 floored at 0, or target ÷ actual × 分值 (config 'ratio');
- '=' 0 (or '≤' 0): full only when actual is 0 (≤ 0);
- range a–b: inside full, below like higher against a, above like lower against b;
- '±' tolerance: the actual is the deviation; |deviation| is scored like lower against the tolerance;
- deadline: met (full) when completed on or before the deadline, else 0; a late completion gets
  partial credit only through the qualitative tiers (pass a rating);
- qualitative and composite (``is_rated``): the evaluator's rating 达成 / 部分达成 / 未达成 and a
  score inside the tier's band; without that score the indicator is missing (请填写评价得分), never
  given a score the evaluator did not choose.
'>' and '<' are scored like '≥' and '≤': at the boundary the proportional formula gives full points anyway.
Numeric targets are always scored from the actual value; a rating given for them is ignored.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from functools import lru_cache
from decimal import Decimal

from jixiao.core.model import Indicator, TargetValue
from jixiao.core.numbers import plain, short_percent
from jixiao.core.targets import convert_amount, parse_target, units_compatible
from jixiao.core.scoring.config import (
    ACTUAL, CENT, DEFAULT_CONFIG, HIGHER_FORMULA, MET, MISSING, NO_POINTS, NOT_APPLICABLE, NOT_MET, ONE, PARTLY,
    RATING_CHOICES, RATING_LABELS, REVERSE_FORMULAS, ZERO, ScoringConfig, ScoringError, cents, q2, to_decimal,
)

# What a missing indicator still needs (IndicatorResult.missing_reason), as shown beside its row.
ACTUAL_NEEDED = "请填写实际完成值"
DATE_NEEDED = "请填写完成日期或选择完成情况"
RATING_NEEDED = f"请选择完成情况（{RATING_CHOICES}）"
SCORE_NEEDED = "请填写评价得分"
REASON_NEEDED = "请填写扣分理由"


@dataclass(slots=True)
class IndicatorResult:
    """The score of one indicator, with the reasoning in Chinese (``explanation``)."""

    name: str
    weight: Decimal  # 分值
    score: Decimal  # 得分, two decimals
    status: str  # met | partly | not_met | missing | not_applicable
    # see explanation: the text, a function giving it, or the arguments of score_indicator
    # (indicator, weight, actual, rating, rating_score, config) from score_common
    why: str | Callable[[], str] | tuple = field(default="", repr=False, compare=False)
    target: str = ""  # 指标值 as written
    actual: str | None = None  # 实际完成值 as written
    rating: str | None = None  # the qualitative tier used (met/partly/not_met), if any
    block: str | None = None  # output / cost / benefit / satisfaction (set by evaluate_table)
    index: int | None = None  # position in the table (set by evaluate_table)
    deviation_analysis: str = ""  # 偏差原因分析及改进措施 as entered
    missing_reason: str = ""  # what is still to be entered, in Chinese (a missing input or deduction reason)
    formula_score: Decimal | None = None  # the formula's score when the evaluator scored below it
    deduction_reason: str = ""  # why the evaluator scored below the formula

    @property
    def deduction(self) -> Decimal:
        """Points the evaluator took off the formula's score (0 when none)."""
        return self.formula_score - self.score if self.formula_score is not None else NO_POINTS

    @property
    def incomplete(self) -> bool:
        """An input is still missing, or a deduction has no reason."""
        return bool(self.missing_reason)

    @property
    def explanation(self) -> str:
        """Inputs, formula and result in Chinese. Written on first use: scoring a whole year of
        tables need not format text that nobody reads."""
        why = self.why
        if type(why) is tuple:
            indicator, weight, actual, rating, rating_score, config = why
            why = score_indicator(indicator, weight, actual, rating=rating, rating_score=rating_score,
                                  config=config).explanation
        elif callable(why):
            why = why()
        self.why = why
        return why

    @property
    def needs_deviation_analysis(self) -> bool:
        """Target missed or below full points: the 自评表 needs 偏差原因分析及改进措施 (missing
        ones are reported as missing instead)."""
        if self.status in (NOT_APPLICABLE, MISSING):
            return False
        return self.status != MET or self.score < self.weight


def target_of(indicator: Indicator) -> TargetValue | None:
    """The target an indicator is scored against: 当年度指标值, else 实施周期指标值."""
    return indicator.annual_target or indicator.period_target


def rated_target(target: TargetValue | None) -> bool:
    """A target judged by a rating (达成/部分达成/未达成) rather than a value: qualitative and
    composite targets, and no target at all. Numbers and deadlines are judged by the value entered
    (a deadline may still be rated when completed late, see the module docstring)."""
    if target is None:
        return True
    if target.kind == "numeric":
        return target.value is None
    if target.kind == "deadline":
        return target.deadline is None
    return True


def is_rated(indicator: Indicator) -> bool:
    """Whether the form asks for a rating and a 评价得分 instead of an actual value."""
    return rated_target(target_of(indicator))


# Longest first: '部分达成…' and '未达成…' also contain '达成'. '未完成' is a common spelling of 未达成.
_RATING_PREFIXES = sorted([*((label, status) for status, label in RATING_LABELS.items()), ("未完成", NOT_MET)],
                          key=lambda pair: -len(pair[0]))


def parse_rating(text: str | None) -> str | None:
    """'达成' / '部分达成…' / '未达成…' / 'met' / 'partly' / 'not_met' → status; None if not a rating."""
    if not text:
        return None
    s = "".join(str(text).split())
    if s in (MET, PARTLY, NOT_MET):
        return s
    for prefix, status in _RATING_PREFIXES:
        if s.startswith(prefix):
            return status
    return None


@lru_cache(maxsize=65536)  # actuals repeat ('100%', '达成'); parsed values are never mutated here
def _parse(text: str, category: str | None) -> TargetValue:
    """An actual value in the target grammar; a leading minus (a deviation such as '-2%') is
    accepted here because targets never carry one."""
    stripped = text.strip()
    if stripped[:1] in ("-", "−", "－"):
        value = parse_target(stripped[1:], category)
        if value.kind == "numeric" and value.value is not None:
            return replace(value, text=text, value=-value.value)
    return parse_target(text, category)


def _convert(value: Decimal, from_unit: str, to_unit: str) -> Decimal | None:
    if not units_compatible(from_unit, to_unit):
        return None
    return convert_amount(value, from_unit, to_unit)


Text = str | Callable[[], str]


def _text(value: Text) -> str:
    return value() if callable(value) else value


class _Scorer:
    """Holds one indicator's inputs while its score is worked out; ``result()`` builds the answer."""

    __slots__ = ("name", "weight", "target", "actual", "config", "note")

    def __init__(self, name, weight, target, actual, config):
        self.name, self.weight, self.target, self.actual, self.config = name, weight, target, actual, config
        self.note = ""  # unit conversion remark, shown after the inputs

    def result(self, score, status, why, rating=None, missing_reason="") -> IndicatorResult:
        return IndicatorResult(
            name=self.name, weight=self.weight, score=score, status=status, why=why,
            target=self.target.text if self.target else "",
            actual=self.actual.text if self.actual else None, rating=rating, missing_reason=missing_reason,
        )

    def missing(self, why: str, reason: str, rating=None) -> IndicatorResult:
        return self.result(NO_POINTS, MISSING, why, rating, reason)

    def fail(self, message: str):
        raise ScoringError(f"指标「{self.name}」：{message}")

    def head(self) -> str:
        return f"指标值 {self.target.text}，实际完成值 {self.actual.text}，分值 {plain(self.weight)}"

    # --- qualitative -------------------------------------------------------------------------
    def tiers(self, rating: str, rating_score) -> IndicatorResult:
        band = self.config.tier(rating)
        label = RATING_LABELS[rating]
        score = to_decimal(rating_score)
        target = self.target.text if self.target else "（无）"
        upper = "" if band.high_inclusive else "以下"

        def rule() -> str:
            return (f"指标值 {target}，完成情况「{label}」，分值 {plain(self.weight)}：该档得分为分值的 "
                    f"{short_percent(band.low)}–{short_percent(band.high)}{upper}，即 {band.describe(self.weight)} 分，")

        if score is None and self.weight == ZERO:
            score = NO_POINTS  # the only score there is
        if score is None:
            return self.missing(lambda: f"{rule()}请填写评价得分，暂不计分。", SCORE_NEEDED, rating)
        score = self.config.round(score)
        share = score / self.weight if self.weight else ZERO
        if not band.contains(share) and not (self.weight == ZERO and score == ZERO):
            self.fail(f"选择「{label}」时得分应在 {band.describe(self.weight)} 分之间（分值 {plain(self.weight)}），填写的 {plain(score)} 分不在此范围")
        return self.result(score, rating, lambda: f"{rule()}评价人给分 {score} 分。", rating)

    # --- numeric -----------------------------------------------------------------------------
    def actual_number(self) -> Decimal:
        a, t = self.actual, self.target
        if a.kind != "numeric" or a.value is None:
            self.fail(f"实际完成值「{a.text}」不是数值，无法与指标值 {t.text} 比较")
        value = a.value
        if a.unit and t.unit and a.unit != t.unit:
            converted = _convert(value, a.unit, t.unit)
            if converted is None:
                self.fail(f"实际完成值的单位「{a.unit}」与指标值的单位「{t.unit}」不一致，无法比较")
            self.note = f"（{plain(value)}{a.unit} 折合 {plain(converted)}{t.unit}）"
            value = converted
        return value

    def numeric(self) -> IndicatorResult:
        t = self.target
        a = self.actual_number()
        if t.op == "range" and t.upper is not None:
            if a < t.value:
                return self.higher(a, t.value)
            if a > t.upper:
                return self.lower(a, t.upper)
            return self.full(lambda: f"在指标区间 {plain(t.value)}–{plain(t.upper)} 内")
        if t.op == "±":
            return self.lower(abs(a), t.value, deviation=True)
        if t.direction == "lower" or t.op in ("<=", "<"):
            return self.lower(a, t.value)
        if t.op == "=" and t.value == ZERO:
            if a <= ZERO:
                return self.full("指标值为 0，实际为 0")
            return self.zero(lambda: f"指标值为 0，实际完成值 {plain(a)} 不为 0，得 0 分")
        return self.higher(a, t.value)

    # ``why`` and ``formula`` are text or a function giving it (see IndicatorResult.explanation).
    def full(self, why: Text) -> IndicatorResult:
        return self.result(self.weight, MET, lambda: (
            f"{self.head()}{self.note}：{_text(why)}，达到指标值，得满分 {self.weight} 分。"))

    def zero(self, why: Text) -> IndicatorResult:
        return self.result(NO_POINTS, NOT_MET, lambda: f"{self.head()}{self.note}：{_text(why)}。")

    def partial(self, score: Decimal, formula: Text) -> IndicatorResult:
        score = self.config.round(max(score, ZERO))
        status = NOT_MET if score == ZERO else PARTLY  # target missed, even if rounding gives full points
        return self.result(score, status, lambda: (
            f"{self.head()}{self.note}：未达到指标值，得分 = {_text(formula)} = {score} 分。"))

    def higher(self, a: Decimal, t: Decimal) -> IndicatorResult:
        if a >= t:
            why = "实际完成值不低于指标值"
            if t > ZERO and a >= 2 * t:
                why += "（超出指标值一倍以上，请说明原因，是否指标值设定偏低）"
            return self.full(why)
        if t <= ZERO:
            return self.zero(lambda: f"实际完成值低于指标值 {plain(t)}，得 0 分")
        w = self.weight
        return self.partial(a / t * w, lambda: f"{HIGHER_FORMULA} = {plain(a)} ÷ {plain(t)} × {plain(w)}")

    def lower(self, a: Decimal, t: Decimal, deviation: bool = False) -> IndicatorResult:
        what = "偏差" if deviation else "实际完成值"
        if a <= t:
            return self.full(lambda: f"{what} {plain(a)} 不高于{'允许偏差' if deviation else '指标值'} {plain(t)}（越低越好）")
        if t <= ZERO:
            return self.zero(lambda: f"指标值为 {plain(t)}（越低越好），{what} {plain(a)} 超出，得 0 分")
        w = self.weight
        rule = REVERSE_FORMULAS[self.config.reverse_formula].replace(ACTUAL, what)
        if self.config.reverse_formula == "ratio":
            return self.partial(t / a * w, lambda: f"{rule} = {plain(t)} ÷ {plain(a)} × {plain(w)}")
        raw = (ONE - (a - t) / t) * w

        def formula():
            return f"{rule} = (1 − ({plain(a)} − {plain(t)}) ÷ {plain(t)}) × {plain(w)}"

        if raw <= ZERO:
            return self.zero(lambda: f"超出指标值一倍及以上，得分 = {formula()} ≤ 0，得 0 分")
        return self.partial(raw, formula)

    # --- deadline ----------------------------------------------------------------------------
    def deadline(self) -> IndicatorResult:
        a, t = self.actual, self.target
        if a.kind != "deadline" or a.deadline is None:
            self.fail(f"实际完成值「{a.text}」不是完成日期；请填写完成日期（如 2024年11月完成）或选择完成等级")
        done, due = a.deadline, t.deadline
        if done <= due:
            return self.full(lambda: f"于 {done.isoformat()} 前完成，不晚于期限 {due.isoformat()}")
        return self.zero(lambda: f"完成日期 {done.isoformat()} 晚于期限 {due.isoformat()}，未按时完成，得 0 分"
                         f"（如部分完成，可改为按「部分达成」档评分）")


def score_indicator(
    indicator: Indicator,
    weight: Decimal,
    actual: str | TargetValue | None = None,
    *,
    rating: str | None = None,
    rating_score: Decimal | str | None = None,
    target: TargetValue | None = None,
    score: Decimal | str | None = None,
    deduction_reason: str = "",
    config: ScoringConfig = DEFAULT_CONFIG,
) -> IndicatorResult:
    """Score one indicator. ``target`` defaults to the 当年度指标值 (else the 实施周期指标值);
    ``actual`` is the text as entered (parsed with the target grammar) or a parsed TargetValue.
    ``score``: the evaluator's score — a rated indicator's 评价得分 (like ``rating_score``), or for
    one scored by formula a score below the formula's, which needs ``deduction_reason``.
    Raises ScoringError (Chinese, naming the indicator) for a unit mismatch, a non-numeric actual
    for a numeric target, an unknown rating, a score outside its band or above the formula's."""
    weight = q2(to_decimal(weight) or ZERO)
    target = target or target_of(indicator)
    if isinstance(actual, str):
        actual = _parse(actual, indicator.category) if actual.strip() else None
    s = _Scorer(indicator.name, weight, target, actual, config)
    tier = parse_rating(rating)
    if rating and tier is None:
        s.fail(f"完成等级「{rating}」无效，应为 {RATING_CHOICES} 之一")
    given = to_decimal(score)

    if not rated_target(target) and not (tier is not None and config.ratings_on_numeric):
        if target.kind == "numeric":
            if actual is None:
                return s.missing(f"指标值 {target.text}：未填写实际完成值，暂不计分。", ACTUAL_NEEDED)
            return _deduct(s, s.numeric(), given, deduction_reason)
        if tier is None and actual is not None and parse_rating(actual.text) is None:
            return _deduct(s, s.deadline(), given, deduction_reason)
        if tier is None and actual is None:
            return s.missing(f"指标值 {target.text}：未填写完成日期，暂不计分。", DATE_NEEDED)
    if tier is None and actual is not None:
        tier = parse_rating(actual.text)
    if tier is None:
        shown = target.text if target else "（无）"
        got = f"，实际完成值 {actual.text}" if actual else ""
        return s.missing(f"指标值 {shown}{got}：定性指标需选择完成情况（{RATING_CHOICES}），暂不计分。",
                         RATING_NEEDED)
    return s.tiers(tier, rating_score if rating_score is not None else given)


_LOWER_OPS = ("<=", "<")
_GENERAL_OPS = ("range", "±")  # scored by the general path only


def score_common(indicator: Indicator, w: Decimal | None, given, config: ScoringConfig) -> tuple | None:
    """``score_indicator`` for the common cases — a numeric target with a numeric actual in its
    unit, a deadline with a completion date, a rated target with its rating and 评价得分 — as a row
    (score, status, actual as written, rating) that ``common_result`` makes into the IndicatorResult
    score_indicator gives; its explanation is written on first use by ``score_indicator`` itself,
    so the text has one place. ``w``: the 分值 to two decimals (``cents``); ``given``: the
    IndicatorInput. None for every other case (not applicable, the evaluator's own score …) and for
    anything to refuse, which the caller gives to ``score_indicator``."""
    if w is None or given.not_applicable or given.score is not None:
        return None
    target = indicator.annual_target or indicator.period_target
    actual = given.actual
    if target is not None:
        kind = target.kind
        if kind == "numeric" and (t := target.value) is not None:
            if given.rating or type(actual) is not str or not actual or target.op in _GENERAL_OPS:
                return None
            a = _number(actual, indicator.category)
            if a is None:
                return None
            value, unit, text = a
            if unit and (to := target.unit) and unit != to:
                return None
            if target.direction == "lower" or target.op in _LOWER_OPS:
                if value <= t:
                    return w, MET, text, None
                if t <= ZERO:
                    return NO_POINTS, NOT_MET, text, None
                raw = t / value * w if config.reverse_formula == "ratio" else (ONE - (value - t) / t) * w
                if raw <= ZERO:
                    return NO_POINTS, NOT_MET, text, None
            elif target.op == "=" and t == ZERO:
                return None
            elif value >= t:
                return w, MET, text, None
            elif t <= ZERO:
                return NO_POINTS, NOT_MET, text, None
            else:
                raw = value / t * w
                if raw < ZERO:
                    raw = ZERO
            score = raw.quantize(CENT, config.rounding_mode)
            return score, NOT_MET if score == ZERO else PARTLY, text, None
        if kind == "deadline" and (due := target.deadline) is not None:
            if given.rating or type(actual) is not str or not actual or (done := _done(actual, indicator.category)) is None:
                return None
            return (w, MET, done[1], None) if done[0] <= due else (NO_POINTS, NOT_MET, done[1], None)
    rating = given.rating
    if not rating or not w or actual is not None or type(rating) is not str or not rated_target(target):
        return None
    try:
        return _rated(rating, given.rating_score, w, config)
    except TypeError:  # a 评价得分 that cannot be a key (a signalling NaN …): the general path says why
        return None


def common_result(row: tuple, indicator: Indicator, weight: Decimal, w: Decimal, given,
                  config: ScoringConfig) -> IndicatorResult:
    """The IndicatorResult of a ``score_common`` row (``weight`` as given to the table, ``w`` in cents)."""
    score, status, actual, rating = row
    target = indicator.annual_target or indicator.period_target
    why = (indicator, weight, given.actual, given.rating, given.rating_score if rating else None, config)
    return IndicatorResult(indicator.name, w, score, status, why, target.text if target else "", actual, rating)


@lru_cache(maxsize=65536)  # the same actuals again and again ('100%', '95%')
def _number(text: str, category: str | None) -> tuple[Decimal, str | None, str] | None:
    """(value, unit, text as written) of an actual read as a number, None when it is not one."""
    a = _parse(text, category)
    return (a.value, a.unit, a.text) if a.kind == "numeric" and a.value is not None else None


@lru_cache(maxsize=65536)
def _done(text: str, category: str | None) -> tuple[date, str] | None:
    """(completion date, text as written) of an actual read as a date, None when it is not one
    (or reads as a rating)."""
    a = _parse(text, category)
    return (a.deadline, a.text) if a.kind == "deadline" and a.deadline is not None and parse_rating(a.text) is None \
        else None


@lru_cache(maxsize=4096)  # a few ratings and 评价得分 per 分值 over a year of tables
def _rated(rating: str, rating_score, w: Decimal, config: ScoringConfig) -> tuple | None:
    score = cents(rating_score, config.rounding_mode)
    if score is None or (tier := parse_rating(rating)) is None:
        return None
    if not config.tier_of[tier].contains(score / w):
        return None  # the general path refuses it with its message
    return score, tier, None, tier


def _deduct(s: _Scorer, result: IndicatorResult, given: Decimal | None, reason: str) -> IndicatorResult:
    """The evaluator's score below the formula's: a deduction, shown with its reason."""
    if given is None:
        return result
    given = s.config.round(given)
    if given > result.score:
        s.fail(f"得分 {plain(given)} 分高于按公式计算的 {result.score} 分")
    if given == result.score:
        return result
    formula, why, reason = result.score, result.why, (reason or "").strip()
    result.formula_score, result.score, result.deduction_reason = formula, given, reason
    if given == ZERO and result.status != MET:  # a met target stays met: the deduction is judgement
        result.status = NOT_MET
    if not reason:
        result.missing_reason = REASON_NEEDED
    said = f"理由：{reason}" if reason else f"未填写扣分理由，{REASON_NEEDED}"
    result.why = lambda: (f"{_text(why)}评价人扣减 {plain(formula - given)} 分（{said}），"
                          f"得分 {given} 分。")
    return result
