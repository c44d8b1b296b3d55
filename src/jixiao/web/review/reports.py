"""The review report of one unit and year: every table's status and findings, with totals."""

from __future__ import annotations

from dataclasses import dataclass, field

from jixiao.core.review import RULES, SEVERITIES, Finding, count_findings
from jixiao.web.accounts.models import Unit
from jixiao.web.review.models import Explanation
from jixiao.web.review.services import findings_of


@dataclass
class TableEntry:
    table: object
    findings: list[tuple[Finding, str]]  # (finding, 情况说明)
    counts: dict[str, int]


@dataclass
class UnitReport:
    unit: Unit
    year: int
    tables: list[TableEntry] = field(default_factory=list)
    by_severity: dict[str, int] = field(default_factory=dict)
    by_rule: list[tuple[str, str, str, int]] = field(default_factory=list)  # (rule, title, severity, n)
    by_status: list[tuple[str, int]] = field(default_factory=list)


def rule_title(rule: str) -> str:
    """A review rule by its Chinese title; never its id (users do not see internal ids)."""
    found = RULES.get(rule)
    return found.title if found else "审核规则"


def units_of(visible) -> list[Unit]:
    return list(Unit.objects.filter(id__in=visible.values("project__unit_id")).order_by("name"))


def unit_report(visible, unit: Unit, year: int) -> UnitReport:
    tables = (visible.filter(project__unit=unit, year=year).prefetch_related("indicators")
              .order_by("project__name"))
    explained = {(e.table_id, e.finding_key): e.text
                 for e in Explanation.objects.filter(table__in=tables)}
    report, everything, statuses = UnitReport(unit, year), [], {}
    for t in tables:
        findings = findings_of(t, list(t.indicators.all()))
        everything += findings
        statuses[t.get_status_display()] = statuses.get(t.get_status_display(), 0) + 1
        report.tables.append(TableEntry(
            t, [(f, explained.get((t.id, f.key), "")) for f in findings],
            count_findings(findings)["severity"],
        ))
    counts = count_findings(everything)
    report.by_severity = counts["severity"]
    order = {s: n for n, s in enumerate(SEVERITIES)}
    severity = {f.rule: f.severity for f in everything}  # as configured, not the rule's default
    report.by_rule = sorted(
        ((rule, rule_title(rule), severity[rule], n) for rule, n in counts["rule"].items()),
        key=lambda r: (order.get(r[2], 9), -r[3], r[0]),
    )
    report.by_status = sorted(statuses.items())
    return report
