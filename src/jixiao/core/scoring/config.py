"""The scoring configuration: one object holding every rule that differs between regions.

Defaults follow 财预〔2020〕10号 as applied in real 自评表 (docs/domain.md §1.2–§1.5, §7): blocks
产出 50 (成本 inside it) / 效益 30 / 满意度 10 / 预算执行 10, grades 优 90 / 良 80 / 中 60, the three
qualitative tiers 80–100 %, 60–<80 %, 0–<60 %, the linear reverse formula, and monitoring lights
red < 60 %, yellow < 80 %.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Decimal

from jixiao.core.categories import BENEFIT, BLOCK_LEVEL1, COST, OUTPUT, SATISFACTION  # noqa: F401 (re-exported)
from jixiao.core.numbers import MAX_MAGNITUDE, parse_decimal, plain, short_percent

CENT = Decimal("0.01")
ZERO = Decimal(0)
NO_POINTS = Decimal("0.00")
ONE = Decimal(1)
HUNDRED = Decimal(100)


def q2(value: Decimal) -> Decimal:
    """Round to two decimals, half up, as every published 自评表 does."""
    return value.quantize(CENT, ROUND_HALF_UP)


class ScoringError(ValueError):
    """Input that cannot be scored (weights that do not sum, a unit mismatch, a bad rating).

    ``message`` is Chinese and names the indicator or block; ``index`` is the indicator's position
    in its table when the error concerns one indicator.
    """

    def __init__(self, message: str, index: int | None = None, errors: list[ScoringError] | None = None):
        super().__init__(message)
        self.message = message
        self.index = index
        self.errors = errors or [self]  # evaluate_table reports every problem of a table at once


# Blocks (一级指标 as scored): the indicator blocks of the category table, and the budget block.
BUDGET = "budget"
BLOCK_LABELS = {**BLOCK_LEVEL1, BUDGET: "预算执行率"}

# Ratings of a qualitative indicator: accepted spellings → status.
MET, PARTLY, NOT_MET, MISSING, NOT_APPLICABLE = "met", "partly", "not_met", "missing", "not_applicable"
RATING_LABELS = {MET: "达成", PARTLY: "部分达成", NOT_MET: "未达成"}
STATUS_LABELS = {**RATING_LABELS, MISSING: "未填报", NOT_APPLICABLE: "不适用"}
RATING_CHOICES = "／".join(RATING_LABELS.values())  # '达成／部分达成／未达成'

# Monitoring lights (运行监控). None: nothing to judge yet.
RED, YELLOW, GREEN = "red", "yellow", "green"
LIGHT_LABELS = {RED: "红灯", YELLOW: "黄灯", GREEN: "绿灯", None: STATUS_LABELS[MISSING]}
LIGHTS = (RED, YELLOW, GREEN)  # worst first: the order of every list of lights


def worst_light(colors) -> str | None:
    """The worst of ``colors`` (None when none is lit)."""
    return next((c for c in LIGHTS if c in colors), None)

# Formulas as the 自评表 footnotes write them; 'actual' is replaced by 偏差 for ± targets.
ACTUAL = "实际完成值"
HIGHER_FORMULA = f"{ACTUAL} ÷ 指标值 × 分值"
REVERSE_FORMULAS = {
    "linear": f"(1 − ({ACTUAL} − 指标值) ÷ 指标值) × 分值",
    "ratio": f"指标值 ÷ {ACTUAL} × 分值",
}
BUDGET_RATE_FORMULA = "全年执行数 ÷ 全年预算数"
BUDGET_SCORE_FORMULA = "分值 × min(执行率, 100%)"
EXECUTION_RATIO_FORMULA = "执行率 ÷ 时间进度"


@dataclass(frozen=True)
class TierBand:
    """A qualitative tier: the score must lie in [low, high] (or [low, high) when not inclusive),
    as shares of the indicator's 分值."""

    status: str
    low: Decimal
    high: Decimal
    high_inclusive: bool

    def contains(self, share: Decimal) -> bool:
        if share < self.low:
            return False
        return share <= self.high if self.high_inclusive else share < self.high

    def top_score(self, weight: Decimal) -> Decimal:
        """The highest two-decimal score inside the band (the default when none is entered)."""
        top = q2(weight * self.high)
        if self.high_inclusive:
            return top
        # Open top: the last cent below weight × high, never below the band's floor.
        exact = weight * self.high
        candidate = top - CENT if top >= exact else top
        return max(candidate, q2(weight * self.low))

    def describe(self, weight: Decimal) -> str:
        """The band as the two-decimal scores it admits, e.g. '6–7.99'."""
        low = (weight * self.low).quantize(CENT, rounding=ROUND_CEILING)
        return f"{plain(low)}–{plain(self.top_score(weight))}"


