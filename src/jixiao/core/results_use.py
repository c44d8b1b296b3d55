"""结果应用: what a self-evaluation's grade means for the project's next budget, under a rule set's
``results_use`` mapping (优 → 优先保障, 良 → 保障, 中 → 压缩或核减预算, 差 → 取消或暂停 in central-2020),
and the reviewer's decision (采纳 the mapped consequence, or 调整 it with a reason).

``results_report`` lays the decisions of a unit and year out as a ``Report`` for the .xlsx / .pdf writers.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from jixiao.core.numbers import money, plain
from jixiao.core.report_layout import Report, ReportTable, Section

DECISION_LABELS = {"accept": "采纳", "adjust": "调整"}
CUT_WORD = "压缩"  # a consequence containing it may name by how much (压缩 x %)


def consequences(results_use) -> list[str]:
    """The distinct consequences of a rule set's (grade, consequence) pairs, in order."""
    return list(dict.fromkeys(use for _, use in results_use))


def applied_text(consequence: str, cut_percent: Decimal | None = None) -> str:
    """'压缩或核减预算 10%' when a cut is given, else the consequence as named."""
    if cut_percent is not None and CUT_WORD in consequence:
        return f"{consequence} {plain(cut_percent)}%"
    return consequence


def check_decision(results_use, grade: str, decision: str, consequence: str, cut_percent: Decimal | None,
                   reason: str) -> list[str]:
    """What is wrong with a reviewer's decision, in Chinese (empty when it may be recorded)."""
    problems = []
    mapped = dict(results_use).get(grade, "")
    if decision not in DECISION_LABELS:
        problems.append("请选择采纳或调整")
    if consequence not in consequences(results_use):
        problems.append(f"结果应用“{consequence}”应为{'、'.join(consequences(results_use))}之一")
    if decision == "accept" and consequence and mapped and consequence != mapped:
        problems.append(f"采纳时结果应用应为规则对应的“{mapped}”；如需改变，请选择调整并说明理由")
    if decision == "adjust" and not reason.strip():
        problems.append("调整结果应用须说明理由")
    if cut_percent is not None:
        if CUT_WORD not in consequence:
            problems.append(f"只有“{CUT_WORD}”类的结果应用可以填写压缩比例")
        elif not Decimal(0) < cut_percent <= Decimal(100):
            problems.append(f"压缩比例应大于 0、不超过 100（填写的是 {plain(cut_percent)}）")
    return problems


@dataclass(frozen=True)
class ResultLine:
    project: str
    year: int  # the evaluated year; the consequence applies to the next year's budget
    total: Decimal | None
    grade: str
    mapped: str  # the rule set's consequence of the grade
    applied: str  # '' while nobody decided
    decision: str  # 'accept' / 'adjust' / ''
    reason: str = ""
    decided_by: str = ""
    decided_on: str = ""  # YYYY-MM-DD


def results_report(unit: str, year: int, rule_set: str, lines: list[ResultLine]) -> Report:
    table = ReportTable(
        headers=("项目名称", "总分", "等级", "规则对应的结果应用", "审核确定", "应用于", "调整理由", "确定人", "确定日期"),
        widths=(28, 8, 6, 16, 20, 10, 28, 10, 12),
        rows=[(
            x.project, x.total, x.grade, x.mapped,
            f"{DECISION_LABELS[x.decision]}：{x.applied}" if x.decision else "待审核人员确定",
            f"{x.year + 1}年预算", x.reason, x.decided_by, x.decided_on,
        ) for x in lines],
        empty="该单位该年度没有审核通过的绩效自评",
    )
    decided = sum(1 for x in lines if x.decision)
    return Report(
        title=f"{year}年度绩效自评结果应用情况", unit=unit, year=year,
        facts=[("单位", unit), ("自评年度", f"{year}年"), ("规则集", rule_set),
               ("已确定", f"{decided} / {len(lines)} 个项目")],
        sections=[Section("结果应用", table=table)],
    )


def budget_follows(consequence: str, cut_percent: Decimal | None, last_budget: Decimal | None,
                   budget: Decimal | None) -> str:
    """Whether next year's budget follows last year's 结果应用: '' when it does (or cannot be told),
    else a Chinese sentence with the numbers, for the unit drafting and the reviewer reviewing."""
    if not consequence or budget is None:
        return ""
    if "取消" in consequence:
        return f"上年度结果应用为“{consequence}”，本年度仍安排预算 {money(budget)} 元，请说明理由"
    if CUT_WORD not in consequence or not last_budget:
        return ""
    ceiling = last_budget * (1 - (cut_percent or Decimal(0)) / 100)
    if budget <= ceiling and (cut_percent or budget < last_budget):
        return ""
    wanted = f"压缩 {plain(cut_percent)}%，即不超过 {money(ceiling)} 元" if cut_percent else "低于上年度"
    return (f"上年度结果应用为“{applied_text(consequence, cut_percent)}”，本年度预算 {money(budget)} 元，"
            f"上年度 {money(last_budget)} 元：应{wanted}")
