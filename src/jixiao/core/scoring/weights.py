"""分值 (weights): which block each indicator scores in, and how a block's points are spread.

Rules (docs/domain.md §1.2, §1.6, §7.2):
- a block's points go evenly to its indicators when the user gives none; user weights must add up
  to the block's points; when only some are given, the rest of the block is spread evenly over
  the indicators without one;
- an indicator marked not applicable is dropped and the block's other weights are rescaled so the
  block keeps its points;
- a block with no (applicable) indicator at all hands its points to the other indicator blocks in
  proportion to their points, so the table still totals 100 (our choice: the rules only say the
  remaining scores are rescaled to 100). The budget block is never rescaled.
Weights are whole cents; rounding remainders go to the largest remainders, earlier rows first,
so every block sums exactly to its points.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import ROUND_FLOOR, Decimal
from functools import lru_cache

from jixiao.core import categories
from jixiao.core.model import Indicator
from jixiao.core.scoring.config import (
    BLOCK_LABELS, CENT, COST, OUTPUT, ZERO, ScoringConfig, ScoringError, fmt,
)


def block_of(indicator: Indicator, config: ScoringConfig) -> str:
    """The block an indicator scores in: output, cost (only with config.cost_block), benefit,
    satisfaction. Raises ScoringError when neither the category nor the 一级 label tells."""
    block = categories.block_of(indicator.category, indicator.level1)
    if block is None:
        raise ScoringError(f"指标「{indicator.name}」无法确定所属的一级指标（产出、效益或满意度）")
    if block == COST and config.cost_block is None:
        return OUTPUT
    return block


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


def _block_weights(label: str, points: Decimal, given: list[Decimal | None]) -> list[Decimal]:
    """Weights for one block's counted indicators before dropping the not-applicable ones."""
    for w in given:
        if w is not None and w < ZERO:
            raise ScoringError(f"{label}中有指标的分值为负数（{fmt(w)}）")
    set_sum = sum((w for w in given if w is not None), ZERO)
    missing = [i for i, w in enumerate(given) if w is None]
    if not missing:
        if set_sum != points:
            raise ScoringError(f"{label}各指标分值合计为 {fmt(set_sum)} 分，应为 {fmt(points)} 分")
        return list(given)
    rest = points - set_sum
    if rest <= ZERO:
        raise ScoringError(
            f"{label}已填分值合计为 {fmt(set_sum)} 分，已达到或超过该一级指标的 {fmt(points)} 分，"
            f"另有 {len(missing)} 个指标未填分值"
        )
    spread = iter(split_cents(rest, [Decimal(1)] * len(missing)))
    return [w if w is not None else next(spread) for w in given]


def allocate_weights(
    indicators: Sequence[Indicator],
    weights: Sequence[Decimal | None] | None = None,
    not_applicable: Sequence[bool] | None = None,
    config: ScoringConfig | None = None,
) -> list[Decimal]:
    """The 分值 of each indicator, in order; 0 for indicators marked not applicable.

    ``weights`` are user-set 分值 (None where not set), ``not_applicable`` flags, both by position.
    Raises ScoringError (Chinese, naming the block and the sum) when user weights do not add up.
    """
    return list(allocate(indicators, weights, not_applicable, config)[1])


def allocate(indicators, weights=None, not_applicable=None, config=None) -> tuple[tuple[str, ...], tuple[Decimal, ...]]:
    """(block of each indicator, 分值 of each indicator): allocate_weights plus the blocks."""
    from jixiao.core.scoring.config import DEFAULT_CONFIG

    config = config or DEFAULT_CONFIG
    n = len(indicators)
    blocks = []
    for i, ind in enumerate(indicators):
        try:
            blocks.append(block_of(ind, config))
        except ScoringError as err:
            raise ScoringError(err.message, i) from None
    blocks = tuple(blocks)
    weights = tuple(weights) if weights is not None else (None,) * n
    na = tuple(bool(x) for x in not_applicable) if not_applicable is not None else (False,) * n
    return blocks, _allocate(blocks, weights, na, config)


@lru_cache(maxsize=4096)  # most tables repeat a few shapes with no user weights: skip the work
def _allocate(blocks: tuple[str, ...], weights: tuple, na: tuple[bool, ...], config: ScoringConfig) -> tuple[Decimal, ...]:
    points = config.block_weights()
    members: dict[str, list[int]] = {b: [] for b in points}
    for i, block in enumerate(blocks):
        members[block].append(i)

    # Per block: user weights validated against the configured points, N/A dropped.
    kept: dict[str, list[tuple[int, Decimal]]] = {}
    for block, total in points.items():
        counted = [i for i in members[block] if not na[i] or weights[i] is not None]
        base = _block_weights(BLOCK_LABELS[block], total, [weights[i] for i in counted]) if counted else []
        kept[block] = [(i, w) for i, w in zip(counted, base) if not na[i]]

    # Blocks left empty hand their points to the others (see module docstring).
    live = [b for b in points if kept[b]]
    totals = dict(zip(live, split_cents(sum(points.values()), [points[b] for b in live])))

    result = [ZERO] * len(blocks)
    for block in live:
        rows = kept[block]
        for (i, _), w in zip(rows, split_cents(totals[block], [w for _, w in rows])):
            result[i] = w
    return tuple(result)


