"""Indicators linked to 佐证记录 → the core's ``evidence_actual``: the one bridge, used by the
monitoring and self-evaluation pages and by the evidence pages (the list behind the number)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from jixiao.core.library.evidence import EvidenceActual, EvidenceRecord, evidence_actual
from jixiao.web.evidence.models import Link, Record
from jixiao.web.targets.convert import target_of


@dataclass
class Linked:
    link: Link
    actual: EvidenceActual
    until: date | None


def _unit(indicator) -> str:
    target = target_of(indicator, "annual") or target_of(indicator, "period")
    return (target.unit or "") if target else ""


def actual_of(link: Link, until: date | None = None) -> Linked:
    indicator = link.indicator
    table = indicator.table
    records = Record.objects.filter(project_id=table.project_id, kind=link.kind, day__year=table.year)
    if link.subtype:
        records = records.filter(subtype=link.subtype)
    if until is not None:
        records = records.filter(day__lte=until)
    # Plain rows, not model instances: a busy unit has thousands of records a year.
    rows = records.order_by().values_list("kind", "subtype", "day", "title", "quantity", "amount", "counting_unit", "pk")
    actual = evidence_actual([EvidenceRecord(*row[:7], key=row[7]) for row in rows], link.core(), table.year,
                             _unit(indicator), until)
    return Linked(link, actual, until)


def linked_actuals(rows, until: date | None = None) -> dict[int, Linked]:
    """The actual from records of each linked indicator among ``rows`` (by indicator id)."""
    links = Link.objects.filter(indicator__in=[r.pk for r in rows]).select_related("indicator__table")
    return {link.indicator_id: actual_of(link, until) for link in links}