DEFAULT_TIERS = (
    TierBand(MET, Decimal("0.8"), ONE, True),
    TierBand(PARTLY, Decimal("0.6"), Decimal("0.8"), False),
    TierBand(NOT_MET, ZERO, Decimal("0.6"), False),
)

DEFAULT_GRADES = ((Decimal(90), "优"), (Decimal(80), "良"), (Decimal(60), "中"))

# A qualitative indicator's expected rating during monitoring → its light (vendor practice, §4.1).
DEFAULT_RATING_LIGHTS = ((MET, GREEN), (PARTLY, YELLOW), (NOT_MET, RED))


def to_decimal(value, where: str | None = None, required: bool = False) -> Decimal | None:
    """A number given in a rule set, on a form or in a JSON file (``core.numbers.parse_decimal``); None
    when blank unless ``required``; anything else a ScoringError naming ``where`` or quoting the value."""
    if type(value) is Decimal and value.is_finite() and abs(value.adjusted()) <= MAX_MAGNITUDE:
        return value  # what parse_decimal gives for it, without the calls (scoring passes many)
    if (value is None or value == "") and not required:
        return None
    number = parse_decimal(value)
    if number is None:
        raise ScoringError(f"{where}：应为数字，实为 {value!r}" if where else f"「{value}」不是数字")
    return number


def cents(value, rounding: str = ROUND_HALF_UP) -> Decimal | None:
    """A Decimal that ``to_decimal`` takes as it is, to two decimals (0.00 for any zero) by
    ``rounding``; None for anything else (ScoringConfig.round and q2 of to_decimal, without the checks)."""
    if type(value) is not Decimal or not value.is_finite() or abs(value.adjusted()) > MAX_MAGNITUDE:
        return None
    return (value or ZERO).quantize(CENT, rounding)


@dataclass(frozen=True)
class Block:
    """A scored block of the 自评表 (一级指标 as scored): its key, printed label and points.

    ``categories`` are the indicator blocks of the category table (OUTPUT, COST, BENEFIT,
    SATISFACTION) scored in it; a block without categories has no indicator rows and is judged as a
    whole by the evaluator (年度目标完成情况). ``points`` None: the indicators' 分值 as printed.
    """

    key: str
    label: str
    points: Decimal | None = None
    categories: tuple[str, ...] = ()

    def __post_init__(self):
        if self.points is not None:
            object.__setattr__(self, "points", to_decimal(self.points, required=True))
        object.__setattr__(self, "categories", tuple(self.categories))

    @property
    def judged(self) -> bool:
        return not self.categories


def central_blocks(output=50, benefit=30, satisfaction=10, cost=None) -> tuple[Block, ...]:
    """产出 / 效益 / 满意度 blocks, 成本 inside 产出 unless it has points of its own."""
    blocks = [Block(OUTPUT, BLOCK_LEVEL1[OUTPUT], output, (OUTPUT,) if cost is not None else (OUTPUT, COST))]
    if cost is not None:
        blocks.append(Block(COST, BLOCK_LEVEL1[COST], cost, (COST,)))
    blocks += [Block(BENEFIT, BLOCK_LEVEL1[BENEFIT], benefit, (BENEFIT,)),
               Block(SATISFACTION, BLOCK_LEVEL1[SATISFACTION], satisfaction, (SATISFACTION,))]
    return tuple(blocks)


