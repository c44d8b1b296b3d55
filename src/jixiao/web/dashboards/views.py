"""图表 pages: the 财政 overview (reviewers), a unit's overview and a project's charts."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone

from jixiao.core.numbers import parse_int
from jixiao.web.accounts.models import unit_of
from jixiao.web.dashboards import charts, digest as digests, overview
from jixiao.web.monitoring.access import units_for
from jixiao.web.targets.access import get_table_for_user, visible_tables
from jixiao.web.workflow import reads_all


def _chosen(request, years: list[int]) -> int | None:
    """The year asked for when it has tables, else the latest."""
    wanted = parse_int(request.GET.get("year"))
    return wanted if wanted in years else (years[0] if years else None)


def _year(request, tables) -> tuple[int | None, list[int]]:
    years = sorted(tables.values_list("year", flat=True).distinct().order_by(), reverse=True)
    return _chosen(request, years), years


@login_required
def finance(request):
    """Every unit at a glance, for 财政 reviewers; unit staff see their own unit's page instead."""
    if not reads_all(request.user):
        unit = unit_of(request.user)
        if unit is None:
            raise Http404("没有可查看的单位")
        return redirect("dashboards:unit", unit.pk)
    found = overview.index(request.user)
    year = _chosen(request, found.years)
    name = request.GET.get("unit", "").strip()[:100]
    units = overview.units_named(request.user, name) if name else found.units
    figures = overview.figures(request.user, year) if year else None
    return render(request, "dashboards/finance.html", {
        "year": year, "years": found.years, "units": units[:overview.UNIT_LINKS_SHOWN], "unit_name": name,
        "unit_count": found.unit_count, "more_units": len(units) > overview.UNIT_LINKS_SHOWN,
        "units_shown": overview.UNIT_LINKS_SHOWN, "units_left": found.unit_count - len(found.units),
        "charts": figures.charts if figures else [],
        "freshness": overview.freshness(figures) if figures else "",
    })


@login_required
def unit(request, pk: int):
    own = unit_of(request.user)
    unit = own if own is not None and own.pk == pk else next((u for u in units_for(request.user) if u.pk == pk), None)
    if unit is None:
        raise Http404("没有这个单位，或您无权查看")
    tables = visible_tables(request.user).filter(project__unit=unit)
    year, years = _year(request, tables)
    return render(request, "dashboards/unit.html", {
        "unit": unit, "year": year, "years": years, "charts": charts.unit(tables, year) if year else [],
    })


@login_required
def project(request, pk: int):
    table = get_table_for_user(request.user, pk)
    return render(request, "dashboards/project.html", {"table": table, "charts": charts.project(table)})


@login_required
def digest(request):
    """每日提醒 as a page: what today's mail says."""
    return render(request, "dashboards/digest.html", {"digest": digests.digest_for(request.user, timezone.localdate())})
