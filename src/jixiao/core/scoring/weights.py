"""分值 (weights): which block each indicator scores in, and how a block's points are spread.

Rules (docs/domain.md §1.2, §1.6, §7.2, §8):
- a block's points go evenly to its indicators when the user gives none; when only some are given,
  the rest of the block is spread evenly over the indicators without one;
- given weights that do not add up to the block's points are scored as written with a finding
  (config.weight_mismatch 'finding'), or refused ('refuse'); a block whose points are None takes
  every indicator's 分值 as printed (each must be given);
- an indicator marked not applicable is dropped and the block's other weights are rescaled so the
  block keeps its points;
- a block with no (applicable) indicator at all hands its points to the other indicator blocks in
  proportion to their points, so the table still totals 100 (our choice: the rules only say the
  remaining scores are rescaled to 100). The budget block and judged blocks are never rescaled.
Weights are whole cents; rounding remainders go to the largest remainders, earlier rows first,
so every block sums exactly to its points.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_FLOOR, Decimal
from functools import lru_cache
from operator import attrgetter
from typing import NamedTuple

from jixiao.core import categories
from jixiao.core.model import Indicator
from jixiao.core.numbers import plain
from jixiao.core.scoring.config import CENT, DEFAULT_CONFIG, NO_POINTS, ZERO, ScoringConfig, ScoringError, cents


@dataclass(frozen=True)
class Finding:
    """Something a reviewer should see that does not stop the scoring (weights not as the rule
    set's blocks, totals not adding up …); ``index`` is the indicator's position when it concerns one."""

    kind: str
    message: str
    index: int | None = None


def block_of(indicator: Indicator, config: ScoringConfig) -> str:
    """The key of the block an indicator scores in (config.blocks). Raises ScoringError when
    neither the category nor the 一级 label tells, or when the rule set scores no such block."""
    key = _block_key(indicator.category, indicator.level1, config)
    if key is None:
        block = categories.block_of(indicator.category, indicator.level1)
        if block is None:
            raise ScoringError(f"指标「{indicator.name}」无法确定所属的一级指标（产出、效益或满意度）")
        raise ScoringError(f"指标「{indicator.name}」属于{categories.BLOCK_LEVEL1[block]}，本规则集没有计分的位置")
    return key


def _blocks(labels: tuple[tuple[str | None, str | None], ...], config: ScoringConfig) -> tuple[str, ...] | None:
    keys = tuple(_block_key(category, level1, config) for category, level1 in labels)
    return None if None in keys else keys


@lru_cache(maxsize=4096)  # a few categories and labels, asked for every indicator scored
def _block_key(category: str | None, level1: str | None, config: ScoringConfig) -> str | None:
    block = categories.block_of(category, level1)
    return None if block is None else config.block_for(block)


def split_cents(total: Decimal, shares: Sequence[Decimal]) -> list[Decimal]:
    """Divide ``total`` in proportion to ``shares`` into whole cents that sum exactly to ``total``
    (largest remainder; ties go to the earlier share). Equal shares when all shares are zero."""
    if not shares:
        return []
    base = sum(shares)
    if base <= ZERO:
        shares, base = [Decimal(1)] * len(shares), Decimal(len(shares))
    raw = [total * s / base for s in shares]
    floors = [r.quantize(CENT, rounding=ROUND_FLOOR) for r in raw]
    left = int((total - sum(floors)) / CENT)
    order = sorted(range(len(raw)), key=lambda i: (-(raw[i] - floors[i]), i))
    for i in order[:left]:
        floors[i] += CENT
    return floors


def _block_weights(label: str, points: Decimal | None, given: list[Decimal | None],
                   refuse: bool) -> tuple[list[Decimal], str | None]:
    """Weights of one block's counted indicators before dropping the not-applicable ones, and a
    finding when the given weights are scored as written although they do not fit the block."""
    for w in given:
        if w is not None and w < ZERO:
            raise ScoringError(f"{label}中有指标的分值为负数（{plain(w)}）")
    if points is None:  # as printed (missing ones were refused before)
        return list(given), None
    set_sum = sum((w for w in given if w is not None), ZERO)
    missing = [i for i, w in enumerate(given) if w is None]
    if not missing:
        if set_sum == points:
            return list(given), None
        message = f"{label}各指标分值合计为 {plain(set_sum)} 分，应为 {plain(points)} 分"
        if refuse:
            raise ScoringError(message)
        return list(given), f"{message}；按表内分值计分"
    rest = points - set_sum
    if rest <= ZERO:
        message = (f"{label}已填分值合计为 {plain(set_sum)} 分，已达到或超过该一级指标的 {plain(points)} 分，"
                   f"另有 {len(missing)} 个指标未填分值")
        if refuse:
            raise ScoringError(message)
        return [w if w is not None else ZERO for w in given], f"{message}；未填分值的按 0 分计"
    spread = iter(split_cents(rest, [Decimal(1)] * len(missing)))
    return [w if w is not None else next(spread) for w in given], None


def allocate_weights(
    indicators: Sequence[Indicator],
    weights: Sequence[Decimal | None] | None = None,
    not_applicable: Sequence[bool] | None = None,
    config: ScoringConfig | None = None,
) -> list[Decimal]:
    """The 分值 of each indicator, in order; 0 for indicators marked not applicable.

    ``weights`` are user-set 分值 (None where not set), ``not_applicable`` flags, both by position.
    Raises ScoringError (Chinese, naming the block and the sum) when the rule set refuses them.
    """
    return list(allocate(indicators, weights, not_applicable, config)[1])


def allocate(indicators, weights=None, not_applicable=None, config=None):
    """(block of each indicator, 分值 of each indicator, findings): allocate_weights plus the
    blocks and what a reviewer should know about the weights."""
    s = shape(indicators, weights, not_applicable, config)
    return s.blocks, s.weights, [Finding("weights", m) for m in s.messages]


def _rows(rows: list[int]) -> slice | tuple[int, ...]:
    """A block's rows (ascending): a slice when they follow one another, as in most tables."""
    if not rows:
        return slice(0, 0)
    if rows[-1] - rows[0] == len(rows) - 1:
        return slice(rows[0], rows[-1] + 1)
    return tuple(rows)


def pick(values: Sequence, rows: slice | tuple[int, ...]) -> Sequence:
    """The values of a block's rows (Shape.members)."""
    return values[rows] if type(rows) is slice else [values[i] for i in rows]


class Shape(NamedTuple):
    """What scoring a table needs from its indicators' blocks and the 分值 given: the same for every
    table of one shape, so worked out once per shape."""

    blocks: tuple[str, ...]  # block key of each indicator
    weights: tuple[Decimal, ...]  # 分值 of each indicator (allocate)
    cents: tuple[Decimal | None, ...]  # each 分值 to two decimals as scored (q2); None: not a plain number
    messages: tuple[str, ...]  # findings about the weights
    members: tuple[tuple[str, slice | tuple[int, ...]], ...]  # each indicator block's key and its rows (pick)
    points: tuple[tuple[str, Decimal], ...] | None  # each indicator block's 分值 (sum of cents; None if any is None)
    keys: tuple[str, ...]  # every block's key, config order


_LABELS = attrgetter("category", "level1")


def shape(indicators, weights=None, not_applicable=None, config=None) -> Shape:
    """The Shape of a table; raises ScoringError (naming the indicator) as allocate_weights does."""
    config = config or DEFAULT_CONFIG
    n = len(indicators)
    weights = tuple(weights) if weights is not None else (None,) * n
    na = tuple(map(bool, not_applicable)) if not_applicable is not None else (False,) * n
    labels = tuple(map(_LABELS, indicators))
    found = _shape(labels, weights, na, config)
    if type(found) is int:  # the row that stops it: name it
        ind = indicators[found]
        try:
            block_of(ind, config)
        except ScoringError as err:
            raise ScoringError(err.message, found) from None
        label = config.block_labels()[_block_key(ind.category, ind.level1, config)]
        raise ScoringError(f"指标「{ind.name}」未填写分值（{label}按表内分值计分）", found)
    return found


@lru_cache(maxsize=4096)  # tables repeat a few shapes (most with no user weights): skip the work
def _shape(labels: tuple[tuple[str | None, str | None], ...], weights: tuple, na: tuple[bool, ...],
           config: ScoringConfig) -> Shape | int:
    blocks = _blocks(labels, config)
    if blocks is None:  # some indicator has no block
        return next(i for i, (category, level1) in enumerate(labels) if _block_key(category, level1, config) is None)
    printed = {b.key for b in config.blocks if b.points is None}
    for i, (block, w) in enumerate(zip(blocks, weights)):
        if block in printed and w is None and not na[i]:
            return i
    result, messages = _allocate(blocks, weights, na, config)
    members = tuple((b.key, _rows([i for i, key in enumerate(blocks) if key == b.key]))
                    for b in config.blocks if not b.judged)
    in_cents = tuple(map(cents, result))
    points = None if None in in_cents else tuple((key, sum(pick(in_cents, rows), NO_POINTS)) for key, rows in members)
    return Shape(blocks, result, in_cents, messages, members, points, tuple(b.key for b in config.blocks))


def _allocate(blocks: tuple[str, ...], weights: tuple, na: tuple[bool, ...],
              config: ScoringConfig) -> tuple[tuple[Decimal, ...], tuple[str, ...]]:
    scored = [b for b in config.blocks if not b.judged]
    members: dict[str, list[int]] = {b.key: [] for b in scored}
    for i, block in enumerate(blocks):
        members[block].append(i)

    # Per block: user weights against the configured points, N/A dropped.
    kept: dict[str, list[tuple[int, Decimal]]] = {}
    totals: dict[str, Decimal] = {}
    messages: list[str] = []
    for b in scored:
        counted = [i for i in members[b.key] if not na[i] or weights[i] is not None]
        base, message = (_block_weights(b.label, b.points, [weights[i] for i in counted],
                                        config.weight_mismatch == "refuse") if counted else ([], None))
        if message:
            messages.append(message)
        kept[b.key] = [(i, w) for i, w in zip(counted, base) if not na[i]]
        totals[b.key] = b.points if b.points is not None and message is None else sum(base, ZERO)

    # Fixed blocks left empty hand their points to the other fixed blocks (see module docstring).
    fixed = [b.key for b in scored if b.points is not None and totals[b.key] == b.points]
    live = [k for k in fixed if kept[k]]
    totals.update(zip(live, split_cents(sum((totals[k] for k in fixed), ZERO), [totals[k] for k in live])))

    result = [ZERO] * len(blocks)
    for key, rows in kept.items():
        if rows:
            for (i, _), w in zip(rows, split_cents(totals[key], [w for _, w in rows])):
                result[i] = w
    return tuple(result), tuple(messages)
