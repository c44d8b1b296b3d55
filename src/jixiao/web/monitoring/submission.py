"""What blocks the submission of a 运行监控 report or a 绩效自评: their kinds' submission rules.

``review.services.submit`` asks them (through the registry, ``reviewed.py``) of what is stored; the
form pages list the same problems as the user types, each at its row (``workflow.row_anchor``) or
field and summarised at the top. Nothing here blocks saving a draft.
"""

from __future__ import annotations

from jixiao.core.scoring import LIGHT_LABELS, RED, YELLOW
from jixiao.core.scoring.config import MISSING
from jixiao.web.monitoring import scoring
from jixiao.web.workflow import Problem, row_anchor

EXPLAIN = "须填写偏差原因、原因说明、纠偏措施和完成目标可能性"


def _lights(*colors) -> str:
    return "或".join(LIGHT_LABELS[c] for c in colors)


def report_problems(result: scoring.MonitoringResult) -> list[Problem]:
    """Why the report cannot go to review: values that cannot be compared, missing budget figures,
    red and yellow lights not explained."""
    problems = list(result.errors)
    if result.execution.color is None:
        problems.append(Problem("请填写全年预算数和截至目前执行数。", "budget"))
    elif result.execution_unexplained:
        problems.append(Problem(f"「预算执行进度」为{_lights(RED, YELLOW)}，{EXPLAIN}。", "execution"))
    problems += [Problem(f"「{line.row.name}」为{_lights(RED, YELLOW)}，{EXPLAIN}。", row_anchor(line.row.pk))
                 for line in result.unexplained]
    if result.warnings and result.choice_options and not result.report.unit_choice:
        problems.append(Problem(f"已预警：{result.choice_rule(result.report.warned_on)}。", "unit_choice"))
    return problems


def report_blockers(report) -> list[Problem]:
    rows = scoring.indicator_rows(report.table)
    entries = {e.indicator_id: e for e in report.entries.all()}
    return report_problems(scoring.monitor(report, rows, entries))


def evaluation_problems(evaluation, rows, scored: scoring.Scored) -> list[Problem]:
    """Why the evaluation cannot go to review: values that cannot be scored, indicators not entered,
    missing funds, a low execution rate without its reason, shortfalls without their analysis."""
    problems = list(scored.errors)
    result = scored.result
    if result is None:
        return problems
    flagged = {p.anchor for p in problems}
    for row, r in zip(rows, result.indicators):
        if r.incomplete and row_anchor(row.pk) not in flagged:  # an input, or a deduction's reason
            problems.append(Problem(f"「{row.name}」{r.missing_reason}。", row_anchor(row.pk)))
    problems += [Problem(f"请填写{label}得分。", "judged") for label in result.judged_missing]
    if result.budget.status == MISSING:
        problems.append(Problem("请填写全年预算数和全年执行数。", "budget_full_year"))
    elif result.budget.needs_reason and not evaluation.budget_reason.strip():
        problems.append(Problem(f"{scored.rules.scoring.budget_reason_rule()}。", "budget_reason"))
    problems += [Problem(f"「{rows[r.index].name}」未得满分，须填写偏差原因分析及改进措施。", row_anchor(rows[r.index].pk))
                 for r in result.needs_deviation_analysis]
    return problems


def evaluation_blockers(evaluation) -> list[Problem]:
    rows = scoring.indicator_rows(evaluation.table)
    entries = scoring.stored_entries(evaluation, rows)
    return evaluation_problems(evaluation, rows, scoring.score(evaluation, rows, entries))
