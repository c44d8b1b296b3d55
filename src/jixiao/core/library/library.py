"""A set of entries with lookup by code and matching of indicator names to entries."""

from __future__ import annotations

from dataclasses import dataclass

from jixiao.core.units import units_compatible

from .config import DEFAULT_LIBRARY_CONFIG, LibraryConfig
from .entry import LibraryEntry
from .text import head_word, name_similarity, normalise_name


@dataclass(frozen=True)
class Match:
    entry: LibraryEntry
    score: float  # 100 for the entry's own name or an alias
    name: str  # the entry name (or alias) that matched


class Library:
    def __init__(self, entries: list[LibraryEntry] | tuple[LibraryEntry, ...] = ()):
        self.entries = list(entries)
        self.by_code = {e.code: e for e in self.entries}
        self._by_name: dict[str, LibraryEntry] = {}
        self._by_head: dict[str, list[tuple[str, LibraryEntry]]] = {}
        for entry in self.entries:
            if entry.status == "retired":
                continue
            for name in entry.names:
                self._by_name.setdefault(normalise_name(name), entry)
                self._by_head.setdefault(head_word(name), []).append((name, entry))

    def __len__(self) -> int:
        return len(self.entries)

    def __iter__(self):
        return iter(self.entries)

    def get(self, code: str) -> LibraryEntry | None:
        return self.by_code.get(code)

    def active(self) -> list[LibraryEntry]:
        return [e for e in self.entries if e.status != "retired"]

    def match(
        self,
        name: str,
        category: str | None = None,
        unit: str | None = None,
        config: LibraryConfig = DEFAULT_LIBRARY_CONFIG,
    ) -> Match | None:
        """The entry an indicator name stands for: its own name or alias, else the closest similar name.

        A similar name must measure the same thing: the same category (when given), the same head
        word ('次数', '及时率') and a unit that can be compared.
        """
        key = normalise_name(name)
        exact = self._by_name.get(key)
        if exact is not None and (category is None or exact.category == category):
            return Match(exact, 100.0, key)
        best: Match | None = None
        for candidate, entry in self._by_head.get(head_word(key), ()):
            if category is not None and entry.category != category:
                continue
            if not units_compatible(entry.unit, unit):
                continue
            score = name_similarity(key, candidate)
            if score >= config.match_similarity and (best is None or score > best.score):
                best = Match(entry, score, candidate)
        return best
