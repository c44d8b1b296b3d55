"""Reading a rule set file: TOML → schema check → ScoringConfig and review settings."""

from __future__ import annotations

import json
import tomllib
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from functools import cache
from pathlib import Path

from jsonschema import Draft202012Validator

from jixiao.core.review.config import DEFAULT_CONFIG as REVIEW_DEFAULT, ReviewConfig
from jixiao.core.scoring.config import (
    Block, Checkpoint, ScoringConfig, ScoringError, TierBand, UnitChoice, to_decimal,
)

RULES_DIR = Path(__file__).resolve().parent
DEFAULT_NAME = "central-2020"


class RuleSetError(ValueError):
    """A rule set that cannot be used; ``str()`` names the file and, where known, the key."""


@dataclass(frozen=True)
class Source:
    number: str  # official number, e.g. 财预〔2020〕10号
    title: str  # official title, '' when not known
    covers: str  # which rules it supports

    @property
    def citation(self) -> str:
        return f"{self.number}《{self.title}》" if self.title else self.number


@dataclass(frozen=True)
class RuleSet:
    name: str
    title: str
    jurisdiction: str
    version: str
    summary: str
    sources: tuple[Source, ...]
    scoring: ScoringConfig
    review: ReviewConfig
    review_grades: tuple[tuple[str, str], ...]  # (grade, consequence) of target review
    results_use: tuple[tuple[str, str], ...]  # (grade, budget consequence) of self-evaluation
    text: str  # the file as read: stored with what it scored, so a later change never rescores it
    path: str = ""

    @property
    def label(self) -> str:
        """How pages and exports name it: '中央部门项目支出绩效自评（central-2020，2020.1 版）'."""
        return f"{self.title}（{self.name}，{self.version} 版）"

    @property
    def official_label(self) -> str:
        """How users see it, by official names only: '中央部门项目支出绩效自评（财政部 财预〔2020〕10号，2020.1 版）'.
        The cited document is the first with an official number (一个文号), else the first source."""
        cited = next((s for s in self.sources if "〔" in s.number), self.sources[0])
        return f"{self.title}（{self.jurisdiction} {cited.number}，{self.version} 版）"

    def results_use_of(self, grade: str) -> str:
        return dict(self.results_use).get(grade, "")


@cache
def _validator() -> Draft202012Validator:
    return Draft202012Validator(json.loads((RULES_DIR / "schema.json").read_text(encoding="utf-8")))


def _where(error) -> str:
    return ".".join(str(p) for p in error.absolute_path) or "（顶层）"


def _month_day(text: str, where: str) -> tuple[int, int]:
    month, day = (int(x) for x in text.split("-"))
    try:
        date(2024, month, day)  # a leap year: 02-29 is a valid checkpoint
    except ValueError:
        raise RuleSetError(f"{where}：日期「{text}」无效") from None
    return month, day


def _dates(texts: list[str], where: str) -> tuple[date, ...]:
    try:
        return tuple(date.fromisoformat(t) for t in texts)
    except ValueError as err:
        raise RuleSetError(f"{where}：日期无效（{err}）") from None


def _decimal(value) -> Decimal:
    return to_decimal(value, required=True)


def _scoring(data: dict) -> ScoringConfig:
    s, m = data["scoring"], data["monitoring"]
    blocks = []
    for i, b in enumerate(s["blocks"]):
        if ("points" in b) == bool(b.get("as_printed")):
            raise RuleSetError(f"scoring.blocks.{i}：应有 points（分值）或 as_printed = true，二者取一")
        blocks.append(Block(b["key"], b["label"], b.get("points"), tuple(b.get("categories", ()))))
    budget = s["budget"]
    grades = s["grades"]
    if "at_least" in grades[-1] or any("at_least" not in g for g in grades[:-1]):
        raise RuleSetError("scoring.grades：除最低一档外每档须有 at_least，最低一档不写")
    kwargs = dict(
        blocks=tuple(blocks),
        weight_mismatch=s.get("weight_mismatch", "finding"),
        reverse_formula=s.get("reverse_formula", "linear"),
        rounding=s.get("rounding", "half-up"),
        ratings_on_numeric=s.get("ratings_on_numeric", False),
        budget_method=budget["method"],
        budget_weight=_decimal(budget.get("points", 0)),
        budget_label=budget.get("label", "预算执行率"),
        budget_reason_below=_decimal(budget.get("reason_below", "0.9")),
        budget_bands=tuple((_decimal(b["at_least"]), _decimal(b["share"])) for b in budget.get("bands", ())),
        tiers=tuple(TierBand(t["rating"], _decimal(t["low"]), _decimal(t["high"]), t.get("high_inclusive", False))
                    for t in s["tiers"]),
        grades=tuple((_decimal(g["at_least"]), g["name"]) for g in grades[:-1]),
        lowest_grade=grades[-1]["name"],
        light_basis=m["basis"],
        red_below=_decimal(m.get("red_below", "0.6")),
        yellow_below=_decimal(m.get("yellow_below", "0.8")),
        shortfall_light=m.get("shortfall_light", "yellow"),
        checkpoints=tuple(Checkpoint(*_month_day(c["by"], f"monitoring.checkpoints.{i}"), _decimal(c["min_rate"]))
                          for i, c in enumerate(m.get("checkpoints", ()))),
        gap_points=_decimal(m["gap_points"]) if "gap_points" in m else None,
    )
    if "cutoff" in m:
        kwargs["cutoff_month"], kwargs["cutoff_day"] = _month_day(m["cutoff"], "monitoring.cutoff")
    if "unit_choice" in m:
        c = m["unit_choice"]
        kwargs["unit_choice"] = UnitChoice(tuple(c["options"]), c["working_days"],
                                           _dates(c.get("holidays", []), "monitoring.unit_choice.holidays"),
                                           _dates(c.get("workdays", []), "monitoring.unit_choice.workdays"))
    return ScoringConfig(**kwargs)


