"""Which rule set's 结果应用 mapping applies to a unit: the one place to ask (the 评分规则 in force for
the unit, ``rules.choice.unit_rules``)."""

from __future__ import annotations

from jixiao.core.rules import RuleSet
from jixiao.web.rules.choice import unit_rules


def rule_set_for(unit) -> RuleSet:
    return unit_rules(unit).rules
