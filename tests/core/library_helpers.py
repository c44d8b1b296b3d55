"""The demo library (core set plus the bundled tables), built once per test session."""

from __future__ import annotations

from functools import lru_cache

from jixiao.core.io import read_document
from jixiao.core.library import Library, LibraryEntry, Use, build_library
from jixiao.core.library.coreset import core_set
from jixiao.demo import DEMO_DOCUMENT


@lru_cache(maxsize=1)
def demo_document():
    return read_document(DEMO_DOCUMENT)


@lru_cache(maxsize=1)
def demo_library() -> Library:
    library, _ = build_library([demo_document()], base=core_set())
    return library


def entry(name: str, category: str = "quantity", unit: str | None = "次", **fields) -> LibraryEntry:
    return LibraryEntry(code=fields.pop("code", f"T-{name}"), name=name, category=category, unit=unit, **fields)


def uses(targets: list[str], project_type: str = "其他特定目标类（部门职能类）", name: str = "") -> tuple[Use, ...]:
    """One use per target, each by a different project."""
    return tuple(
        Use(project=f"项目{n}", org="某单位", year=2024, project_type=project_type, name=name, target=t)
        for n, t in enumerate(targets, 1)
    )
