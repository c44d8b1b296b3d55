"""The core's indicator grid (``jixiao.core.layout.indicator_rows``) with each row paired with its
database row, for the table page and an approved version's frozen copy (core JSON)."""

from __future__ import annotations

from jixiao.core.layout import GridRow, indicator_rows
from jixiao.core.model import TargetTable as CoreTable
from jixiao.web.targets import convert
from jixiao.web.targets.models import Indicator, TargetTable


def grid(table: TargetTable | CoreTable, stored: list[Indicator] | None = None) -> list[GridRow]:
    """The grid of a stored table, or of a core table (``stored``: its database rows, in order, if any);
    each ``GridRow.row`` is the indicator's database row."""
    if isinstance(table, TargetTable):
        stored = sorted(table.indicators.all(), key=lambda r: r.position)
        table = convert.core_table(table, stored)
    return indicator_rows(table, stored)
