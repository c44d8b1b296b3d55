"""Suggestions from similar projects: a draft's name, type and goals find past projects like it, whose
indicators (matched to library entries) are proposed with the targets those projects set and the
actuals they reached.

Projects are compared by the words they share with the draft (jieba words, each weighted by how
rare it is among the past projects, so '经费' counts for little and '宣传' for much), plus a bonus
for the same 项目类型.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field

from jixiao.core.categories import compact
from jixiao.core.model import CATEGORIES, Indicator, TargetTable

from .bands import Band, band_for_uses
from .config import DEFAULT_LIBRARY_CONFIG, LibraryConfig
from .entry import LibraryEntry, Use
from .library import Library
from .record import ProjectRecord
from .text import normalise_name, words


@dataclass(frozen=True)
class Draft:
    name: str
    type: str = ""
    goals: str = ""


@dataclass(frozen=True)
class SimilarProject:
    record: ProjectRecord
    score: float  # 0–100 (plus the same-type bonus)


@dataclass
class Suggestion:
    name: str
    category: str
    entry: LibraryEntry | None
    unit: str | None
    examples: list[Use] = field(default_factory=list)  # one per similar project's indicator
    band: Band | None = None

    @property
    def projects(self) -> int:
        return len({(u.project, u.org, u.year) for u in self.examples})

    @property
    def definition(self) -> str:
        return self.entry.definition if self.entry else ""

    @property
    def typical_target(self) -> str | None:
        targets = Counter(u.target for u in self.examples if u.target)
        if targets:
            return targets.most_common(1)[0][0]
        return self.entry.typical_target if self.entry else None


def _project_words(table: TargetTable) -> Counter:
    text = " ".join([table.name, table.goals.annual, table.goals.period, *(i.name for i in table.indicators)])
    return Counter(words(text))


def _draft_words(draft: Draft) -> Counter:
    found = Counter(words(draft.goals))
    for word in words(draft.name):
        found[word] += 2  # the name says most about what the project does
    return found


def similar_projects(
    draft: Draft, history: list[ProjectRecord], config: LibraryConfig = DEFAULT_LIBRARY_CONFIG
) -> list[SimilarProject]:
    """Past projects most like the draft, best first, at least ``similar_threshold`` alike.

    Alike is the cosine of word vectors weighted by rarity (tf-idf), so that sharing one common word
    with a project that says much else counts for little, times the square root of the share of the
    draft's words that any past project has at all (a draft mostly about something new is like
    little; the root keeps a new topic word such as 禁毒 in '禁毒宣传经费' from sinking the rest), × 100.
    """
    if not history:
        return []
    bags = [_project_words(r.table) for r in history]
    frequency = Counter(w for bag in bags for w in bag)
    idf = {w: math.log((1 + len(bags)) / (1 + n)) + 1 for w, n in frequency.items()}
    words_of_draft = _draft_words(draft)
    rare = max(idf.values())  # what a word no past project has would weigh
    query = {w: weight * idf[w] for w, weight in words_of_draft.items() if w in idf}
    query_norm = math.sqrt(sum(v * v for v in query.values()))
    if not query_norm:
        return []
    # The share of the draft that past projects speak of at all.
    coverage = sum(query.values()) / sum(weight * idf.get(w, rare) for w, weight in words_of_draft.items())
    found = []
    for record, bag in zip(history, bags):
        vector = {w: n * idf[w] for w, n in bag.items()}
        norm = math.sqrt(sum(v * v for v in vector.values()))
        shared = sum(value * vector[w] for w, value in query.items() if w in vector)
        score = 100 * math.sqrt(coverage) * shared / (query_norm * norm) if norm else 0.0
        if draft.type and compact(record.table.type) == compact(draft.type):
            score += config.same_type_bonus
        if score >= config.similar_threshold:
            found.append(SimilarProject(record, round(score, 1)))
    found.sort(key=lambda s: (-s.score, s.record.table.name, -(s.record.table.year or 0)))
    return found[: config.similar_projects]


def _unit(indicator: Indicator) -> str | None:
    target = indicator.annual_target or indicator.period_target
    return target.unit if target is not None else None


def suggest_indicators(
    draft: Draft,
    history: list[ProjectRecord],
    library: Library | None = None,
    config: LibraryConfig = DEFAULT_LIBRARY_CONFIG,
) -> tuple[list[SimilarProject], list[Suggestion]]:
    """The similar projects and, grouped by library entry, the indicators they used.

    Ordered by category (产出 first, 满意度 last), then by how many similar projects used it.
    """
    projects = similar_projects(draft, history, config)
    library = library or Library()
    groups: dict[tuple, Suggestion] = {}
    for similar in projects:
        table = similar.record.table
        for indicator in table.indicators:
            if indicator.category not in CATEGORIES:
                continue
            match = library.match(indicator.name, indicator.category, _unit(indicator), config)
            key = ("entry", match.entry.code) if match else ("name", indicator.category, normalise_name(indicator.name))
            suggestion = groups.get(key)
            if suggestion is None:
                entry = match.entry if match else None
                name = entry.name if entry else normalise_name(indicator.name)
                unit = entry.unit if entry else _unit(indicator)
                suggestion = groups[key] = Suggestion(name, indicator.category, entry, unit)
            suggestion.examples.append(Use.of(table, indicator, similar.record.actual_of(indicator)))
    suggestions = list(groups.values())
    for suggestion in suggestions:
        if suggestion.entry is not None:
            suggestion.band = band_for_uses(suggestion.entry, suggestion.examples, config)
    suggestions.sort(key=lambda s: (CATEGORIES.index(s.category), -s.projects, s.name))
    return projects, suggestions