@dataclass(frozen=True)
class Checkpoint:
    """A calendar checkpoint of monitoring: by the end of ``month``/``day`` the execution rate
    should be at least ``min_rate``."""

    month: int
    day: int
    min_rate: Decimal

    def __post_init__(self):
        object.__setattr__(self, "min_rate", to_decimal(self.min_rate, required=True))


@dataclass(frozen=True)
class UnitChoice:
    """After a warning the unit chooses one of ``options`` within ``working_days`` working days
    (weekends and ``holidays`` excluded, ``workdays`` — weekend days worked in lieu — included)."""

    options: tuple[str, ...]
    working_days: int
    holidays: tuple[date, ...] = ()
    workdays: tuple[date, ...] = ()


ROUNDING_MODES = {"half-up": ROUND_HALF_UP, "up": ROUND_CEILING, "down": ROUND_FLOOR}
BUDGET_METHODS = ("proportional", "bands", "none")
LIGHT_BASES = ("elapsed", "checkpoints")
WEIGHT_MISMATCH = ("finding", "refuse")


@dataclass(frozen=True)
class ScoringConfig:
    """Every rule that a region may set differently. Immutable; build a new one to change it.
    Rule sets (``jixiao.core.rules``) are files loaded into this object."""

    blocks: tuple[Block, ...] = central_blocks()
    # Given 分值 that do not add up to a block's points: scored as written with a finding, or refused.
    weight_mismatch: str = "finding"
    budget_weight: Decimal = Decimal(10)
    # proportional: 分值 × min(执行率, 100%); bands: a share of 分值 per rate band; none: not scored.
    budget_method: str = "proportional"
    budget_bands: tuple[tuple[Decimal, Decimal], ...] = ()  # (rate at least, share of 分值), best first
    budget_label: str = "预算执行率"
    grades: tuple[tuple[Decimal, str], ...] = DEFAULT_GRADES  # (inclusive lower bound, grade), high first
    lowest_grade: str = "差"
    tiers: tuple[TierBand, ...] = DEFAULT_TIERS
    reverse_formula: str = "linear"  # 'linear' (101号 style) or 'ratio' (target ÷ actual, older forms)
    rounding: str = "half-up"  # scores to two decimals: half-up, up or down
    ratings_on_numeric: bool = False  # a rating (and its 评价得分) may replace the formula of a numeric target
    red_below: Decimal = Decimal("0.6")  # monitoring: ratio below this is red
    yellow_below: Decimal = Decimal("0.8")  # … below this yellow, otherwise green
    # An indicator whose expected value misses its target (a shortfall, a cap exceeded) is never
    # green: red below red_below, otherwise this colour (yellow or red).
    shortfall_light: str = YELLOW
    rating_lights: tuple[tuple[str, str], ...] = DEFAULT_RATING_LIGHTS
    budget_reason_below: Decimal = Decimal("0.9")  # execution rate below this needs a written reason
    cutoff_month: int = 7  # default monitoring cut-off: 31 July
    cutoff_day: int = 31
    # elapsed: execution ÷ time progress against red_below/yellow_below; checkpoints: the rate due by
    # the last checkpoint passed.
    light_basis: str = "elapsed"
    checkpoints: tuple[Checkpoint, ...] = ()
    gap_points: Decimal | None = None  # completion vs execution differing by more: a warning
    unit_choice: UnitChoice | None = None

    def __post_init__(self):
        # The decimal module's constant for ``rounding`` (not a field: derived, read per score).
        object.__setattr__(self, "rounding_mode", ROUNDING_MODES.get(self.rounding))
        object.__setattr__(self, "tier_of", {t.status: t for t in self.tiers})  # status → TierBand
        for name in ("budget_weight", "red_below", "yellow_below", "budget_reason_below"):
            object.__setattr__(self, name, to_decimal(getattr(self, name), required=True))
        if self.gap_points is not None:
            object.__setattr__(self, "gap_points", to_decimal(self.gap_points, required=True))
        object.__setattr__(self, "blocks", tuple(self.blocks))
        # Read for every table scored: derived once.
        object.__setattr__(self, "_labels", {b.key: b.label for b in self.blocks})
        object.__setattr__(self, "judged_blocks", tuple(b for b in self.blocks if b.judged))
        object.__setattr__(self, "budget_cents", q2(self.budget_points))  # the budget block's 分值
        choices = {"shortfall_light": (YELLOW, RED), "reverse_formula": tuple(REVERSE_FORMULAS),
                   "rounding": tuple(ROUNDING_MODES), "budget_method": BUDGET_METHODS,
                   "light_basis": LIGHT_BASES, "weight_mismatch": WEIGHT_MISMATCH}
        for name, allowed in choices.items():
            if getattr(self, name) not in allowed:
                raise ScoringError(f"计分配置 {name} 的值「{getattr(self, name)}」无效，应为 {'、'.join(allowed)} 之一")
        keys = [b.key for b in self.blocks]
        if len(set(keys)) != len(keys):
            raise ScoringError(f"一级指标重复：{'、'.join(keys)}")
        if self.light_basis == "checkpoints" and not self.checkpoints:
            raise ScoringError("按时点监控时须列出检查时点")
        if self.as_printed:
            return
        total = sum(self.block_weights().values()) + self.budget_points
        if total != HUNDRED:
            raise ScoringError(f"一级指标分值与预算执行率分值合计为 {plain(total)} 分，应为 100 分")

    def __hash__(self) -> int:
        # Hashed on every cached scoring step (weights, blocks): the fields' hash, computed once.
        try:
            return self.__dict__["_hash"]
        except KeyError:
            value = hash(tuple(getattr(self, f) for f in self.__dataclass_fields__))
            object.__setattr__(self, "_hash", value)
            return value

    @property
    def as_printed(self) -> bool:
        """Some block takes its indicators' 分值 as printed: the total need not be 100."""
        return any(b.points is None for b in self.blocks)

    @property
    def budget_points(self) -> Decimal:
        return ZERO if self.budget_method == "none" else self.budget_weight

    def block_weights(self) -> dict[str, Decimal | None]:
        """Blocks and their points (None: as printed), in 自评表 order (budget block excluded)."""
        return {b.key: b.points for b in self.blocks}

    def block_labels(self) -> dict[str, str]:
        return dict(self._labels)

    def block_for(self, category_block: str) -> str | None:
        """The key of the block that scores indicators of ``category_block`` (OUTPUT, COST …)."""
        return next((b.key for b in self.blocks if category_block in b.categories), None)

    def round(self, score: Decimal) -> Decimal:
        """A score to two decimals by the configured rounding."""
        return score.quantize(CENT, self.rounding_mode)

    def tier(self, status: str) -> TierBand:
        return next(t for t in self.tiers if t.status == status)

    def grade(self, total: Decimal) -> str:
        for bound, name in self.grades:
            if total >= bound:
                return name
        return self.lowest_grade

    @property
    def grade_names(self) -> tuple[str, ...]:
        """Every grade, best first: ('优', '良', '中', '差')."""
        return (*(name for _, name in self.grades), self.lowest_grade)

    def grade_bands(self) -> list[tuple[str, str]]:
        """(grade, band in Chinese) best first: ('优', '90 分及以上'), ('良', '80 分至 90 分以下') …"""
        bands, upper = [], None
        for bound, name in self.grades:
            text = f"{plain(bound)} 分及以上" if upper is None else f"{plain(bound)} 分至 {plain(upper)} 分以下"
            bands.append((name, text))
            upper = bound
        bands.append((self.lowest_grade, f"{plain(upper)} 分以下" if upper is not None else "任何分数"))
        return bands

    def light(self, ratio: Decimal) -> str:
        """Light of a ratio against the thresholds (budget execution ÷ time progress)."""
        if ratio < self.red_below:
            return RED
        if ratio < self.yellow_below:
            return YELLOW
        return GREEN

    def indicator_light(self, share: Decimal, met: bool) -> str:
        """Light of an indicator whose expected value scores ``share`` of its points; ``met``:
        the expected value reaches the target. A shortfall is never green."""
        if met:
            return GREEN
        return RED if share < self.red_below else self.shortfall_light

    def rating_light(self, rating: str) -> str:
        return dict(self.rating_lights)[rating]

    def light_rules(self) -> dict[str, str]:
        """The light rules in Chinese, for pages and explanations."""
        ratings = "，".join(f"{RATING_LABELS[r]}为{LIGHT_LABELS[c]}" for r, c in self.rating_lights)
        shortfall = (f"达不到指标值的，预计得分低于分值的 {short_percent(self.red_below)} 为红灯，其余为"
                     f"{LIGHT_LABELS[self.shortfall_light]}" if self.shortfall_light != RED
                     else "达不到指标值的为红灯")
        return {
            "execution": self._execution_rule(),
            "indicator": (f"全年预计完成值先与指标值比较：达到指标值为绿灯；{shortfall}"
                          f"（预计得分按自评计分规则计算）"),
            "shortfall": shortfall,
            "rating": f"定性指标预计{ratings}",
            "explain": "红灯、黄灯项须说明偏差原因、纠偏措施和完成目标可能性",
        }

    def _execution_rule(self) -> str:
        if self.light_basis == "checkpoints":
            due = "、".join(f"{c.month}月{c.day}日前不低于 {short_percent(c.min_rate)}" for c in self.checkpoints)
            return f"执行率按时点预警：{due}；低于当时应达到的执行率为红灯（预警），其余为绿灯"
        return (f"{EXECUTION_RATIO_FORMULA}低于 {short_percent(self.red_below)} 为红灯，低于 "
                f"{short_percent(self.yellow_below)} 为黄灯，其余为绿灯")

    def schedule_rules(self) -> list[str]:
        """The completion-vs-execution gap and the unit's choice after a warning, in Chinese."""
        rules = []
        if self.gap_points is not None:
            rules.append(f"绩效目标完成进度与预算执行进度相差超过 {plain(self.gap_points)} 个百分点的，予以预警")
        if self.unit_choice is not None:
            c = self.unit_choice
            rules.append(f"预警后，单位须在 {c.working_days} 个工作日内选择{'、'.join(c.options)}"
                         f"（工作日不含周末和法定节假日，含调休上班日）")
        return rules

    def budget_reason_rule(self) -> str:
        return f"预算执行率低于 {short_percent(self.budget_reason_below)} 的，须说明原因"

    def tier_rules(self) -> list[tuple[str, str]]:
        """(rating, band in Chinese) for qualitative indicators: ('达成', '分值的 80%（含）至 100%（含）') …"""
        return [(RATING_LABELS[t.status],
                 f"分值的 {short_percent(t.low)}（含）至 {short_percent(t.high)}{'（含）' if t.high_inclusive else '以下'}")
                for t in self.tiers]

    def block_rules(self) -> list[tuple[str, Decimal]]:
        """(block label, points) in 自评表 order, the budget block last."""
        rows = [(b.label, b.points) for b in self.blocks]
        return [*rows, (self.budget_label, self.budget_points)] if self.budget_method != "none" else rows

    def describe(self) -> dict:
        """Every rule a page prints, in Chinese, from this configuration (templates read keys:
        ``rules.lights.execution``, ``rules.grade_names``, ``rules.budget_reason`` …)."""
        return {
            "lights": self.light_rules(),
            "light_labels": {k or "none": v for k, v in LIGHT_LABELS.items()},
            "grade_names": self.grade_names,
            "grades": self.grade_bands(),
            "grade_rule": "；".join(f"{name} {band}" for name, band in self.grade_bands()),
            "tiers": self.tier_rules(),
            "tier_rule": "；".join(f"{name} {band}" for name, band in self.tier_rules()),
            "blocks": self.block_rules(),
            "budget_reason": self.budget_reason_rule(),
            "budget_reason_below": short_percent(self.budget_reason_below),
            "red_below": short_percent(self.red_below),
            "yellow_below": short_percent(self.yellow_below),
        }


DEFAULT_CONFIG = ScoringConfig()
