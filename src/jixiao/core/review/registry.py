"""Findings, rules and the rule registry.

A rule's check function takes ``(table, config)`` and yields ``Hit``s; the registry turns them into
``Finding``s carrying the rule's id and severity, so a check never repeats its own metadata.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from jixiao.core.model import TargetTable

SEVERITIES = ("error", "warning", "hint")
SEVERITY_LABELS = {"error": "错误", "warning": "警告", "hint": "提示"}
NO_FINDINGS = "按审核规则未发现问题。"

FAMILIES = {
    "completeness": "完整性",
    "form": "规范性",
    "consistency": "一致性",
    "measurability": "可衡量性",
    "budget": "预算执行",
    "library": "指标库",
}

# 财预〔2015〕88号 review dimensions (docs/domain.md §3.1).
DIMENSIONS = ("完整性", "相关性", "适当性", "可行性")


@dataclass(frozen=True)
class Hit:
    indicator: str | None
    message: str
    subject: str = ""  # tells apart several hits of one rule on one indicator (or on the table)


@dataclass(frozen=True)
class Finding:
    rule: str
    severity: str
    table: str
    indicator: str | None
    message: str
    subject: str = ""

    @property
    def key(self) -> str:
        """Stable across re-reviews of an unchanged table: attach explanations and comments to it."""
        return "|".join((self.rule, self.indicator or "", self.subject))

    @property
    def family(self) -> str:
        return self.rule.split(".", 1)[0]

    def to_dict(self) -> dict:
        return {
            "rule": self.rule,
            "severity": self.severity,
            "indicator": self.indicator,
            "message": self.message,
        }


Check = Callable[[TargetTable, "object"], Iterable[Hit]]


@dataclass(frozen=True)
class Rule:
    id: str  # "family.slug"
    severity: str
    title: str  # Chinese, short
    dimension: str  # one of DIMENSIONS
    basis: str  # the regulation it rests on, by its official name (see basis.py)
    check: Check
    explanation: str = ""  # Chinese, what exactly is checked

    @property
    def family(self) -> str:
        return self.id.split(".", 1)[0]

    def run(self, table: TargetTable, config) -> Iterator[Finding]:
        severity = config.severity_of(self)
        for hit in self.check(table, config):
            yield Finding(self.id, severity, table.name, hit.indicator, hit.message, hit.subject)


RULES: dict[str, Rule] = {}


def rule(id: str, severity: str, title: str, dimension: str, basis: str, explanation: str = ""):
    """Register the decorated check function as a rule."""
    assert severity in SEVERITIES and dimension in DIMENSIONS and id.split(".")[0] in FAMILIES

    def register(check: Check) -> Check:
        if id in RULES:
            raise ValueError(f"duplicate rule id {id}")
        RULES[id] = Rule(id, severity, title, dimension, basis, check, explanation)
        return check

    return register