def _review(data: dict) -> ReviewConfig:
    r = data["review"]
    changes = {}
    if "min_execution_rate" in r:
        changes["min_execution_rate"] = _decimal(r["min_execution_rate"])
    if "require_cost" in r:
        changes["require_cost"] = r["require_cost"]
    return replace(REVIEW_DEFAULT, **changes)


def parse(text: str, path: str = "") -> RuleSet:
    """A rule set from the text of its TOML file; RuleSetError names the file and the key."""
    where = path or "规则集"
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise RuleSetError(f"{where}：TOML 格式错误：{err}") from None
    errors = sorted(_validator().iter_errors(data), key=lambda e: list(e.absolute_path))
    if errors:
        first = errors[0]
        raise RuleSetError(f"{where}：{_where(first)}：不符合规则集格式（{first.message}）")
    try:
        scoring = _scoring(data)
    except (RuleSetError, ScoringError) as err:
        raise RuleSetError(f"{where}：{err}") from None
    grades = set(scoring.grade_names)
    for key, items, field in (("review.grades", data["review"]["grades"], "name"),
                              ("results_use", data["results_use"], "grade")):
        unknown = [i[field] for i in items if i[field] not in grades]
        if unknown:
            raise RuleSetError(f"{where}：{key}：等级「{'、'.join(unknown)}」不在计分等级 {'、'.join(scoring.grade_names)} 中")
    return RuleSet(
        name=data["name"], title=data["title"], jurisdiction=data["jurisdiction"], version=data["version"],
        summary=data.get("summary", ""),
        sources=tuple(Source(s["number"], s.get("title", ""), s["covers"]) for s in data["sources"]),
        scoring=scoring, review=_review(data),
        review_grades=tuple((g["name"], g["consequence"]) for g in data["review"]["grades"]),
        results_use=tuple((u["grade"], u["use"]) for u in data["results_use"]),
        text=text, path=path,
    )


def _read(path: Path) -> RuleSet:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise RuleSetError(f"{path}：文件不存在") from None
    except IsADirectoryError:
        raise RuleSetError(f"{path}：这是一个目录，不是文件") from None
    except UnicodeDecodeError:
        raise RuleSetError(f"{path}：不是 UTF-8 编码的文本文件，规则集应为 UTF-8 编码的 TOML 文件") from None
    except OSError as err:
        raise RuleSetError(f"{path}：无法读取文件（{err.strerror}）") from None
    return parse(text, str(path))


@cache
def _shipped(name: str) -> RuleSet:
    rules = _read(RULES_DIR / f"{name}.toml")
    if rules.name != name:
        raise RuleSetError(f"{rules.path}：name 应为「{name}」（与文件名相同）")
    return replace(rules, path=f"{name}.toml")


def names() -> list[str]:
    """Shipped rule set names, the default first."""
    found = sorted(p.stem for p in RULES_DIR.glob("*.toml"))
    return [DEFAULT_NAME] + [n for n in found if n != DEFAULT_NAME]


def available() -> list[RuleSet]:
    return [_shipped(n) for n in names()]


def load(name_or_path: str | None = None) -> RuleSet:
    """A shipped rule set by name (default central-2020), or a rule set file by path."""
    name = name_or_path or DEFAULT_NAME
    if name in names():
        return _shipped(name)
    path = Path(name)
    if path.suffix.lower() == ".toml" or path.exists():
        return _read(path)
    raise RuleSetError(f"没有名为「{name}」的规则集；可用：{'、'.join(names())}（或给出规则集文件路径）")
