"""Stored (or just-typed) monitoring and evaluation entries → the core scoring API, in one place.

Entries are model instances, saved or not, so the live htmx preview and the stored result go
through exactly the same code; no formula lives here.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal

from jixiao.core import scoring
from jixiao.core.jsonio import table_to_dict
from jixiao.core.numbers import exact
from jixiao.core.scoring.jsonform import result_to_dict
from jixiao.web.monitoring.models import EvaluationEntry, MonitoringEntry, MonitoringReport, SelfEvaluation
from jixiao.web.targets import convert
from jixiao.web.workflow import Problem, row_anchor

# Until units have rule sets in the web, the form keeps refusing weights that do not fit the blocks
# (the core scores them as written with a finding, which the pages do not show yet).
CONFIG = replace(scoring.DEFAULT_CONFIG, weight_mismatch="refuse")
RATING_TEXT = scoring.RATING_LABELS  # met → 达成 …


def indicator_rows(table) -> list:
    return sorted(table.indicators.all(), key=lambda r: r.position)


@dataclass
class MonitoringLine:
    row: object  # targets.Indicator
    entry: MonitoringEntry
    light: scoring.Light
    rated: bool


# --- 运行监控 -----------------------------------------------------------------------------------

@dataclass
class MonitoringResult:
    report: MonitoringReport
    execution: scoring.Light
    indicators: list[MonitoringLine]
    time_progress: Decimal
    errors: list[Problem]  # values that cannot be compared with their target, each at its row

    @property
    def execution_unexplained(self) -> bool:
        return bool(self.execution.needs_explanation and not _explained(self.report, "execution_"))

    @property
    def unexplained(self) -> list[MonitoringLine]:
        """Red and yellow indicators still without 偏差原因, 纠偏措施 and 完成可能性."""
        return [line for line in self.indicators if line.light.needs_explanation and not _explained(line.entry)]


def _explained(obj, prefix: str = "") -> bool:
    return all((getattr(obj, prefix + f) or "").strip()
               for f in ("deviation_cause", "deviation_text", "corrective_measure", "likelihood"))


def monitor(report: MonitoringReport, rows, entries: dict[int, MonitoringEntry]) -> MonitoringResult:
    """Lights of a report; values that cannot be compared leave their light empty and an error."""
    table = convert.core_table(report.table, rows)
    execution = scoring.execution_light(report.spent, report.budget, report.cutoff, CONFIG)
    out, errors = [], []
    for row, ind in zip(rows, table.indicators):
        entry = entries.get(row.id) or MonitoringEntry(indicator=row)
        try:
            light = scoring.indicator_light(ind, entry.expected or None, rating=entry.expected_rating or None,
                                            config=CONFIG)
        except scoring.ScoringError as err:
            errors.append(Problem(err.message, row_anchor(row.pk)))
            light = scoring.Light(None, None, err.message)
        out.append(MonitoringLine(row, entry, light, scoring.is_rated(ind)))
    return MonitoringResult(report, execution, out, scoring.time_progress(report.cutoff), errors)


def store_lights(report: MonitoringReport, result: MonitoringResult) -> None:
    """Copy the computed lights onto the rows (for the overview and `jixiao alerts`)."""
    report.execution_light = result.execution.color or ""
    colors = [line.light.color for line in result.indicators]
    report.red_count, report.yellow_count = colors.count(scoring.RED), colors.count(scoring.YELLOW)
    report.worst_light = scoring.worst_light(colors) or ""
    for line in result.indicators:
        line.entry.light = line.light.color or ""


# --- 绩效自评 -----------------------------------------------------------------------------------

def stored_entries(evaluation: SelfEvaluation, rows) -> dict[int, EvaluationEntry]:
    """The stored entry of each indicator row (a blank, unsaved one where none is stored)."""
    stored = {e.indicator_id: e for e in evaluation.entries.all()}
    return {r.id: stored.get(r.id) or EvaluationEntry(indicator=r) for r in rows}


def _input(entry: EvaluationEntry) -> scoring.IndicatorInput:
    return scoring.IndicatorInput(
        actual=entry.actual or None, weight=entry.weight, rating=entry.rating or None,
        rating_score=entry.rating_score, not_applicable=entry.not_applicable,
        deviation_analysis=entry.deviation_analysis or "",
    )


def execution_of(evaluation: SelfEvaluation) -> scoring.Execution:
    return scoring.Execution(evaluation.budget_initial, evaluation.budget_full_year, evaluation.spent)


def evaluate(evaluation: SelfEvaluation, rows, entries: dict[int, EvaluationEntry]) -> scoring.TableResult:
    """The core's TableResult for the evaluation; raises ScoringError listing every problem."""
    table = convert.core_table(evaluation.table, rows)
    inputs = [_input(entries.get(row.id) or EvaluationEntry(indicator=row)) for row in rows]
    return scoring.evaluate_table(table, inputs, execution_of(evaluation), CONFIG)


