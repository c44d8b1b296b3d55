from django import template

from jixiao.core.numbers import money, parse_decimal

register = template.Library()


@register.filter
def yuan(value) -> str:
    """12345.5 → '12,345.50'; empty for None."""
    number = parse_decimal(value)
    return "—" if number is None else money(number)
