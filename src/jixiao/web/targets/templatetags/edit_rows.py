from django import template

register = template.Library()


@register.simple_tag
def targets_of(form, period_explain, annual_explain):
    """The two target fields of an indicator form, each with its current explanation."""
    return [
        (form["period_target"], period_explain or {}),
        (form["annual_target"], annual_explain or {}),
    ]