@dataclass
class Scored:
    result: scoring.TableResult | None  # None only when nothing can be scored (e.g. weights that do not add up)
    errors: list[Problem]  # what could not be scored, each at its row


def score(evaluation: SelfEvaluation, rows, entries: dict[int, EvaluationEntry]) -> Scored:
    """The evaluation scored as far as it can be: a value that cannot be scored (``150人`` against a
    ``人次`` target) counts as not entered and is listed at its row, so one bad value never hides the
    scores of the others, and the draft can still be kept."""
    try:
        return Scored(evaluate(evaluation, rows, entries), [])
    except scoring.ScoringError as err:
        failures = err.errors
    errors = [Problem(e.message, row_anchor(rows[e.index].pk) if e.index is not None else "") for e in failures]
    failed = {e.index for e in failures if e.index is not None}
    whole = any(e.index is None for e in failures)  # weights of a block, or the funds: score without them
    table = convert.core_table(evaluation.table, rows)
    inputs = []
    for n, row in enumerate(rows):
        given = _input(entries.get(row.id) or EvaluationEntry(indicator=row))
        if n in failed:
            given = replace(given, actual=None, rating=None, rating_score=None)
        inputs.append(replace(given, weight=None) if whole else given)
    execution = scoring.Execution() if whole else execution_of(evaluation)
    try:
        return Scored(scoring.evaluate_table(table, inputs, execution, CONFIG), errors)
    except scoring.ScoringError:
        return Scored(None, errors)


def store_scores(evaluation: SelfEvaluation, entries: dict[int, EvaluationEntry], result) -> None:
    evaluation.total, evaluation.grade, evaluation.complete = result.total, result.grade, result.complete
    for r, entry in zip(result.indicators, entries.values()):
        entry.score = r.score


def evaluation_json(evaluation: SelfEvaluation, rows, entries: dict[int, EvaluationEntry]) -> dict:
    """The core JSON of the table with the evaluator's entries (the input of `jixiao evaluate`)."""
    data = table_to_dict(convert.core_table(evaluation.table, rows))
    for raw, row in zip(data["indicators"], rows):
        entry = entries.get(row.id)
        if entry is None:
            continue
        raw.update({k: v for k, v in {
            "actual": entry.actual or None, "weight": exact(convert.plain_decimal(entry.weight)),
            "rating": RATING_TEXT.get(entry.rating), "rating_score": exact(convert.plain_decimal(entry.rating_score)),
            "deviation_analysis": entry.deviation_analysis or None,
        }.items() if v is not None})
        if entry.not_applicable:
            raw["not_applicable"] = True
    data["execution"] = {k: exact(convert.plain_decimal(getattr(evaluation, k)))
                         for k in ("budget_initial", "budget_full_year", "spent")}
    return {"tables": [data]}


def result_json(result: scoring.TableResult, evaluation: SelfEvaluation) -> dict:
    return result_to_dict(result, execution_of(evaluation))
