"""Percentile bands of the targets comparable projects set for one entry (10th–90th by default)."""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from decimal import Decimal

from .config import DEFAULT_LIBRARY_CONFIG, LibraryConfig
from .entry import LibraryEntry, Use


@dataclass(frozen=True)
class Band:
    low: Decimal  # the lower percentile (10th)
    high: Decimal  # the upper percentile (90th)
    median: Decimal
    count: int  # how many targets the band rests on
    unit: str | None
    same_type: bool  # only projects of the same 项目类型 were compared
    low_pct: int = 10
    high_pct: int = 90

    def contains(self, value: Decimal) -> bool:
        return self.low <= value <= self.high


def percentiles(values: list[Decimal], low: int, high: int) -> tuple[Decimal, Decimal, Decimal]:
    """(low, median, high) percentiles, interpolated between the targets (inclusive method)."""
    if len(values) == 1:
        return values[0], values[0], values[0]
    cuts = statistics.quantiles(sorted(values), n=100, method="inclusive")
    return Decimal(cuts[low - 1]), statistics.median(values), Decimal(cuts[high - 1])


def comparable_uses(entry: LibraryEntry, project: str = "", org: str = "", project_type: str = "", min_count: int = 0):
    """The entry's uses by other projects; only those of the same 项目类型 when there are enough of them."""
    others = [u for u in entry.usage if not (project and u.project == project and u.org == org)]
    same = [u for u in others if project_type and u.project_type == project_type]
    if project_type and len(entry.numeric_targets(same)) >= max(min_count, 1):
        return same, True
    return others, False


def target_band(
    entry: LibraryEntry,
    project: str = "",
    org: str = "",
    project_type: str = "",
    config: LibraryConfig = DEFAULT_LIBRARY_CONFIG,
) -> Band | None:
    """The band of other projects' numeric targets for ``entry``; None below ``min_band_samples``."""
    uses, same_type = comparable_uses(entry, project, org, project_type, config.min_band_samples)
    values = [value for _, value in entry.numeric_targets(uses)]
    if len(values) < config.min_band_samples:
        return None
    low, median, high = percentiles(values, config.band_low, config.band_high)
    return Band(low, high, median, len(values), entry.unit, same_type, config.band_low, config.band_high)


def band_for_uses(entry: LibraryEntry, uses: list[Use], config: LibraryConfig = DEFAULT_LIBRARY_CONFIG) -> Band | None:
    """The band over the given uses only (e.g. the similar projects of a suggestion), any count ≥ 1."""
    values = [value for _, value in entry.numeric_targets(uses)]
    if not values:
        return None
    low, median, high = percentiles(values, config.band_low, config.band_high)
    return Band(low, high, median, len(values), entry.unit, False, config.band_low, config.band_high)
