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
    # Rate-type indicators: names ending so are percentages (比率), never words nor above 100 %.
    rate_suffixes: tuple[str, ...] = field(default=("率",), metadata={"doc": "名称以此结尾的指标按比率指标审核"})
    rate_units: tuple[str, ...] = field(default=("%", "‰", "个百分点", "百分点"), metadata={"doc": "比率指标可用的计量单位"})
    rate_may_exceed_words: tuple[str, ...] = field(
        default=("增长", "增幅", "增速", "提高", "提升", "同比", "环比", "回报", "收益"),
        metadata={"doc": "名称含这些词的比率可以超过100%"},
    )
    # Which way an indicator should go, from its name; lower-is-better words are looked at first
    # (不满意率 is lower-is-better although it contains 满意).
    lower_is_better_words: tuple[str, ...] = field(
        default=("不满意", "投诉", "差错", "错误率", "事故", "发生率", "失误", "不合格", "返工率", "返修率", "误报",
                 "流失率", "违规", "违纪", "超支", "延误", "逾期", "故障", "死亡", "损失率", "空置率", "闲置率",
                 "重复率", "偏差率"),
        metadata={"doc": "名称含这些词的指标越低越好，不应设下限（≥）"},
    )
    higher_is_better_words: tuple[str, ...] = field(
        default=("满意", "合格率", "达标率", "完成率", "覆盖率", "知晓率", "及时率", "执行率", "通过率", "准确率",
                 "到位率", "普及率", "合规率", "处置率", "办结率", "参与率", "出勤率", "利用率", "使用率", "上岗率"),
        metadata={"doc": "名称含这些词的指标越高越好，不应设上限（≤）"},
    )
    disabled: frozenset[str] = frozenset()  # rule ids to skip
    severities: dict[str, str] = field(default_factory=dict)  # rule id -> overriding severity

    def severity_of(self, rule) -> str:
        return self.severities.get(rule.id, rule.severity)


DEFAULT_CONFIG = ReviewConfig()
