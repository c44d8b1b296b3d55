"""Problems of a form page (``workflow.Problem``): beside their row or field, and summarised at the top."""

from django import template

from jixiao.web.workflow import row_anchor

register = template.Library()


@register.filter
def beside(problems, where) -> list:
    """The problems shown at an indicator's row (``where``: its id) or at a field (its id)."""
    anchor = row_anchor(where) if isinstance(where, int) else where
    return [p for p in problems or () if p.anchor == anchor]


@register.inclusion_tag("_problems_beside.html")
def problems_beside(problems, where, oob=False):
    """The messages beside one row or field, in a box that htmx can replace (``oob``) as the user types."""
    anchor = row_anchor(where) if isinstance(where, int) else where
    return {"anchor": anchor, "problems": beside(problems, where), "oob": oob}
