from django import template

from jixiao.core.numbers import grouped

register = template.Library()


@register.filter
def get_item(mapping, key):
    return mapping.get(key)


@register.filter
def change_in(row, year):
    return row.change_in(year)


@register.filter
def money(value):
    """270000 -> '270,000'; None -> '—'."""
    return "—" if value is None else grouped(value)
