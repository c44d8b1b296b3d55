"""绩效目标审核: automatic review rules for target tables (no Django).

Public API::

    review_table(table, config=None) -> list[Finding]
    review_document(doc, config=None) -> list[TableReview]
    review_to_dict(reviews) -> {"tables": [{"name", "findings": [...]}]}
    has_errors(findings) -> bool
    count_findings(findings) -> {"severity": {...}, "rule": {...}}
    implied_costs(table, config=None) -> list[ImpliedCost]
    RULES (rule id -> Rule), ReviewConfig, DEFAULT_CONFIG, rules_markdown()
"""

from __future__ import annotations

from dataclasses import dataclass, field

from jixiao.core.model import Document, TargetTable

from . import budget, completeness, consistency, form, library, measurability, strict  # noqa: F401  (register rules)
from .arithmetic import ImpliedCost, implied_costs
from .catalog import rules_markdown
from .config import DEFAULT_CONFIG, ReviewConfig
from .registry import FAMILIES, NO_FINDINGS, RULES, SEVERITIES, SEVERITY_LABELS, Finding, Rule

__all__ = [
    "DEFAULT_CONFIG",
    "FAMILIES",
    "NO_FINDINGS",
    "RULES",
    "SEVERITIES",
    "SEVERITY_LABELS",
    "Finding",
    "ImpliedCost",
    "ReviewConfig",
    "Rule",
    "TableReview",
    "count_findings",
    "has_errors",
    "implied_costs",
    "review_document",
    "review_table",
    "review_to_dict",
    "rules_markdown",
]

_ORDER = {s: n for n, s in enumerate(SEVERITIES)}


@dataclass
class TableReview:
    table: TargetTable
    findings: list[Finding] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.table.name


def review_table(table: TargetTable, config: ReviewConfig | None = None) -> list[Finding]:
    """All findings for one table, errors first, then in rule order."""
    config = config or DEFAULT_CONFIG
    findings = [
        finding
        for rule_id, rule in RULES.items()
        if rule_id not in config.disabled
        for finding in rule.run(table, config)
    ]
    return sorted(findings, key=lambda f: _ORDER[f.severity])


def review_document(doc: Document, config: ReviewConfig | None = None) -> list[TableReview]:
    return [TableReview(table, review_table(table, config)) for table in doc.tables]


def has_errors(findings) -> bool:
    return any(f.severity == "error" for f in findings)


def count_findings(findings) -> dict[str, dict[str, int]]:
    """{"severity": {"error": n, "warning": n, "hint": n}, "rule": {rule id: n}} for reports."""
    by_severity = {s: 0 for s in SEVERITIES}
    by_rule: dict[str, int] = {}
    for f in findings:
        by_severity[f.severity] += 1
        by_rule[f.rule] = by_rule.get(f.rule, 0) + 1
    return {"severity": by_severity, "rule": by_rule}


def review_to_dict(reviews: list[TableReview]) -> dict:
    """The review JSON: {"tables": [{"name", "findings": [{"rule", "severity", "indicator", "message"}]}]}."""
    return {"tables": [{"name": r.name, "findings": [f.to_dict() for f in r.findings]} for r in reviews]}
