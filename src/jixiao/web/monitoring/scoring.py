"""Stored (or just-typed) monitoring and evaluation entries → the core scoring API, in one place.

Entries are model instances, saved or not, so the live htmx preview and the stored result go
through exactly the same code; no formula lives here.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from functools import lru_cache

from django.utils import timezone

from jixiao.core import rules as core_rules, scoring
from jixiao.core.jsonio import table_to_dict
from jixiao.core.numbers import exact
from jixiao.core.rules import RuleSet
from jixiao.core.scoring import schedule
from jixiao.core.scoring.jsonform import result_to_dict
from jixiao.web.monitoring.models import EvaluationEntry, MonitoringEntry, MonitoringReport, SelfEvaluation
from jixiao.web.rules import choice
from jixiao.web.targets import convert
from jixiao.web.workflow import Problem, row_anchor

RATING_TEXT = scoring.RATING_LABELS  # met → 达成 …
RULES_PREFIX = "评分规则："


# --- which rule set -----------------------------------------------------------------------------

def unit_rules(unit) -> RuleSet:
    """The rule set in force now for ``unit`` (the administrator's choice)."""
    return choice.unit_rules(unit).rules


def table_rules(table) -> RuleSet:
    return unit_rules(table.project.unit)


class RulesByUnit:
    """``table_rules`` for the many tables of a page or a job, each unit asked once."""

    def __init__(self):
        self._known: dict[int, RuleSet] = {}

    def of_table(self, table) -> RuleSet:
        unit_id = table.project.unit_id
        if unit_id not in self._known:
            self._known[unit_id] = table_rules(table)
        return self._known[unit_id]


def default_rules() -> RuleSet:
    return choice.default()


@lru_cache(maxsize=64)
def _parsed(text: str) -> RuleSet:
    return core_rules.parse(text)


def evaluation_rules(evaluation: SelfEvaluation, rules_of_table=table_rules) -> RuleSet:
    """Drafts (and returned ones) follow the unit's rule set now; a submitted or approved evaluation
    keeps the rule set it was submitted with, so changing the unit's never rescores it.
    ``rules_of_table`` looks up the unit's rule set (a page passes one that asks once per unit)."""
    if evaluation.pk and not evaluation.is_editable and evaluation.rules_text:
        return _parsed(evaluation.rules_text)
    return rules_of_table(evaluation.table)


def stored_rules_label(evaluation: SelfEvaluation) -> str:
    """The rule set that made the stored total ('' when it was never scored)."""
    return f"{RULES_PREFIX}{_parsed(evaluation.rules_text).official_label}" if evaluation.rules_text else ""


def rules_label(rules: RuleSet) -> str:
    return f"{RULES_PREFIX}{rules.official_label}"


def record_rules(evaluation: SelfEvaluation, rules: RuleSet) -> None:
    evaluation.rules_name, evaluation.rules_version, evaluation.rules_text = rules.name, rules.version, rules.text


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
    rules: RuleSet | None = None
    gap: schedule.Gap | None = None  # target completion against budget execution, if the rule set has it
    warnings: list[str] = field(default_factory=list)  # the rule set's 预警, each with its reason

    @property
    def choice_options(self) -> tuple[str, ...]:
        """继续执行 / 调剂 / 取消 when the rule set asks the unit to choose after a warning."""
        choice = self.rules.scoring.unit_choice if self.rules else None
        return choice.options if choice else ()

    def choice_rule(self, warned_on: date | None) -> str:
        """When the unit must choose by, for a warning on ``warned_on`` ('' when nothing to choose)."""
        if not self.warnings or not self.choice_options:
            return ""
        return schedule.choice_rule(warned_on or today(), self.rules.scoring)

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
    rules = table_rules(report.table)
    config = rules.scoring
    execution = scoring.execution_light(report.spent, report.budget, report.cutoff, config)
    out, errors = [], []
    for row, ind in zip(rows, table.indicators):
        entry = entries.get(row.id) or MonitoringEntry(indicator=row)
        try:
            light = scoring.indicator_light(ind, entry.expected or None, rating=entry.expected_rating or None,
                                            config=config)
        except scoring.ScoringError as err:
            errors.append(Problem(err.message, row_anchor(row.pk)))
            light = scoring.Light(None, None, err.message)
        out.append(MonitoringLine(row, entry, light, scoring.is_rated(ind)))
    gap = _gap(report, table, [(entries.get(r.id) or MonitoringEntry()).so_far for r in rows], config)
    result = MonitoringResult(report, execution, out, scoring.time_progress(report.cutoff), errors, rules, gap,
                              schedule.warnings(execution, gap, config))
    if report.unit_choice and report.unit_choice not in result.choice_options:
        errors.append(Problem(f"预警处理：选项「{report.unit_choice}」无效，应为{'、'.join(result.choice_options)}之一",
                              "unit_choice"))
    return result


def _gap(report: MonitoringReport, table, so_far: list[str], config) -> schedule.Gap | None:
    """Completion so far against execution so far; None without the rule, the figures or a value."""
    if config.gap_points is None or report.spent is None or not report.budget:
        return None
    try:
        completion = schedule.target_completion(table.indicators, so_far, config)
    except scoring.ScoringError:
        return None  # a value that cannot be compared is reported at its row already
    return None if completion is None else schedule.completion_gap(completion, report.spent / report.budget, config)


def store_lights(report: MonitoringReport, result: MonitoringResult) -> None:
    """Copy the computed lights onto the rows (for the overview and `jixiao alerts`)."""
    report.execution_light = result.execution.color or ""
    colors = [line.light.color for line in result.indicators]
    report.red_count, report.yellow_count = colors.count(scoring.RED), colors.count(scoring.YELLOW)
    report.worst_light = scoring.worst_light(colors) or ""
    for line in result.indicators:
        line.entry.light = line.light.color or ""
    report.warning = "\n".join(result.warnings)
    if not result.warnings:
        report.warned_on = None
    elif report.warned_on is None:
        report.warned_on = today()


def today() -> date:
    return timezone.localdate()


def choice_overdue(report: MonitoringReport, rules: RuleSet, on: date | None = None) -> bool:
    """A stored warning the unit has not answered within the rule set's working days."""
    if not report.warning or report.warned_on is None:
        return False
    return schedule.choice_overdue(report.warned_on, on or today(), bool(report.unit_choice), rules.scoring)


def warning_state(report: MonitoringReport, rules: RuleSet, on: date | None = None) -> str:
    """A stored warning as the overview and `jixiao alerts` name it."""
    if not report.warning:
        return ""
    if report.unit_choice:
        return f"预警，已选择{report.unit_choice}"
    deadline = choice_deadline(report, rules)
    if deadline is None:
        return "预警"
    if choice_overdue(report, rules, on):
        return f"预警后逾期未选择处理方式（应于 {deadline.isoformat()} 前选择）"
    return f"预警，待选择处理方式（{deadline.isoformat()} 前）"


def choice_deadline(report: MonitoringReport, rules: RuleSet) -> date | None:
    if not report.warning or report.warned_on is None:
        return None
    return schedule.choice_deadline(report.warned_on, rules.scoring)


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
        score=None if entry.given_score is None else entry.given_score,
        deduction_reason=entry.deduction_reason or "",
    )


