"""Every threshold the 指标库 uses, in one place."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class LibraryConfig:
    # Two names (same 二级 category, same head word, compatible units) this alike are one entry.
    merge_similarity: float = 90
    # An indicator name this alike to an entry's name (same category and head word) uses that entry.
    match_similarity: float = 90
    # Search results scoring below this are left out.
    search_threshold: float = 50
    # Percentile band of comparable projects' targets, and how many targets it needs at least.
    band_low: int = 10
    band_high: int = 90
    min_band_samples: int = 5
    # Similar projects: how alike a project must be (0–100, see similar.similar_projects) and how many are taken.
    similar_threshold: float = 6
    similar_projects: int = 5
    # Bonus for the same 项目类型 when ranking similar projects.
    same_type_bonus: float = 15


DEFAULT_LIBRARY_CONFIG = LibraryConfig()
