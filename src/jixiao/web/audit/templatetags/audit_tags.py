from django import template
from django.utils.html import format_html_join

register = template.Library()


@register.filter
def show(value):
    """A recorded value for reading: lists one item a line, empty as a dash."""
    if value is None or value == "":
        return "—"
    if isinstance(value, list):
        return format_html_join("", "<div>{}</div>", ((v,) for v in value)) if value else "—"
    return value