def judged_of(evaluation: SelfEvaluation) -> dict[str, Decimal | None]:
    """The evaluator's scores of blocks judged as a whole (年度目标完成情况), as the core takes them."""
    return {key: (None if value in (None, "") else Decimal(value)) for key, value in (evaluation.judged_scores or {}).items()}


def execution_of(evaluation: SelfEvaluation) -> scoring.Execution:
    return scoring.Execution(evaluation.budget_initial, evaluation.budget_full_year, evaluation.spent)


def evaluate(evaluation: SelfEvaluation, rows, entries: dict[int, EvaluationEntry],
             rules: RuleSet | None = None) -> scoring.TableResult:
    """The core's TableResult for the evaluation under ``rules`` (default: ``evaluation_rules``);
    raises ScoringError listing every problem."""
    config = (rules or evaluation_rules(evaluation)).scoring
    table = convert.core_table(evaluation.table, rows)
    inputs = [_input(entries.get(row.id) or EvaluationEntry(indicator=row)) for row in rows]
    return scoring.evaluate_table(table, inputs, execution_of(evaluation), config, judged_of(evaluation))


@dataclass
class Scored:
    result: scoring.TableResult | None  # None only when nothing can be scored (e.g. weights that do not add up)
    errors: list[Problem]  # what could not be scored, each at its row
    rules: RuleSet  # what scored it

    @property
    def rules_label(self) -> str:
        """评分规则：… by official names, shown beside every score."""
        return f"{RULES_PREFIX}{self.rules.official_label}"


def score(evaluation: SelfEvaluation, rows, entries: dict[int, EvaluationEntry]) -> Scored:
    """The evaluation scored as far as it can be: a value that cannot be scored (``150人`` against a
    ``人次`` target) counts as not entered and is listed at its row, so one bad value never hides the
    scores of the others, and the draft can still be kept."""
    rules = evaluation_rules(evaluation)
    config = rules.scoring
    try:
        return Scored(evaluate(evaluation, rows, entries, rules), [], rules)
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
            given = replace(given, actual=None, rating=None, rating_score=None, score=None)
        inputs.append(replace(given, weight=None) if whole else given)
    execution = scoring.Execution() if whole else execution_of(evaluation)
    try:
        return Scored(scoring.evaluate_table(table, inputs, execution, config, {} if whole else judged_of(evaluation)),
                      errors, rules)
    except scoring.ScoringError:
        return Scored(None, errors, rules)


def store_scores(evaluation: SelfEvaluation, entries: dict[int, EvaluationEntry], result, rules: RuleSet) -> None:
    """Copy the scores onto the rows, with the rule set that made them."""
    record_rules(evaluation, rules)
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
            "score": exact(convert.plain_decimal(entry.given_score)), "deduction_reason": entry.deduction_reason or None,
        }.items() if v is not None})
        if entry.not_applicable:
            raw["not_applicable"] = True
    judged = {k: v for k, v in (evaluation.judged_scores or {}).items() if v not in (None, "")}
    if judged:
        data["block_scores"] = judged  # the input of `jixiao evaluate` for blocks judged as a whole
    data["execution"] = {k: exact(convert.plain_decimal(getattr(evaluation, k)))
                         for k in ("budget_initial", "budget_full_year", "spent")}
    return {"tables": [data]}


def result_json(result: scoring.TableResult, evaluation: SelfEvaluation) -> dict:
    return result_to_dict(result, execution_of(evaluation))


def rescore_for_submission(evaluation: SelfEvaluation) -> None:
    """At submission (``review.services.submit``, under its row lock): score by the unit's rule set now
    and record it with the scores, which the evaluation then keeps."""
    rows = indicator_rows(evaluation.table)
    entries = stored_entries(evaluation, rows)
    rules = table_rules(evaluation.table)
    store_scores(evaluation, entries, evaluate(evaluation, rows, entries, rules), rules)
    evaluation.save(update_fields=["rules_name", "rules_version", "rules_text", "total", "grade", "complete"])
    for entry in entries.values():
        if entry.pk:
            entry.save(update_fields=["score"])
