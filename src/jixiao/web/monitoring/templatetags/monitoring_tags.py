from django import template
from django.utils.html import format_html

from jixiao.core.evaluation_layout import format_wan, wan as to_wan
from jixiao.core.scoring import LIGHT_LABELS, LIGHTS
from jixiao.core.numbers import parse_decimal, percent

register = template.Library()


@register.filter
def wan(yuan) -> str:
    """元 → 万元 as the 自评表 prints it (the core layout's format, as in the Excel and PDF)."""
    number = parse_decimal(yuan)
    return "" if number is None else format_wan(to_wan(number))


@register.filter
def pct(rate) -> str:
    """A fraction (Decimal, or its string in a frozen copy) as a percentage."""
    number = parse_decimal(rate)
    return "" if number is None else percent(number)


_LIGHT_HTML = {c: format_html('<span class="light light-{}">{}</span>', c or "none", LIGHT_LABELS[c or None])
               for c in (*LIGHTS, "")}


@register.filter
def light_label(color) -> str:
    """红灯 / 黄灯 / 绿灯, or 未填报 for none: the core's labels."""
    return LIGHT_LABELS[color or None]


@register.filter
def light(color) -> str:
    """The badge of a light colour ('' or None: 未填报); a filter, not an include, because the
    unit overview draws two per project for a thousand projects."""
    return _LIGHT_HTML[color or ""]


@register.filter
def shown(obj, field: str):
    """A field's value as the form shows it: what was typed if it could not be read (``entries``), else the value."""
    typed = getattr(obj, "typed", None) or {}
    if field in typed:
        return typed[field]
    value = getattr(obj, field)
    return "" if value is None else value
