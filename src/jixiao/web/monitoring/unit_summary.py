"""One row per unit for the reviewer's 运行监控 overview and 绩效自评 summary when no unit is chosen.

Counted by the database, so a province's overview never loads every table: a page of units is chosen
first (over the units table), then one grouped query counts the tables of those units alone.
A project's light is its latest report's worse light (``MonitoringReport.overall_light``, in SQL here).
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.db.models import Avg, Count, Exists, OuterRef, Q, Sum

from jixiao.web.accounts.models import Unit

from jixiao.web.monitoring.models import LIGHT_ORDER, MonitoringReport
from jixiao.web.paging import UNITS_PER_PAGE
from jixiao.web.workflow import Status



def page_query(year, search: str) -> str:
    """The URL query of a page of units, without the page number (for the pager)."""
    return urlencode({"year": year or "", "unit": 0, "q": search})


def _light_filters() -> dict[str, Q]:
    """Per light colour, the reports whose overall light it is: the worse of the execution light and
    the worst indicator light (``MonitoringReport.overall_light``, in SQL)."""
    filters, worse = {}, Q()
    for colour in LIGHT_ORDER:
        if colour:
            either = Q(execution_light=colour) | Q(worst_light=colour)
            filters[colour] = either & ~worse if worse else either
            worse |= either
    return filters


def page_of_units(tables, search: str, page, count):
    """The page of units having tables among ``tables`` (by name), one row each: ``count`` applied to their tables grouped by unit."""
    units = Unit.objects.filter(Exists(tables.order_by().filter(project__unit=OuterRef("pk")).values("pk"))).order_by("name")
    if search:
        units = units.filter(name__icontains=search)
    page = Paginator(units.only("name"), UNITS_PER_PAGE).get_page(page)
    grouped = count(tables.filter(project__unit__in=[u.pk for u in page.object_list])
                    .values("project__unit_id", "project__unit__name").order_by())
    rows = {row["project__unit_id"]: row for row in grouped}
    page.object_list = [rows[u.pk] for u in page.object_list]
    return page


def monitoring_by_unit(tables, search: str = "", page: str | int | None = 1):
    """A page of units: projects, approved, 红/黄/绿灯 counts of the approved ones (latest report), budget
    and latest spending. Two grouped queries over the page's units: their tables, their latest reports."""
    approved = Q(status=Status.APPROVED)
    page = page_of_units(tables, search, page, lambda rows: rows.annotate(
        projects=Count("pk"), approved=Count("pk", filter=approved), budget=Sum("budget", filter=approved)))
    units = [row["project__unit_id"] for row in page.object_list]
    later = MonitoringReport.objects.filter(table=OuterRef("table"), cutoff__gt=OuterRef("cutoff"))
    latest = (MonitoringReport.objects.filter(table__in=tables.filter(project__unit__in=units).order_by().values("pk"))
              .exclude(Exists(later)))
    lights = _light_filters()
    counted = latest.values("table__project__unit_id").order_by().annotate(spent_total=Sum("spent"), **{
        f"light_{colour}": Count("pk", filter=Q(table__status=Status.APPROVED) & q) for colour, q in lights.items()})
    by_unit = {row.pop("table__project__unit_id"): row for row in counted}
    for row in page.object_list:
        found = by_unit.get(row["project__unit_id"], {})
        row["spent_total"] = found.get("spent_total")
        for colour in lights:
            row[f"light_{colour}"] = found.get(f"light_{colour}", 0)
        row["light_none"] = row["approved"] - sum(row[f"light_{colour}"] for colour in lights)
    return page


def evaluations_by_unit(tables, grades: list[str], search: str = "", page: str | int | None = 1):
    """A page of units: projects, 绩效自评 filled in and approved, average total, count per grade."""
    per_grade = {f"grade_{n}": Count("self_evaluation", filter=Q(self_evaluation__grade=g)) for n, g in enumerate(grades)}
    page = page_of_units(tables, search, page, lambda rows: rows.annotate(
        projects=Count("pk"), evaluated=Count("self_evaluation"),
        approved=Count("self_evaluation", filter=Q(self_evaluation__status=Status.APPROVED)),
        average=Avg("self_evaluation__total"), **per_grade))
    for row in page.object_list:
        row["grades"] = [(g, row[f"grade_{n}"]) for n, g in enumerate(grades)]
    return page
