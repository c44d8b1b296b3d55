"""The rule set in force for a unit, and an administrator's change of it (audited, never lost).

A unit's own choice overrides its department's; with neither, the default rule set
(``jixiao.core.rules.DEFAULT_NAME``) applies. Users see rule sets by their official names only
(``RuleSet.official_label``).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from jixiao.core import rules as core_rules
from jixiao.core.rules import RuleSet
from jixiao.web import concurrency
from jixiao.web.accounts.models import Department, Unit
from jixiao.web.rules.models import RuleChange, RuleChoice

PREFIX = "评分规则："


class UnknownRuleSet(ValueError):
    """A name that is no shipped rule set; the message is Chinese."""


def shipped() -> list[RuleSet]:
    return core_rules.available()


def by_name(name: str) -> RuleSet:
    if name not in {r.name for r in shipped()}:
        raise UnknownRuleSet(f"没有这个评分规则（「{name}」），请从列表中选择")
    return core_rules.load(name)


def default() -> RuleSet:
    return core_rules.load(core_rules.DEFAULT_NAME)


def _chosen(owner) -> str:
    choice = getattr(owner, "rule_choice", None) if owner is not None else None
    try:
        return choice.rule_set if choice else ""
    except RuleChoice.DoesNotExist:
        return ""


@dataclass(frozen=True)
class InForce:
    rules: RuleSet
    source: str  # why it applies: 本单位设置 / 主管部门设置 / 默认

    @property
    def label(self) -> str:
        return self.rules.official_label


def department_rules(department: Department | None) -> InForce:
    name = _chosen(department)
    return InForce(core_rules.load(name), "主管部门设置") if name else InForce(default(), "默认")


def unit_rules(unit: Unit) -> InForce:
    """The rule set in force for ``unit`` now."""
    name = RuleChoice.objects.filter(unit=unit).values_list("rule_set", flat=True).first()
    if name:
        return InForce(core_rules.load(name), "本单位设置")
    dept = RuleChoice.objects.filter(department_id=unit.department_id).values_list("rule_set", flat=True).first()
    return InForce(core_rules.load(dept), "主管部门设置") if dept else InForce(default(), "默认")


def label_of(name: str, follows: str) -> str:
    return by_name(name).official_label if name else follows


def scope_of(owner) -> str:
    return f"{'用款单位' if isinstance(owner, Unit) else '主管部门'}：{owner.name}"


@transaction.atomic
def choose(owner: Department | Unit, name: str, user, opened_at: int | None) -> bool:
    """Set ``owner``'s rule set (''：follow the department / the default). Raises UnknownRuleSet, and
    StaleSave when someone saved it after the page was opened. Returns whether anything changed."""
    if name:
        by_name(name)
    key = {"unit": owner} if isinstance(owner, Unit) else {"department": owner}
    # Version 0: the page was opened when nothing was stored, so a row stored since makes it stale.
    stored = RuleChoice.objects.filter(**key).first() if opened_at != 0 else None
    choice = stored or RuleChoice(**key)
    follows = "随主管部门" if isinstance(owner, Unit) else f"默认（{default().official_label}）"
    before = choice.rule_set
    choice.rule_set, choice.updated_by = name, user
    concurrency.stored(choice, opened_at, **key)
    choice.save()
    if before == name:
        return False
    RuleChange.objects.create(user=user, scope=scope_of(owner), before=label_of(before, follows),
                              after=label_of(name, follows))
    return True
