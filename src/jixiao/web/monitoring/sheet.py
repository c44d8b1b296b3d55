"""The 项目支出绩效自评表 page: the core's official layout (shared with the Excel and PDF writers),
each indicator line paired with its stored row and its scored result (for the explanation); and
what a 运行监控 report shows, as plain JSON, for its approved copy."""

from __future__ import annotations

from dataclasses import dataclass

from jixiao.core.evaluation_layout import EvaluationSheet, ScoreRow, evaluation_sheet
from jixiao.core.numbers import exact
from jixiao.core.scoring import RATING_LABELS, IndicatorResult, TableResult
from jixiao.web.evidence.models import Link
from jixiao.web.monitoring import scoring
from jixiao.web.monitoring.models import DeviationCause, Likelihood
from jixiao.web.targets import convert


@dataclass
class SheetLine:
    row: object  # targets.Indicator
    cells: ScoreRow  # what the official layout prints (block points, merged-cell spans)
    result: IndicatorResult

    @property
    def actual(self) -> str:
        if self.result.status == "not_applicable":
            return "不适用"
        return self.cells.actual or RATING_LABELS.get(self.result.rating, "")


def sheet(evaluation, rows, result: TableResult) -> tuple[EvaluationSheet, list[SheetLine]]:
    layout = evaluation_sheet(convert.core_table(evaluation.table, rows), result,
                              execution=scoring.execution_of(evaluation), goal_actual=evaluation.goal_actual)
    return layout, [SheetLine(*line) for line in zip(rows, layout.rows, result.indicators)]


def judged_keys(result: TableResult) -> list[str]:
    """Blocks scored as a whole (no indicator rows): 年度目标完成情况 of a transfer-payment rule set."""
    scored = {r.block for r in result.indicators}
    return [key for key in result.blocks if key not in scored and result.blocks[key]]


def sheet_data(evaluation, result: TableResult, layout: EvaluationSheet, lines: list[SheetLine], rules: str) -> dict:
    """What the 自评表 page shows, as plain JSON values (decimals as strings): the live page renders it,
    and approval freezes it (``frozen``), so both go through ``monitoring/_sheet_table.html``. ``rules``:
    评分规则：… (which rule set made the scores)."""
    table, budget = evaluation.table, result.budget
    linked = set(Link.objects.filter(indicator__in=[s.row.pk for s in lines]).values_list("indicator_id", flat=True))
    return {
        "project": table.project.name, "department": table.project.unit.department.name,
        "unit": table.project.unit.name, "year": table.year,
        "budget_initial": exact(evaluation.budget_initial), "budget_full_year": exact(evaluation.budget_full_year),
        "spent": exact(evaluation.spent),
        "budget": {"weight": exact(budget.weight), "rate": exact(budget.rate), "score": exact(budget.score),
                   "explanation": budget.explanation},
        "budget_reason": evaluation.budget_reason, "goal_expected": table.goal_annual,
        "goal_actual": evaluation.goal_actual,
        "lines": [{
            "indicator": s.row.pk, "block": s.cells.block, "block_span": s.cells.block_span,
            "level2": s.cells.level2, "level2_span": s.cells.level2_span, "name": s.cells.name,
            "target": s.cells.target, "actual": s.actual, "weight": exact(s.cells.weight), "score": exact(s.cells.score),
            "explanation": s.result.explanation, "deviation": s.cells.deviation,
            **({"from_records": True} if s.row.pk in linked else {}),
        } for s in lines],
        "total_weight": exact(layout.total_weight), "total": exact(result.total), "grade": result.grade,
        "complete": result.complete, "rules": rules,
        "deductions": [{"indicator": s.row.pk, "name": s.row.name, "formula_score": exact(s.result.formula_score),
                        "score": exact(s.result.score), "deduction": exact(s.result.deduction),
                        "reason": s.result.deduction_reason} for s in lines if s.result.formula_score is not None],
        "findings": [f.message for f in result.findings],
        "judged": [{"label": result.block_labels[key], "points": exact(result.blocks[key]),
                    "score": exact(result.block_scores[key])} for key in judged_keys(result)],
    }


def frozen(evaluation) -> dict:
    """The approved copy of a stored evaluation: the 自评表 as shown, its inputs (the `jixiao evaluate`
    JSON) and its scored result. Raises ScoringError if it cannot be scored."""
    rows = scoring.indicator_rows(evaluation.table)
    entries = scoring.stored_entries(evaluation, rows)
    rules = scoring.evaluation_rules(evaluation)
    result = scoring.evaluate(evaluation, rows, entries, rules)
    layout, lines = sheet(evaluation, rows, result)
    return {
        "sheet": sheet_data(evaluation, result, layout, lines, scoring.rules_label(rules)),
        "input": scoring.evaluation_json(evaluation, rows, entries),
        "result": scoring.result_json(result, evaluation),
    }


# --- 运行监控 -----------------------------------------------------------------------------------

def _label(choices, value: str) -> str:
    return dict(choices)[value] if value else ""


def _explanation(obj, prefix: str = "") -> dict:
    """偏差原因 (its label), 原因说明, 纠偏措施, 完成目标可能性 (its label), as the report page shows them."""
    return {
        "deviation_cause": _label(DeviationCause.choices, getattr(obj, prefix + "deviation_cause")),
        "deviation_text": getattr(obj, prefix + "deviation_text"),
        "corrective_measure": getattr(obj, prefix + "corrective_measure"),
        "likelihood": _label(Likelihood.choices, getattr(obj, prefix + "likelihood")),
    }


def report_data(result: scoring.MonitoringResult) -> dict:
    """What the 运行监控 page shows for a report, as plain JSON values (decimals as strings): the
    approved copy (``frozen_report``), rendered by ``monitoring/_report_table.html``."""
    report = result.report
    table = report.table
    linked = set(Link.objects.filter(indicator__in=[line.row.pk for line in result.indicators])
                 .values_list("indicator_id", flat=True))
    return {
        "project": table.project.name, "department": table.project.unit.department.name,
        "unit": table.project.unit.name, "year": table.year, "cutoff": report.cutoff.isoformat(),
        "time_progress": exact(result.time_progress), "budget": exact(report.budget), "spent": exact(report.spent),
        "light_rules": result.rules.scoring.describe()["lights"], "rules": scoring.rules_label(result.rules),
        "warnings": result.warnings, "gap": result.gap.explanation if result.gap else "",
        "unit_choice": report.unit_choice,  # the rules in force when it was approved
        "execution": {"light": result.execution.color or "", "explanation": result.execution.explanation,
                      **_explanation(report, "execution_")},
        "lines": [{
            "indicator": line.row.pk, "level2": line.row.level2 or line.row.level1, "name": line.row.name,
            "target": line.row.annual_text or line.row.period_text, "so_far": line.entry.so_far,
            "expected": _label(RATING_LABELS, line.entry.expected_rating) if line.rated else line.entry.expected,
            "light": line.light.color or "", "light_explanation": line.light.explanation or "",
            **_explanation(line.entry),
            **({"from_records": report.cutoff.isoformat()} if line.row.pk in linked else {}),
        } for line in result.indicators],
    }


def frozen_report(report) -> dict:
    """The approved copy of a stored 运行监控 report: its page as shown (``report_data``)."""
    rows = scoring.indicator_rows(report.table)
    entries = {e.indicator_id: e for e in report.entries.all()}
    return {"report": report_data(scoring.monitor(report, rows, entries))}
