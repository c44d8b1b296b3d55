from decimal import Decimal

from django import template

from jixiao.core.scoring import fmt
from jixiao.core.scoring.budget import percent

register = template.Library()


@register.filter
def wan(yuan) -> str:
    """元 → 万元 as the 自评表 prints it (up to four decimals, no trailing zeros)."""
    if yuan is None or yuan == "":
        return ""
    return fmt((Decimal(yuan) / 10000).quantize(Decimal("0.0001")))


@register.filter
def pct(rate) -> str:
    return "" if rate is None else percent(rate)
