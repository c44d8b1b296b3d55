"""One row per unit for the reviewer's 运行监控 overview and 绩效自评 summary when no unit is chosen.

Counted by the database (one grouped query a page, whatever the number of tables), so a province's
overview never loads every table: the pages list units, paginated, each linking to its projects.
A project's light is its latest report's worse light (``MonitoringReport.overall_light``, in SQL here).
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.db.models import Avg, Case, CharField, Count, OuterRef, Q, Subquery, Sum, Value, When

from jixiao.web.monitoring.models import LIGHT_ORDER, MonitoringReport
from jixiao.web.workflow import Status

PAGE_SIZE = 50


def page_query(year, search: str) -> str:
    """The URL query of a page of units, without the page number (for the pager)."""
    return urlencode({"year": year or "", "unit": 0, "q": search})


def _with_light(tables):
    """Tables annotated with their latest report's overall light ('' when none) and its spending."""
    latest = MonitoringReport.objects.filter(table=OuterRef("pk")).order_by("-cutoff")
    tables = tables.annotate(execution=Subquery(latest.values("execution_light")[:1]),
                             worst=Subquery(latest.values("worst_light")[:1]),
                             spent=Subquery(latest.values("spent")[:1]))
    whens = [When(Q(execution=c) | Q(worst=c), then=Value(c)) for c in LIGHT_ORDER if c]
    return tables.annotate(light=Case(*whens, default=Value(""), output_field=CharField()))


def _units(tables, search: str):
    rows = tables.values("project__unit_id", "project__unit__name").order_by("project__unit__name")
    return rows.filter(project__unit__name__icontains=search) if search else rows


def monitoring_by_unit(tables, search: str = "", page: str | int | None = 1):
    """A page of units: projects, approved, reported, 红/黄/绿灯 counts, budget and latest spending."""
    counts = {f"light_{c or 'none'}": Count("pk", filter=Q(status=Status.APPROVED, light=c)) for c in LIGHT_ORDER}
    rows = _units(_with_light(tables), search).annotate(
        projects=Count("pk"), approved=Count("pk", filter=Q(status=Status.APPROVED)),
        budget=Sum("budget", filter=Q(status=Status.APPROVED)), spent_total=Sum("spent"), **counts)
    return Paginator(rows, PAGE_SIZE).get_page(page)


def evaluations_by_unit(tables, grades: list[str], search: str = "", page: str | int | None = 1):
    """A page of units: projects, 绩效自评 filled in and approved, average total, count per grade."""
    per_grade = {f"grade_{n}": Count("self_evaluation", filter=Q(self_evaluation__grade=g)) for n, g in enumerate(grades)}
    rows = _units(tables, search).annotate(
        projects=Count("pk"), evaluated=Count("self_evaluation"),
        approved=Count("self_evaluation", filter=Q(self_evaluation__status=Status.APPROVED)),
        average=Avg("self_evaluation__total"), **per_grade)
    page = Paginator(rows, PAGE_SIZE).get_page(page)
    for row in page.object_list:
        row["grades"] = [(g, row[f"grade_{n}"]) for n, g in enumerate(grades)]
    return page
