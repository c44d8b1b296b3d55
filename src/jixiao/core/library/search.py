"""Searching the 指标库 by Chinese words or pinyin initials, best first.

An entry's score (0–100) is the best of: the query found whole in a name (100); the share of
the query's jieba words found among a name's words; rapidfuzz's partial match of query and name;
pinyin initials ('xchd' finds 宣传活动次数); and, at lower weight, words found in the 指标解释. Ties
go to the entry more tables use. Retired entries are not offered.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz

from .config import DEFAULT_LIBRARY_CONFIG, LibraryConfig
from .entry import LibraryEntry
from .library import Library
from .text import initials, normalise_name, words

_LATIN = re.compile(r"^[a-z]+$")
# How much each way of matching counts, relative to the query found whole in a name.
WORD_WEIGHT = 0.9
FUZZY_WEIGHT = 0.8
INITIALS_WEIGHT = 0.95
DEFINITION_WEIGHT = 0.6


@dataclass(frozen=True)
class SearchHit:
    entry: LibraryEntry
    score: float


def _name_score(query: str, query_words: tuple[str, ...], name: str) -> float:
    name = normalise_name(name)
    if query and query in name:
        return 100.0
    name_words = set(words(name))
    covered = sum(1 for w in query_words if w in name_words or w in name) / len(query_words) if query_words else 0
    fuzzy = fuzz.partial_ratio(query, name) if len(query) > 1 else 0.0
    return max(covered * 100 * WORD_WEIGHT, fuzzy * FUZZY_WEIGHT)


def score_entry(entry: LibraryEntry, query: str) -> float:
    """How well ``entry`` answers ``query`` (words separated by spaces are all sought)."""
    parts = [normalise_name(p) for p in query.split() if p.strip()]
    if not parts:
        return 0.0
    scores = []
    for part in parts:
        part_lower = part.lower()
        if _LATIN.match(part_lower):
            found = any(initials(n).startswith(part_lower) for n in entry.names)
            inside = any(part_lower in initials(n) for n in entry.names)
            scores.append(100 * INITIALS_WEIGHT if found else 85 * INITIALS_WEIGHT if inside else 0.0)
            continue
        part_words = words(part)
        best = max(_name_score(part, part_words, n) for n in entry.names)
        if entry.definition and part_words:
            covered = sum(1 for w in part_words if w in entry.definition) / len(part_words)
            best = max(best, covered * 100 * DEFINITION_WEIGHT)
        scores.append(best)
    return sum(scores) / len(scores)


def search(
    library: Library,
    query: str,
    limit: int = 10,
    category: str | None = None,
    config: LibraryConfig = DEFAULT_LIBRARY_CONFIG,
) -> list[SearchHit]:
    hits = []
    for entry in library.active():
        if category is not None and entry.category != category:
            continue
        score = score_entry(entry, query)
        if score >= config.search_threshold:
            hits.append(SearchHit(entry, round(score, 1)))
    hits.sort(key=lambda h: (-h.score, -h.entry.uses, h.entry.status != "approved", h.entry.code))
    return hits[:limit]


def hit_to_dict(hit: SearchHit) -> dict:
    """The form `jixiao library search` prints for each entry."""
    entry = hit.entry
    return {
        "code": entry.code,
        "name": entry.name,
        "category": entry.category,
        "definition": entry.definition,
        "unit": entry.unit,
        "typical_target": entry.typical_target,
        "uses": entry.uses,
    }
