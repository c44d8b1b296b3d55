"""Indicators linked to 佐证记录 → the core's ``actual_of_totals``: the one bridge, used by the
monitoring and self-evaluation pages and by the evidence pages (the list behind the number).

The records a link counts are totalled by the database (count, sums, the first counting word), one
query for every linked indicator of a page, so a busy unit's thousands of records never travel to
Python; the core turns the totals into the actual and its explanation.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Count, DecimalField, F, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.db.models.lookups import Exact

from jixiao.core.library.evidence import EvidenceActual, Totals, actual_of_totals
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


def _records(project, kind, subtype, year, until: date | None):
    """The records a link counts: its project's, of its kind and subtype (any subtype when it names
    none), dated in its table's year, up to ``until``. Values or references to the outer link row."""
    records = Record.objects.filter(Q(subtype=subtype) | Q(Exact(subtype, Value(""))),
                                    project_id=project, kind=kind, day__year=year)
    return records.filter(day__lte=until) if until is not None else records


def _total(records, aggregate, output_field):
    """One aggregate over the records as a subquery (grouped by kind, which the filter makes one group)."""
    return Coalesce(Subquery(records.order_by().values("kind").annotate(total=aggregate).values("total")[:1]),
                    Value(0), output_field=output_field)


def _with_totals(links, until: date | None):
    records = _records(OuterRef("indicator__table__project_id"), OuterRef("kind"), OuterRef("subtype"),
                       OuterRef("indicator__table__year"), until)
    money = DecimalField(max_digits=20, decimal_places=2)
    first_word = records.exclude(counting_unit="").order_by("day", "title").values("counting_unit")[:1]
    return links.annotate(
        record_count=_total(records, Count("pk"), DecimalField(max_digits=20, decimal_places=0)),
        quantity_total=_total(records, Sum("quantity"), money),
        amount_total=_total(records, Sum("amount"), money),
        counted_word=Coalesce(Subquery(first_word), Value("")),
        year=F("indicator__table__year"),
    )


def _linked(link, until: date | None) -> Linked:
    totals = Totals(int(link.record_count), Decimal(link.quantity_total), Decimal(link.amount_total), link.counted_word)
    return Linked(link, actual_of_totals(totals, link.core(), link.year, _unit(link.indicator)), until)


def linked_actuals(rows, until: date | None = None) -> dict[int, Linked]:
    """The actual from records of each linked indicator among ``rows`` (by indicator id)."""
    links = _with_totals(Link.objects.filter(indicator__in=[r.pk for r in rows]).select_related("indicator"), until)
    return {link.indicator_id: _linked(link, until) for link in links}


def actual_of(link: Link, until: date | None = None) -> Linked:
    return _linked(_with_totals(Link.objects.filter(pk=link.pk).select_related("indicator"), until).get(), until)


def records_of(link: Link, until: date | None = None):
    """The records behind a link's actual, by date: what the indicator's page lists."""
    table = link.indicator.table
    return _records(table.project_id, link.kind, Value(link.subtype), table.year, until).order_by("day", "title")
