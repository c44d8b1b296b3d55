"""Indicators linked to 佐证记录 → the core's ``actual_of_totals``: the one bridge, used by the
monitoring and self-evaluation pages and by the evidence pages (the list behind the number).

The records a link counts are totalled by the database: one grouped query gives the count and sums
per project, kind and subtype for every link of a page, and the query that reads the links finds each
one's first counting word; a busy unit's thousands of records never travel to Python. The core turns
the totals into the actual and its explanation.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Count, OuterRef, Q, Subquery, Sum, Value
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


def _span(year: int, until: date | None) -> tuple[date, date]:
    """The days a link counts: its table's year, up to ``until``. A range, not ``day__year``, so the
    (project, kind, day) index serves it and no date function runs per record."""
    last = date(year, 12, 31)
    return date(year, 1, 1), min(until, last) if until is not None else last


def _records(project, kind, subtype, year: int, until: date | None):
    """The records a link counts: its project's, of its kind and subtype (any subtype when it names
    none), dated in its table's year up to ``until``. Values or references to the outer link row."""
    return Record.objects.filter(Q(subtype=subtype) | Q(Exact(subtype, Value(""))),
                                 project_id=project, kind=kind, day__range=_span(year, until))


def _first_word(year: int, until: date | None):
    """The counting word of the first record (by date, then name) that has one, for the outer link row."""
    records = _records(OuterRef("indicator__table__project_id"), OuterRef("kind"), OuterRef("subtype"), year, until)
    return Coalesce(Subquery(records.exclude(counting_unit="").order_by("day", "title").values("counting_unit")[:1]),
                    Value(""))


def _groups(links, year: int, until: date | None) -> dict[tuple[int, str], list[dict]]:
    """Count and sums of the links' records per (project, kind) and subtype: one grouped query."""
    projects = {link.indicator.table.project_id for link in links}
    kinds = {link.kind for link in links}
    rows = (Record.objects.filter(project_id__in=projects, kind__in=kinds, day__range=_span(year, until)).order_by()
            .values("project_id", "kind", "subtype")
            .annotate(n=Count("pk"), quantity=Sum("quantity"), amount=Sum("amount")))
    out: dict[tuple[int, str], list[dict]] = {}
    for row in rows:
        out.setdefault((row["project_id"], row["kind"]), []).append(row)
    return out


def _totals(link, groups, word: str) -> Totals:
    rows = [g for g in groups.get((link.indicator.table.project_id, link.kind), ())
            if not link.subtype or g["subtype"] == link.subtype]
    return Totals(sum(g["n"] for g in rows), sum((g["quantity"] for g in rows if g["quantity"] is not None), Decimal(0)),
                  sum((g["amount"] for g in rows if g["amount"] is not None), Decimal(0)), word)


def _actuals(links, year: int, until: date | None) -> list[Linked]:
    links = list(links.annotate(counted_word=_first_word(year, until)))
    groups = _groups(links, year, until)
    return [Linked(link, actual_of_totals(_totals(link, groups, link.counted_word), link.core(), year,
                                          _unit(link.indicator)), until) for link in links]


def linked_actuals(rows, until: date | None = None) -> dict[int, Linked]:
    """The actual from records of each linked indicator among ``rows`` (by indicator id): one query for
    the tables' years (a page shows one table, so one year), one for the links, one for the totals."""
    links = Link.objects.filter(indicator__in=[r.pk for r in rows]).select_related("indicator__table")
    out = {}
    for year in links.values_list("indicator__table__year", flat=True).distinct().order_by():
        for linked in _actuals(links.filter(indicator__table__year=year), year, until):
            out[linked.link.indicator_id] = linked
    return out


def actual_of(link: Link, until: date | None = None) -> Linked:
    year = link.indicator.table.year
    [linked] = _actuals(Link.objects.filter(pk=link.pk).select_related("indicator__table"), year, until)
    return linked


def records_of(link: Link, until: date | None = None):
    """The records behind a link's actual, by date: what the indicator's page lists."""
    table = link.indicator.table
    return _records(table.project_id, link.kind, Value(link.subtype), table.year, until).order_by("day", "title")
