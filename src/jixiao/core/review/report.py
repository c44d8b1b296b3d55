"""The 项目绩效目标审核报告 of one unit and year as a printable report (.xlsx / .pdf).

Rules are named by their title, never by their id; findings carry the unit's 情况说明.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from jixiao.core.report_layout import COUNT, Report, ReportTable, Section

from .registry import NO_FINDINGS, RULES, SEVERITIES, SEVERITY_LABELS, Finding


@dataclass
class ReviewedTable:
    name: str  # 项目名称
    status: str  # 审核状态 as shown (草稿, 已提交, …)
    findings: list[tuple[Finding, str]] = field(default_factory=list)  # (finding, 情况说明)


def _counts(findings) -> list[int]:
    return [sum(f.severity == s for f in findings) for s in SEVERITIES]


def _summary(tables: list[ReviewedTable], everything: list[Finding]) -> str:
    statuses: dict[str, int] = {}
    for t in tables:
        statuses[t.status] = statuses.get(t.status, 0) + 1
    by_status = "，".join(f"{label} {n} 张" for label, n in sorted(statuses.items()))
    by_severity = "，".join(f"{SEVERITY_LABELS[s]} {n} 条" for s, n in zip(SEVERITIES, _counts(everything)))
    return f"共 {len(tables)} 张目标表（{by_status or '无'}）；审核发现：{by_severity}。"


def _by_rule(everything: list[Finding]) -> ReportTable:
    order = {s: n for n, s in enumerate(SEVERITIES)}
    counts: dict[tuple[str, str], int] = {}
    for f in everything:  # the severity as configured, which may differ from the rule's default
        counts[(f.rule, f.severity)] = counts.get((f.rule, f.severity), 0) + 1
    table = ReportTable(("审核规则", "级别", "条数"), (40, 10, 10), formats={2: COUNT}, empty="未发现问题。")
    for (rule, severity), n in sorted(counts.items(), key=lambda kv: (order[kv[0][1]], -kv[1], kv[0][0])):
        table.rows.append((RULES[rule].title if rule in RULES else "其他", SEVERITY_LABELS[severity], n))
    return table


def review_report(unit: str, year: int, tables: list[ReviewedTable]) -> Report:
    everything = [f for t in tables for f, _ in t.findings]
    per_table = ReportTable(("序号", "项目名称", "审核状态", *(SEVERITY_LABELS[s] for s in SEVERITIES)),
                            (6, 40, 12, 8, 8, 8), formats={0: COUNT, 3: COUNT, 4: COUNT, 5: COUNT})
    details = ReportTable(("序号", "项目名称", "级别", "三级指标", "审核发现", "情况说明"), (6, 22, 8, 18, 60, 36),
                          formats={0: COUNT}, empty=NO_FINDINGS)
    for n, t in enumerate(tables, 1):
        per_table.rows.append((n, t.name, t.status, *_counts([f for f, _ in t.findings])))
        for f, explanation in t.findings:
            details.rows.append((len(details.rows) + 1, t.name, SEVERITY_LABELS[f.severity], f.indicator or "",
                                 f.message, explanation))
    return Report(
        title=f"{unit}{year}年度项目绩效目标审核报告",
        unit=unit,
        year=year,
        sections=[
            Section("概况", text=_summary(tables, everything)),
            Section("按审核规则统计", table=_by_rule(everything)),
            Section("各目标表", table=per_table),
            Section("审核发现及情况说明", table=details),
        ],
    )
