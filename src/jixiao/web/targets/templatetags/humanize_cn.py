from decimal import Decimal

from django import template

register = template.Library()


@register.filter
def yuan(value) -> str:
    """12345.5 → '12,345.50'; empty for None."""
    if value is None or value == "":
        return "—"
    return f"{Decimal(value):,.2f}"
