"""The evaluation keys of the core JSON, in and out.

In: per indicator ``actual`` (text), ``weight``, ``rating`` (达成/部分达成/未达成), ``rating_score``,
``not_applicable``, ``deviation_analysis``, ``score`` (the evaluator's score: a rated indicator's
评价得分, or below the formula's) and ``deduction_reason``; per table ``execution``: {``budget_initial``,
``budget_full_year``, ``spent``} and ``block_scores`` (blocks judged as a whole, by key). The core JSON reader ignores these keys, so they are read here from
the raw dict (indicators matched by position). Out: ``result_to_dict`` (decimals as strings).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from jixiao.core.numbers import exact
from jixiao.core.scoring.budget import Execution
from jixiao.core.scoring.config import BLOCK_LABELS, ScoringError, to_decimal
from jixiao.core.scoring.table import IndicatorInput, TableResult


def _text(value: Any, path: str) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise ScoringError(f"{path}：应为文字，实为 {value!r}")
    return str(value)


def inputs_from_dict(table: dict, path: str = "table") -> tuple[list[IndicatorInput], Execution | None]:
    """The evaluator's entries of one raw JSON table. Raises ScoringError naming the JSON path;
    ``index`` is the indicator's position when the problem is in an indicator."""
    inputs = []
    for i, raw in enumerate(table.get("indicators") or []):
        p = f"{path}.indicators[{i}]"
        if not isinstance(raw, dict):
            raise ScoringError(f"{p}：应为对象", i)
        na = raw.get("not_applicable", False)
        if not isinstance(na, bool):
            raise ScoringError(f"{p}.not_applicable：应为 true 或 false，实为 {na!r}", i)
        try:
            inputs.append(IndicatorInput(
                actual=_text(raw.get("actual"), f"{p}.actual"),
                weight=to_decimal(raw.get("weight"), f"{p}.weight"),
                rating=_text(raw.get("rating"), f"{p}.rating"),
                rating_score=to_decimal(raw.get("rating_score"), f"{p}.rating_score"),
                not_applicable=na,
                deviation_analysis=_text(raw.get("deviation_analysis"), f"{p}.deviation_analysis") or "",
                score=to_decimal(raw.get("score"), f"{p}.score"),
                deduction_reason=_text(raw.get("deduction_reason"), f"{p}.deduction_reason") or "",
            ))
        except ScoringError as err:
            raise ScoringError(err.message, i) from None
    raw = table.get("execution")
    if raw is None:
        return inputs, None
    if not isinstance(raw, dict):
        raise ScoringError(f"{path}.execution：应为对象")
    execution = Execution(*(to_decimal(raw.get(k), f"{path}.execution.{k}")
                            for k in ("budget_initial", "budget_full_year", "spent")))
    return inputs, execution


def judged_from_dict(table: dict, path: str = "table") -> dict[str, Decimal | None]:
    """Scores of the blocks judged as a whole (``block_scores``: {"goals": "18"})."""
    raw = table.get("block_scores") or {}
    if not isinstance(raw, dict):
        raise ScoringError(f"{path}.block_scores：应为对象")
    return {str(k): to_decimal(v, f"{path}.block_scores.{k}") for k, v in raw.items()}


def published_from_dict(table: dict, path: str = "table"):
    """What a published self-evaluation prints besides its rows: total, grade, budget block."""
    from jixiao.core.scoring.recheck import PublishedTable

    _, execution = inputs_from_dict({"execution": table.get("execution")}, path)
    raw = table.get("execution") if isinstance(table.get("execution"), dict) else {}
    return PublishedTable(
        total=to_decimal(table.get("published_total"), f"{path}.published_total"),
        grade=_text(table.get("published_grade"), f"{path}.published_grade"),
        execution=execution,
        execution_weight=to_decimal(raw.get("weight"), f"{path}.execution.weight"),
        execution_score=to_decimal(raw.get("score"), f"{path}.execution.score"),
        judged=judged_from_dict(table, path),
    )


def result_to_dict(result: TableResult, execution: Execution | None = None) -> dict:
    b = result.budget
    budget = {
        "budget_initial": exact(execution.budget_initial) if execution else None,
        "budget_full_year": exact(execution.budget_full_year) if execution else None,
        "spent": exact(execution.spent) if execution else None,
        "rate": exact(b.rate), "weight": exact(b.weight), "score": exact(b.score), "status": b.status,
        "needs_reason": b.needs_reason, "explanation": b.explanation,
    }
    return {
        "name": result.name,
        "score": exact(result.total),
        "grade": result.grade,
        "complete": result.complete,
        "budget": budget,
        "blocks": [
            {"block": k, "label": result.block_labels.get(k) or BLOCK_LABELS[k], "weight": exact(w),
             "score": exact(result.block_scores[k])}
            for k, w in result.blocks.items()
        ],
        "findings": [{"kind": f.kind, "message": f.message} for f in result.findings],
        "indicators": [
            {
                "name": r.name, "block": r.block, "target": r.target, "actual": r.actual, "rating": r.rating,
                "weight": exact(r.weight), "score": exact(r.score), "status": r.status,
                "missing_reason": r.missing_reason or None,
                "formula_score": exact(r.formula_score), "deduction": exact(r.deduction) if r.formula_score is not None else None,
                "deduction_reason": r.deduction_reason or None,
                "needs_deviation_analysis": r.needs_deviation_analysis,
                "deviation_analysis": r.deviation_analysis, "explanation": r.explanation,
            }
            for r in result.indicators
        ],
    }
