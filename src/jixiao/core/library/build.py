"""Building a 指标库 from target tables: candidate entries, near-duplicates merged, usage counted.

Every indicator of every table is a candidate. Candidates with the same name (brackets and spaces
aside) are one; a candidate joins an existing entry when it is in the same 二级 category, measures
the same thing (same head word, compatible unit) and its name is at least
``LibraryConfig.merge_similarity`` alike (rapidfuzz over characters and over jieba words), so
'维稳宣传活动次数' and '信访宣传活动次数' join '宣传活动次数'. Entries of a base library (the core set,
or a library built earlier) are matched first and keep their codes and texts.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace
from functools import cached_property, lru_cache

from jixiao.core.categories import compact
from jixiao.core.model import CATEGORIES, CATEGORY_LABELS, CATEGORY_LEVEL1, Document, Indicator, TargetTable
from jixiao.core.units import normalise_unit, units_compatible

from .config import DEFAULT_LIBRARY_CONFIG, LibraryConfig
from .entry import CATEGORY_CODES, SOURCE_CODES, LibraryEntry, Use, entry_code
from .library import Library
from .text import bracketed_unit, head_word, name_similarity, normalise_name

_KIND_VALUE_TYPES = {"numeric": "quantitative", "deadline": "deadline", "qualitative": "qualitative"}


@dataclass
class BuildReport:
    tables: int = 0
    indicators: int = 0
    skipped: int = 0  # indicators with no name or no recognisable category
    new_entries: int = 0
    merged_names: int = 0  # distinct names that joined an entry under another name

    def summary(self) -> str:
        text = (
            f"读取 {self.tables} 张表、{self.indicators} 个三级指标：新增 {self.new_entries} 个条目，"
            f"{self.merged_names} 个相近名称并入已有条目"
        )
        if self.skipped:
            text += f"，{self.skipped} 个指标因缺少名称或无法识别二级指标而跳过"
        return text + "。"


@dataclass
class _Candidate:
    """All indicators sharing one normalised name in one category."""

    name: str
    category: str
    uses: list[Use] = field(default_factory=list)
    indicators: list[Indicator] = field(default_factory=list)

    @cached_property
    def unit(self) -> str | None:
        units = Counter(u for u in map(_unit_of, self.indicators) if u)
        return units.most_common(1)[0][0] if units else None


@dataclass
class _Cluster:
    name: str
    category: str
    unit: str | None  # the base entry's, or the first candidate's: what later candidates must fit
    order: int  # earlier clusters win ties
    base: LibraryEntry | None = None
    names: list[str] = field(default_factory=list)
    candidates: list[_Candidate] = field(default_factory=list)

    @property
    def all_names(self) -> tuple[str, ...]:
        return (*(self.base.names if self.base is not None else (self.name,)), *self.names)


class _Index:
    """Clusters by (category, head word): a candidate is compared only with names that could be it.

    Each cluster's own names (its first name, a base entry's name and aliases) are tried first; the
    names merged into it during this build only when none of those is alike enough.
    """

    def __init__(self):
        self.clusters: list[_Cluster] = []
        self._own: dict[tuple[str, str], list[tuple[str, _Cluster]]] = {}
        self._merged: dict[tuple[str, str], list[tuple[str, _Cluster]]] = {}

    def add(self, cluster: _Cluster) -> _Cluster:
        self.clusters.append(cluster)
        if cluster.base is None or cluster.base.status != "retired":  # a retired entry takes no new uses
            for name in cluster.all_names:
                self._own.setdefault((cluster.category, head_word(name)), []).append((name, cluster))
        return cluster

    def add_name(self, cluster: _Cluster, name: str) -> None:
        cluster.names.append(name)
        self._merged.setdefault((cluster.category, head_word(name)), []).append((name, cluster))

    def best(self, candidate: _Candidate, config: LibraryConfig) -> _Cluster | None:
        key = (candidate.category, head_word(candidate.name))
        return self._best(self._own.get(key, ()), candidate, config) or self._best(
            self._merged.get(key, ()), candidate, config
        )

    @staticmethod
    def _best(names, candidate: _Candidate, config: LibraryConfig) -> _Cluster | None:
        found: _Cluster | None = None
        best = 0.0
        for name, cluster in names:
            if not _compatible(cluster.unit, candidate.unit):
                continue
            score = name_similarity(candidate.name, name)
            if score < config.merge_similarity:
                continue
            if score > best or (score == best and found is not None and cluster.order < found.order):
                found, best = cluster, score
        return found


@lru_cache(maxsize=1024)
def _compatible(a: str | None, b: str | None) -> bool:
    return units_compatible(a, b)


def _unit_of(indicator: Indicator) -> str | None:
    for target in (indicator.annual_target, indicator.period_target):
        if target is not None and target.unit:
            return normalise_unit(target.unit)
        for part in target.parts if target is not None else ():
            if part.unit:
                return normalise_unit(part.unit)
    return bracketed_unit(indicator.name)


def _candidates(tables: list[TargetTable], report: BuildReport) -> list[_Candidate]:
    found: dict[tuple[str, str], _Candidate] = {}
    for table in tables:
        report.tables += 1
        for indicator in table.indicators:
            report.indicators += 1
            name = normalise_name(indicator.name)
            if not name or indicator.category not in CATEGORIES:
                report.skipped += 1
                continue
            candidate = found.setdefault((name, indicator.category), _Candidate(name, indicator.category))
            candidate.uses.append(Use.of(table, indicator))
            candidate.indicators.append(indicator)
    # Generic (short) names first, so that qualified names join them rather than the reverse.
    return sorted(found.values(), key=lambda c: (CATEGORIES.index(c.category), len(c.name), c.name))


def _majority(counter: Counter, default):
    return counter.most_common(1)[0][0] if counter else default


def _describe(cluster: _Cluster) -> dict:
    """Value type, unit, direction and labels of a new entry, by majority over its indicators."""
    indicators = [i for c in cluster.candidates for i in c.indicators]
    targets = [i.annual_target or i.period_target for i in indicators]
    kinds = Counter(
        "numeric" if t.kind == "composite" and any(p.kind == "numeric" for p in t.parts) else t.kind
        for t in targets
        if t is not None
    )
    value_type = _KIND_VALUE_TYPES.get(_majority(kinds, "qualitative"), "qualitative")
    directions = Counter(t.direction for t in targets if t is not None and t.direction in ("higher", "lower"))
    if value_type != "quantitative":
        direction = "qualitative"
    else:
        direction = _majority(directions, "lower" if cluster.category == "cost" else "higher")
    level1 = _majority(Counter(compact(i.level1) for i in indicators if i.level1), CATEGORY_LEVEL1[cluster.category])
    level2 = _majority(Counter(compact(i.level2) for i in indicators), CATEGORY_LABELS[cluster.category])
    units = Counter(u for c in cluster.candidates for u in map(_unit_of, c.indicators) if u)
    unit = _majority(units, None)
    return {"value_type": value_type, "direction": direction, "level1": level1, "level2": level2, "unit": unit}


def _merge_uses(old: tuple[Use, ...], new: list[Use]) -> tuple[Use, ...]:
    """Uses of both, once each: building twice from the same table counts it once."""
    seen = {(u.project, u.org, u.year, u.name): u for u in old}
    for use in new:
        seen.setdefault((use.project, use.org, use.year, use.name), use)
    return tuple(seen.values())


def _next_numbers(base: Library) -> Counter:
    numbers: Counter = Counter()
    for entry in base:
        prefix, _, number = entry.code.rpartition("-")
        if number.isdigit():
            numbers[prefix] = max(numbers[prefix], int(number))
    return numbers


def build_library(
    sources: list[Document] | list[TargetTable],
    base: Library | None = None,
    config: LibraryConfig = DEFAULT_LIBRARY_CONFIG,
) -> tuple[Library, BuildReport]:
    """A library holding the base entries (with the new usage) plus one proposed entry per new indicator."""
    tables = [t for s in sources for t in (s.tables if isinstance(s, Document) else [s])]
    base = base or Library()
    report = BuildReport()
    index = _Index()
    for entry in base:
        index.add(_Cluster(entry.name, entry.category, entry.unit, len(index.clusters), base=entry))
    for candidate in _candidates(tables, report):
        target = index.best(candidate, config)
        if target is None:
            target = index.add(_Cluster(candidate.name, candidate.category, candidate.unit, len(index.clusters)))
            report.new_entries += 1
        elif candidate.name not in target.all_names:
            report.merged_names += 1
            index.add_name(target, candidate.name)
        target.candidates.append(candidate)
    clusters = index.clusters

    entries = []
    numbers = _next_numbers(base)
    new = [c for c in clusters if c.base is None]
    new.sort(key=lambda c: (CATEGORIES.index(c.category), -sum(len(x.uses) for x in c.candidates), c.name))
    for cluster in [c for c in clusters if c.base is not None] + new:
        uses = [u for c in cluster.candidates for u in c.uses]
        if cluster.base is not None:
            aliases = tuple(dict.fromkeys([*cluster.base.aliases, *cluster.names]))
            entries.append(replace(cluster.base, aliases=aliases, usage=_merge_uses(cluster.base.usage, uses)))
            continue
        prefix = f"{SOURCE_CODES['unit']}-{CATEGORY_CODES[cluster.category]}"
        numbers[prefix] += 1
        years = [u.year for u in uses if u.year]
        entries.append(
            LibraryEntry(
                code=entry_code("unit", cluster.category, numbers[prefix]),
                name=cluster.name,
                category=cluster.category,
                aliases=tuple(sorted(set(cluster.names))),
                source="unit",
                status="proposed",
                valid_from=min(years) if years else None,
                project_types=tuple(sorted({u.project_type for u in uses if u.project_type})),
                usage=_merge_uses((), uses),
                **_describe(cluster),
            )
        )
    return Library(entries), report
