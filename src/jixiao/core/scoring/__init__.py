"""Self-evaluation scoring (绩效自评) and monitoring lights (运行监控); pure Python, no Django.

Public API, used by `jixiao evaluate` and the web pages:

    ScoringConfig, DEFAULT_CONFIG, ScoringError
    allocate_weights(indicators, weights=None, not_applicable=None, config) -> list[Decimal]
    block_of(indicator, config) -> 'output' | 'cost' | 'benefit' | 'satisfaction'
    is_rated(indicator) -> bool: judged by a rating (达成/部分达成/未达成) and a 评价得分, not a value
    score_indicator(indicator, weight, actual, *, rating, rating_score, target, config) -> IndicatorResult
    score_budget(Execution, config) -> BudgetResult
    evaluate_table(table, inputs: [IndicatorInput], execution: Execution, config) -> TableResult
    time_progress(cutoff) / execution_light(spent, budget, cutoff, config) /
    indicator_light(indicator, expected, *, rating, target, config) -> Light
"""

from jixiao.core.scoring.budget import BudgetResult, Execution, score_budget
from jixiao.core.scoring.config import (
    BLOCK_LABELS, DEFAULT_CONFIG, GREEN, LIGHT_LABELS, LIGHTS, RATING_LABELS, RED, STATUS_LABELS, YELLOW, ScoringConfig,
    ScoringError, TierBand, q2, worst_light,
)
from jixiao.core.scoring.indicator import IndicatorResult, is_rated, parse_rating, score_indicator, target_of
from jixiao.core.scoring.monitoring import Light, default_cutoff, execution_light, indicator_light, time_progress
from jixiao.core.scoring.table import IndicatorInput, TableResult, evaluate_table
from jixiao.core.scoring.weights import allocate_weights, block_of, split_cents

__all__ = [
    "BLOCK_LABELS", "DEFAULT_CONFIG", "LIGHT_LABELS", "LIGHTS", "GREEN", "RED", "YELLOW", "RATING_LABELS", "STATUS_LABELS",
    "BudgetResult", "Execution", "IndicatorInput", "IndicatorResult", "Light", "ScoringConfig",
    "ScoringError", "TableResult", "TierBand",
    "allocate_weights", "block_of", "default_cutoff", "evaluate_table", "execution_light",
    "indicator_light", "is_rated", "parse_rating", "q2", "score_budget", "score_indicator", "split_cents",
    "target_of", "time_progress", "worst_light",
]
