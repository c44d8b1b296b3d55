"""Which rule set's 结果应用 mapping applies to a unit: the one place to ask.

Units cannot choose a rule set in the web yet; until they can, every unit uses the default
(central-2020). Point ``rule_set_for`` at the unit's choice once it is stored.
"""

from __future__ import annotations

from jixiao.core import rules
from jixiao.core.rules import RuleSet


def rule_set_for(unit) -> RuleSet:
    return rules.load(rules.DEFAULT_NAME)
