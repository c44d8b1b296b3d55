"""指标库: the indicator library (no Django).

Public API::

    LibraryEntry, Use, Library, Match, LibraryConfig
    build_library(documents_or_tables, base=None) -> (Library, BuildReport)
    core_set() -> Library                       the central core set (财预〔2021〕101号 structure)
    search(library, words, limit=10) -> [SearchHit]
    target_band(entry, ...) -> Band | None      10th–90th percentile of comparable targets
    suggest_indicators(draft, history, library) -> [Suggestion]
    jsonform: library_to_dict / library_from_dict / dumps / loads / load
"""

from .build import BuildReport, build_library
from .config import DEFAULT_LIBRARY_CONFIG, LibraryConfig
from .entry import (
    DIRECTION_LABELS,
    SOURCE_LABELS,
    STATUS_LABELS,
    VALUE_TYPE_LABELS,
    LibraryEntry,
    Use,
)
from .library import Library, Match

__all__ = [
    "DEFAULT_LIBRARY_CONFIG",
    "DIRECTION_LABELS",
    "SOURCE_LABELS",
    "STATUS_LABELS",
    "VALUE_TYPE_LABELS",
    "BuildReport",
    "Library",
    "LibraryConfig",
    "LibraryEntry",
    "Match",
    "Use",
    "build_library",
]
