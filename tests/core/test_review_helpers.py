"""Hand-built target tables for the review tests (imported by the test_review_* modules)."""

from __future__ import annotations

from decimal import Decimal

from jixiao.core.model import CATEGORY_LABELS, CATEGORY_LEVEL1, Goals, Indicator, Section, TargetTable
from jixiao.core.targets import parse_target


def indicator(category: str, name: str, annual: str | None, period: str | None = "same") -> Indicator:
    period = annual if period == "same" else period
    return Indicator(
        level1=CATEGORY_LEVEL1[category],
        level2=CATEGORY_LABELS[category],
        category=category,
        name=name,
        period_target=None if period is None else parse_target(period, category),
        annual_target=None if annual is None else parse_target(annual, category),
    )


def table(indicators: list[Indicator], **facts) -> TargetTable:
    facts = {
        "name": "社区安全宣传经费",
        "year": 2024,
        "period_start": 2024,
        "period_end": 2026,
        "budget": Decimal("50000"),
        "goals": Goals(period="三年开展宣传活动12次以上。", annual="开展宣传活动4次以上，印制宣传册10000份。"),
        **facts,
    }
    t = TargetTable(indicators=indicators, **facts)
    for i in indicators:
        section = Section(i.level1, i.level2, i.category)
        if section not in t.sections:
            t.sections.append(section)
    return t


def clean_indicators() -> list[Indicator]:
    return [
        indicator("quantity", "宣传活动次数", "≥4次", "≥12次"),
        indicator("quantity", "宣传册印制数量", "10000份", "30000份"),
        indicator("quality", "宣传覆盖率", "≥90%"),
        indicator("timeliness", "宣传活动完成时间", "2024年12月前", "2026年12月前"),
        indicator("cost", "宣传册印制单价", "≤4.5元/份"),
        indicator("cost", "预算执行率", "≥95%"),
        indicator("social", "群众安全知识知晓率", "≥80%"),
        indicator("sustainability", "宣传机制持续运行年限", "≥3年"),
        indicator("satisfaction", "群众满意度", "≥90%"),
    ]


def clean_table(**facts) -> TargetTable:
    """A table built to pass every rule: no error and no warning."""
    return table(clean_indicators(), **facts)
