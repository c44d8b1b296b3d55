"""Which rule set's 结果应用 mapping applies: the one place to ask.

An evaluation's consequence follows the rule set that graded it (kept with it once submitted, so a
later change of the unit's 评分规则 changes neither its grade nor its consequence); a unit's report
is headed by the rule set in force for the unit now.
"""

from __future__ import annotations

from jixiao.core.rules import RuleSet
from jixiao.web.monitoring.scoring import RulesByUnit, evaluation_rules, unit_rules


def rule_set_of(evaluation) -> RuleSet:
    return evaluation_rules(evaluation)


def rule_sets_of(evaluations) -> list[RuleSet]:
    """``rule_set_of`` for each of a page of evaluations, asking for each unit's rule set once."""
    rules = RulesByUnit()
    return [evaluation_rules(e, rules.of_table) for e in evaluations]


def rule_set_for(unit) -> RuleSet:
    return unit_rules(unit)
