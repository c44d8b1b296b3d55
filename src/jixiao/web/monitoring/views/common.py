"""Filters shared by the unit pages (monitoring overview, evaluation summary)."""

from __future__ import annotations

from jixiao.web.accounts.models import unit_of
from jixiao.web.monitoring import access


def int_or_none(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def unit_and_year(request):
    """(unit or None for all, units the user may pick, year, years): staff default to their unit."""
    visible = access.visible_tables(request.user)
    years = sorted(visible.values_list("year", flat=True).distinct().order_by(), reverse=True)
    year = int_or_none(request.GET.get("year")) or (years[0] if years else None)
    units = list(access.units_for(request.user))
    wanted = int_or_none(request.GET.get("unit"))
    unit = next((u for u in units if u.id == wanted), None)
    if unit is None and wanted is None:
        own = unit_of(request.user)
        unit = next((u for u in units if own and u.id == own.id), None)
    return unit, units, year, years
