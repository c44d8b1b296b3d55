"""The demo library (core set plus the bundled tables), built once per test session."""

from __future__ import annotations

import json
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

from jixiao.core.categories import category_of
from jixiao.core.io import read_document
from jixiao.core.library import Library, LibraryEntry, Use, build_library
from jixiao.core.library.coreset import core_set
from jixiao.core.library.record import ProjectRecord
from jixiao.core.model import Indicator, TargetTable
from jixiao.core.targets import parse_target
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


REAL = Path(__file__).resolve().parents[1] / "fixtures" / "real"


@lru_cache(maxsize=1)
def real_records() -> tuple[ProjectRecord, ...]:
    """Every named table of the real corpus as a careful reader saw it (its expected file), with the
    actuals of the self-evaluations."""
    records = []
    for path in sorted(REAL.glob("*.expected.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        for t in data["tables"]:
            if not t["name"]:
                continue
            indicators = [
                Indicator(
                    level1=i["level1"] or "",
                    level2=i["level2"] or "",
                    category=category_of(i["level1"] or "", i["level2"] or ""),
                    name=i["name"],
                    period_target=parse_target(i["period_target"]) if i["period_target"] else None,
                    annual_target=parse_target(i["annual_target"]) if i["annual_target"] else None,
                )
                for i in t["indicators"]
            ]
            budget = Decimal(t["budget"]) if t.get("budget") else None
            table = TargetTable(name=t["name"], unit=t["unit"] or "", year=t["year"], budget=budget, indicators=indicators)
            actuals = {i["name"]: i["actual"] for i in t["indicators"] if i.get("actual")}
            records.append(ProjectRecord(table, actuals, code=path.name.split(".")[0]))
    return tuple(records)
