"""Rule sets (规则集): how a jurisdiction scores self-evaluations, grades them, monitors spending and
reviews targets, as versioned TOML files checked against ``schema.json``.

    available() -> list[RuleSet]         the shipped rule sets, by name
    load(name_or_path) -> RuleSet        a shipped rule set by name, or a file
    DEFAULT_NAME                         'central-2020'

A RuleSet carries a ``ScoringConfig`` (blocks, formulas, tiers, grades, monitoring) and review
settings, so everything that scores or reviews takes its rules from one object.
"""

from jixiao.core.rules.loader import DEFAULT_NAME, RULES_DIR, RuleSet, RuleSetError, Source, available, load, parse

__all__ = ["DEFAULT_NAME", "RULES_DIR", "RuleSet", "RuleSetError", "Source", "available", "load", "parse"]
