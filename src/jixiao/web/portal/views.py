"""The public 公开 portal (no login): approved target tables and self-evaluations, per year,
department and unit, searchable, each in the official layout with .pdf/.xlsx downloads.
What is public is ``published``'s rule alone."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from jixiao.core.numbers import parse_int
from jixiao.core.scoring import ScoringError
from jixiao.web.accounts.models import Department, Unit
from jixiao.web.documents.evaluations import evaluation_file
from jixiao.web.documents.files import attachment
from jixiao.web.documents.views import write_tables
from jixiao.web.monitoring.sheet import frozen
from jixiao.web.paging import PAGE_SIZE
from jixiao.web.portal import counts, published
from jixiao.web.targets import convert, layout
from jixiao.web.targets.queries import containing, listable
from jixiao.web.workflow import Status

FORMATS = ("xlsx", "pdf")
MAX_QUERY = 100


@require_GET
def index(request):
    counted = counts.per_unit()
    years = sorted(counted, reverse=True)
    year = parse_int(request.GET.get("year")) or (years[0] if years else None)
    tables = published.public_tables().filter(year=year)
    department, unit = parse_int(request.GET.get("department")), parse_int(request.GET.get("unit"))
    query = (request.GET.get("q") or "").strip()[:MAX_QUERY]
    listed = counted.get(year, [])
    departments = Department.objects.filter(pk__in={d for _, d, _ in listed}).order_by("name")
    if department:
        tables = tables.filter(project__unit__department_id=department)
        listed = [row for row in listed if row[1] == department]
    choices = listable([u for u, _, _ in listed])  # the unit drop-down, when the units are few
    units = sorted(Unit.objects.filter(pk__in=choices), key=lambda u: choices.index(u.pk)) if choices is not None else None
    if unit:
        tables = tables.filter(project__unit_id=unit)
        listed = [row for row in listed if row[0] == unit]
    order = ("project__unit__department__name", "project__unit__name", "project__name", "id")
    if query:  # a search is counted and paged by the database
        found = containing(tables, query, ("project__name", "project__unit__name", "project__type"))
        page = Paginator(found.order_by(*order).values_list("id", flat=True), PAGE_SIZE).get_page(request.GET.get("page"))
        by_id = tables.in_bulk(list(page.object_list))  # found already: not searched again
        page.object_list = [by_id[pk] for pk in page.object_list]
    else:  # counted per unit once (``counts``), then only the units a page spans are read
        page = Paginator(counts.Listing(tables, listed), PAGE_SIZE).get_page(request.GET.get("page"))
    evaluated = set(published.public_evaluations().filter(table__in=[t.pk for t in page])
                    .values_list("table_id", flat=True))
    for t in page:
        t.public_table = t.status == Status.APPROVED
        t.public_evaluation = t.pk in evaluated
    params = request.GET.copy()
    params.pop("page", None)
    return render(request, "portal/index.html", {
        "years": years, "year": year, "departments": departments, "department": department,
        "units": units, "unit": unit, "q": query, "page_obj": page, "query": params.urlencode(),
    })


@require_GET
def table(request, pk: int):
    table = published.get_public_table(pk)
    stored = list(table.indicators.all())
    sheet = convert.core_table(table, stored)
    return render(request, "portal/table.html", {
        "table": table, "t": sheet, "rows": layout.grid(sheet, stored), "review": None,  # no finding marks
        "evaluation": published.public_evaluation(table),
    })


@require_GET
def table_file(request, pk: int, fmt: str):
    if fmt not in FORMATS:
        raise Http404("不支持的格式")
    table = published.get_public_table(pk)
    core = convert.core_table(table)
    return attachment(lambda buf: write_tables([core], fmt, buf, unit=core.unit, year=table.year),
                      fmt, f"{core.name}（{table.year}年）项目绩效目标表", f"table-{table.pk}")


@require_GET
def evaluation(request, pk: int):
    table, evaluation = published.get_public_evaluation(pk)
    try:
        sheet = frozen(evaluation)["sheet"]
    except ScoringError as err:
        return HttpResponse(f"绩效自评有错误，暂不能公开：{err.message}", status=409,
                            content_type="text/plain; charset=utf-8")
    return render(request, "portal/evaluation.html", {
        "table": table, "sheet": sheet, "table_public": table.status == Status.APPROVED,
    })


@require_GET
def evaluation_download(request, pk: int, fmt: str):
    if fmt not in FORMATS:
        raise Http404("不支持的格式")
    table, _ = published.get_public_evaluation(pk)
    return evaluation_file(table, fmt)
