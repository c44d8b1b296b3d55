"""可衡量性: how much of the table can actually be checked at year end."""

from __future__ import annotations

from decimal import Decimal

from jixiao.core.categories import compact
from jixiao.core.numbers import percent

from . import basis
from .common import quoted, table_label
from .config import BENEFIT_CATEGORIES, OUTPUT_CATEGORIES
from .registry import Hit, rule


def _qualitative(indicator) -> bool:
    target = indicator.annual_target
    return target is not None and compact(target.text) != "" and target.kind == "qualitative"


@rule(
    "measurability.qualitative-outputs",
    "warning",
    "定性产出指标占比过高",
    "相关性",
    basis.QUALITATIVE_SHARE,
    "数量、质量、时效指标中，当年度指标值为定性表述的比例超过配置上限。",
)
def qualitative_outputs(table, config):
    outputs = [i for i in table.indicators if i.category in OUTPUT_CATEGORIES]
    vague = [i for i in outputs if _qualitative(i)]
    if not outputs or not vague:
        return
    share = Decimal(len(vague)) / len(outputs)
    if share > config.max_qualitative_output_share:
        names = "、".join(quoted(i) for i in vague)
        yield Hit(
            None,
            f"{table_label(table)}{len(outputs)}个产出指标中有{len(vague)}个为定性表述（{percent(share, 1)}，"
            f"上限{percent(config.max_qualitative_output_share, 1)}）：{names}；请尽量量化。",
        )


@rule(
    "measurability.vague-benefit",
    "hint",
    "效益指标表述笼统",
    "相关性",
    basis.VAGUE_BENEFIT,
    "效益指标的当年度指标值为定性表述（如“有效”“长期”）时，给出量化建议。",
)
def vague_benefit(table, config):
    for indicator in table.indicators:
        if indicator.category not in BENEFIT_CATEGORIES or not _qualitative(indicator):
            continue
        text = compact(indicator.annual_target.text)
        advice = next((a for word, a in config.vague_benefit_advice if word in text), config.default_benefit_advice)
        yield Hit(
            indicator.name,
            f"{table_label(table)}效益指标{quoted(indicator)}的指标值“{text}”难以核实；建议{advice}。",
        )
