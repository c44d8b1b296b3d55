"""Every threshold and word list the review rules use, in one place."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from jixiao.core.categories import BENEFIT, OUTPUT, categories_in

OUTPUT_CATEGORIES = categories_in(OUTPUT)
BENEFIT_CATEGORIES = categories_in(BENEFIT)


@dataclass(frozen=True)
class ReviewConfig:
    # 二级 categories each table must have (a declared section without indicators counts as missing).
    required_output_categories: tuple[str, ...] = field(
        default=OUTPUT_CATEGORIES, metadata={"doc": "产出指标下必备的二级指标"}
    )
    require_cost: bool = field(default=True, metadata={"doc": "是否要求至少一个成本指标"})
    # 预算执行率: the indicator should be present with a target of at least this many percent.
    # Dongguan's 2019 approval form uses ≥90% and Sichuan asks for a reason below 90% (§1.3, §5.1).
    execution_rate_names: tuple[str, ...] = ("预算执行率",)
    min_execution_rate: Decimal = field(
        default=Decimal("90"), metadata={"doc": "预算执行率目标下限（%）；东莞市2019年批复表为≥90%，四川省要求低于90%说明原因"}
    )
    # Implied cost (unit cost × quantity) below this share of the budget is "far below" it.
    min_implied_cost_share: Decimal = field(
        default=Decimal("0.9"), metadata={"doc": "单价×数量低于预算的此比例即“远低于预算”；本系统审核口径，无官方规定"}
    )
    # More than this share of qualitative 产出 indicators is flagged (Jixiao's own default, configurable).
    max_qualitative_output_share: Decimal = field(
        default=Decimal("0.3"), metadata={"doc": "定性产出指标占比上限；本系统审核口径，无官方规定"}
    )
    # Units of counts that do not add up over the years (the same 6 people each year).
    stock_units: frozenset[str] = frozenset({"人", "名", "个", "间", "家", "处", "所", "座", "支", "套", "台"})
    # Units a 时效 target may use besides a deadline: rates and durations.
    timeliness_units: frozenset[str] = frozenset(
        {"%", "天", "日", "个工作日", "工作日", "小时", "分钟", "个月", "月", "周", "年"}
    )
    # How many of a time denominator make up the (annual) budget: 元/人/月 × 12.
    per_year: dict[str, Decimal] = field(
        default_factory=lambda: {"年": Decimal(1), "月": Decimal(12), "季度": Decimal(4), "季": Decimal(4)}
    )
    # Vague words in 效益 targets and how to make them measurable; first match wins.
    vague_benefit_advice: tuple[tuple[str, str], ...] = (
        ("长期", "写明持续期限，如“持续3年以上”或“2026年前保持”"),
        ("短期", "写明期限和可核实的结果，如“2024年12月前建立并运行”"),
        ("长效", "写明机制建成的标志和期限，如“2024年12月前出台制度1项”"),
        ("有效", "改为可核实的比率或数量，如“覆盖率≥90%”“同类事件同比下降10%”"),
        ("充分", "改为可核实的比率或数量，如“需求满足率≥90%”"),
        ("合理", "写明判定标准，如“按规定时限处理率100%”"),
        ("良好", "写明评定标准或等级比率，如“考核良好以上比例≥80%”"),
        ("明显", "写明提升幅度，如“较上年提高5个百分点”"),
        ("显著", "写明提升幅度，如“较上年提高5个百分点”"),
        ("提升", "写明提升幅度，如“较上年提高5个百分点”"),
        ("提高", "写明提升幅度，如“较上年提高5个百分点”"),
    )
    default_benefit_advice: str = "用比率、数量或可核实的标准表述，如“知晓率≥80%”"
    disabled: frozenset[str] = frozenset()  # rule ids to skip
    severities: dict[str, str] = field(default_factory=dict)  # rule id -> overriding severity

    def severity_of(self, rule) -> str:
        return self.severities.get(rule.id, rule.severity)


DEFAULT_CONFIG = ReviewConfig()
