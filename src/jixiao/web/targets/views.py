"""Pages of the target tables: list, official-layout table, edit, history, upload, live target check."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from jixiao.core.model import CATEGORY_LABELS
from jixiao.core.numbers import parse_int
from jixiao.core.review.strict import target_findings
from jixiao.core.targets import explain_target, parse_target
from jixiao.web.accounts.models import Unit
from jixiao.web.audit.models import AuditEntry
from jixiao.web.paging import PAGE_SIZE
from jixiao.web.targets import access, convert, keyset, layout, queries
from jixiao.web.targets.editing import StaleVersion, delete_table, save_edit
from jixiao.web.targets.forms import IndicatorFormSet, TableForm
from jixiao.web.targets.models import Indicator, Project, TargetTable
from jixiao.web.workflow import NOT_SAVED, Problem, Status

UNIT_SUGGESTIONS = 20


@login_required
@require_GET
def unit_search(request):
    """JSON for the unit picker: the visible units whose name contains ``q``, by name (at most 20)."""
    own_unit = access.unit_filter(request.user)
    units = Unit.objects.all() if own_unit is None else Unit.objects.filter(pk=own_unit)
    q = request.GET.get("q", "").strip()[:100]
    if q:
        units = units.filter(name__icontains=q)
    found = units.order_by("name").values("id", "name")[:UNIT_SUGGESTIONS]
    return JsonResponse({"units": list(found)})


@login_required
def table_list(request):
    visible = access.visible_tables(request.user)
    years = queries.distinct_values(visible.order_by(), "year")
    year = parse_int(request.GET.get("year")) or (years[0] if years else None)
    tables = visible.filter(year=year)
    # Filter choices come from the small tables (units, projects), not from scanning every target table.
    own_unit = access.unit_filter(request.user)
    units = Unit.objects.all() if own_unit is None else Unit.objects.filter(pk=own_unit)
    # A few units are listed (plain (id, name) strings); more are searched by name on the server.
    few = queries.listable(units.values_list("pk", "name"))
    unit_options = None if few is None else [(str(pk), name) for pk, name in few]
    projects = Project.objects.all() if own_unit is None else Project.objects.filter(unit_id=own_unit)
    types = queries.distinct_values(projects.order_by(), "type")[::-1]
    unit_id, ptype, status = parse_int(request.GET.get("unit")), request.GET.get("type", ""), request.GET.get("status", "")
    unit_name = request.GET.get("unit_name", "").strip()[:100]
    if unit_name and not unit_id:  # a name picked from the suggestions is that unit
        unit_id = units.filter(name=unit_name).values_list("pk", flat=True).first()
    if unit_id:
        tables = tables.filter(project__unit_id=unit_id)
        unit_name = units.filter(pk=unit_id).values_list("name", flat=True).first() or ""
    elif unit_name:
        tables = tables.filter(project__unit__name__icontains=unit_name)
    if ptype:
        tables = tables.filter(project__type=ptype)
    if status in Status.values:
        tables = tables.filter(status=status)
    q = request.GET.get("q", "").strip()[:100]
    if q:
        tables = queries.search(tables, q)
    sort = request.GET.get("sort", queries.DEFAULT_SORT)
    field, descending = queries.sort_field(sort)
    totals, groups = queries.list_totals(tables, field, descending, searched=bool(q))
    # Page through ids only (a deep page sorts thousands of rows: keep them narrow), then load that page.
    # The pager's links carry a cursor (keyset: the rows after the last shown / before the first);
    # a page number alone (typed into the URL) is cut with OFFSET, from the nearer end of the list.
    page = Paginator(queries.FromNearerEnd(tables.order_by(*queries.ordering(sort)).values_list("id", flat=True),
                                           totals["count"], (field, descending), groups), PAGE_SIZE)
    page_obj = page.get_page(request.GET.get("page"))
    after, before = keyset.parse(request.GET.get("after")), keyset.parse(request.GET.get("before"))
    if after or before:
        ids = list(keyset.page_rows(tables, field, descending, after or before, forward=bool(after))
                   .values_list("id", flat=True)[:PAGE_SIZE])
        ids = ids if after else ids[::-1]
    else:
        ids = list(page_obj.object_list)
    by_id = visible.in_bulk(ids)  # the ids are of ``tables``: no need to filter (and search) again
    page_obj.object_list = [by_id[pk] for pk in ids]
    counts = dict(Indicator.objects.filter(table_id__in=[t.pk for t in page_obj]).values("table_id")
                  .annotate(n=Count("id")).values_list("table_id", "n"))
    for t in page_obj:
        t.indicator_count = counts.get(t.pk, 0)
    query = request.GET.copy()
    for key in ("page", "after", "before"):
        query.pop(key, None)
    links = {}
    if page_obj.object_list:
        links = {"prev_link": f"{query.urlencode()}&before={keyset.cursor(page_obj.object_list[0], field)}",
                 "next_link": f"{query.urlencode()}&after={keyset.cursor(page_obj.object_list[-1], field)}"}
    return render(request, "targets/table_list.html", {**links,
        "years": years, "year": year, "unit_options": unit_options,
        "unit_key": str(unit_id or ""), "unit_name": unit_name, "types": types, "statuses": Status.choices,
        "unit_id": unit_id, "ptype": ptype, "status": status, "totals": totals, "q": q,
        "columns": _sort_columns(query, sort),
        "page_obj": page_obj, "query": query.urlencode(), "can_import": access.can_import(request.user),
        "can_create": access.can_create(request.user),
    })


@dataclass
class SortColumn:
    key: str
    label: str
    url: str  # this list sorted by the column (the other way round when it is the current sort)
    direction: str  # 'ascending' / 'descending' when the list is sorted by it (aria-sort), else ''


def _sort_columns(query, sort: str) -> dict[str, SortColumn]:
    """Each sortable column's heading link, keeping the filters (and the search) in the URL."""
    current = sort if sort.removeprefix("-") in queries.SORTS else queries.DEFAULT_SORT
    columns = {}
    for key, (label, _) in queries.SORTS.items():
        direction = "" if current.removeprefix("-") != key else ("descending" if current.startswith("-") else "ascending")
        link = query.copy()
        link["sort"] = f"-{key}" if direction == "ascending" else key
        columns[key] = SortColumn(key, label, f"?{link.urlencode()}", direction)
    return columns


@login_required
def table_new(request):
    """新建目标表: blank, from last year's table (the library's 新建下一年度), or with the 指标库."""
    from jixiao.web.targets import creating

    if not access.can_create(request.user):
        raise PermissionDenied("您无权新建目标表")
    own = access.owned_tables(request.user)
    if request.method == "POST":
        form = creating.NewTableForm(request.POST, user=request.user)
        if form.is_valid() and (table := creating.create_blank(form, request.user)) is not None:
            messages.success(request, f"已新建“{table.project.name}”{table.year}年目标表（草稿），请填写绩效目标和指标。")
            return redirect("targets:edit", pk=table.pk)
    else:
        form = creating.NewTableForm(user=request.user, initial={"year": creating.default_year(own)})
    return render(request, "targets/table_new.html", {
        "form": form, "earlier": creating.earlier_projects(own), "problems": edit_problems(form, None),
    }, status=400 if form.errors else 200)


@login_required
def table_detail(request, pk: int):
    return detail_page(request, access.get_table_for_user(request.user, pk))


def detail_page(request, table: TargetTable, status: int = 200, **extra):
    """The table page; ``extra`` lets the review app show it again with what was typed (a refused save)."""
    stored = list(table.indicators.all())
    sheet = convert.core_table(table, stored)
    return render(request, "targets/table_detail.html", {
        "table": table, "t": sheet, "rows": layout.grid(sheet, stored), "can_edit": access.can_edit(request.user, table),
        "can_delete": access.can_delete(request.user, table), "declared_warnings": table.warnings, **extra,
    }, status=status)


@login_required
def table_delete(request, pk: int):
    """Confirm, then delete a draft table (the audit trail keeps its content)."""
    table = access.get_rw_table_for_user(request.user, pk)
    refusal = access.deletion_refusal(table)
    if refusal:
        raise PermissionDenied(refusal)
    if request.method == "POST":
        name, year = table.project.name, table.year
        delete_table(table, request.user)
        messages.success(request, f"已删除“{name}”{year}年目标表；删除前的内容记录在修改记录中。")
        return redirect(f"{reverse('targets:list')}?year={year}")
    return render(request, "targets/table_delete.html", {"table": table, "count": table.indicators.count()})


def _formset_initial(table: TargetTable) -> list[dict]:
    return [
        {"id": r.id, "category": r.category, "name": r.name, "period_target": r.period_text,
         "annual_target": r.annual_text, "ORDER": r.position, "level1": r.level1, "level2": r.level2,
         "entry_code": r.entry_code, "entry_version": r.entry_version}
        for r in table.indicators.all()
    ]


# The edit page's example of how a typed target value is read (explained by the same code as every row).
EXAMPLE = ("≥80%", explain_target(parse_target("≥80%")))


def _explained(formset) -> list[tuple]:
    """Each form with how its two targets are understood now (the same text the live check shows)."""
    out = []
    for form in formset.forms:
        value = lambda f: form[f].value() or ""  # noqa: E731
        category, name = value("category") or None, value("name")
        out.append((form, _explain(value("period_target"), category, name),
                    _explain(value("annual_target"), category, name)))
    return out


def _explain(text: str, category: str | None, name: str = "") -> dict:
    """How a target reads, and the strict review's findings on it beside its indicator's name."""
    text = (text or "").strip()
    if not text:
        return {"text": "", "warning": None, "findings": [], "level": ""}
    v = parse_target(text, category)
    findings = target_findings(name, text, category)
    # Words are never shown as "fine" (green): only the review can accept a qualitative target.
    level = findings[0].severity if findings else ("warn" if v.warning else "" if v.kind == "qualitative" else "ok")
    return {"text": explain_target(v), "warning": v.warning, "findings": findings, "level": level}


def row_id(form) -> str:
    """The id of an indicator form's row on the edit page (``ind-3-row``), where its errors are shown."""
    return f"{form.prefix}-row"


def edit_problems(form, formset=None) -> list[Problem]:
    """Every error of the edit page, for its summary: the field or row it concerns first, then why."""
    problems = [Problem(str(e)) for e in [*form.non_field_errors(), *(formset.non_form_errors() if formset else [])]]
    for name, errors in form.errors.items():
        if name != "__all__":
            problems += [Problem(f"{form.fields[name].label}：{e}", form[name].id_for_label) for e in errors]
    for n, row in enumerate(formset.forms if formset else [], 1):
        for name, errors in row.errors.items():
            where = f"第 {n} 行指标" + (f"“{row.subject}”" if row.subject != "新指标" else "")
            label = row.fields[name].label if name in row.fields else ""
            problems += [Problem(f"{where}{label and '的' + label}：{e}", row_id(row)) for e in errors]
    return problems


@login_required
def table_edit(request, pk: int):
    table = access.get_rw_table_for_user(request.user, pk)
    stale = None
    if request.method == "POST":
        form = TableForm(request.POST, initial=TableForm.initial_for(table))  # initial: the stored values stay choosable
        formset = IndicatorFormSet(request.POST, prefix="ind")
        if form.is_valid() and formset.is_valid():
            deleted = {f.cleaned_data["id"] for f in formset.deleted_forms if f.cleaned_data.get("id")}
            rows = [f.cleaned_data for f in formset.ordered_forms if f.cleaned_data.get("name")]
            try:
                save_edit(table, form.cleaned_data, rows, deleted, request.user)
            except StaleVersion as e:
                stale = e.table
            else:
                messages.success(request, "已保存。")
                return redirect("targets:detail", pk=table.pk)
    else:
        form = TableForm(initial=TableForm.initial_for(table))
        formset = IndicatorFormSet(initial=_formset_initial(table), prefix="ind")
    problems = edit_problems(form, formset) if request.method == "POST" else []
    return render(request, "targets/table_edit.html", {
        "table": table, "form": form, "formset": formset, "rows": _explained(formset), "stale": stale,
        "categories": CATEGORY_LABELS, "problems": problems, "focus": bool(problems), "example": EXAMPLE,
        "heading": NOT_SAVED,
    }, status=409 if stale else (400 if problems else 200))


HISTORY_LIMIT = 500


@login_required
def table_history(request, pk: int):
    """修改记录: the audit trail of one table (its indicators, monitoring, evaluation and workflow)."""
    table = access.get_table_for_user(request.user, pk)
    entries = AuditEntry.objects.filter(table_id=table.pk).select_related("user")[:HISTORY_LIMIT]
    since = request.GET.get("since")
    return render(request, "audit/table_history.html", {
        "table": table, "entries": entries, "since": parse_int(since),
    })


@login_required
@require_GET
def check_target(request):
    """Live check of one target as typed: how the grammar understands it and what the strict review
    finds in it beside the indicator's name (htmx fragment)."""
    text = next((v for k, v in request.GET.items() if k.endswith("target") or k == "text"), "")
    category = next((v for k, v in request.GET.items() if k.endswith("category")), "") or None
    name = next((v for k, v in request.GET.items() if k.endswith("-name") or k == "name"), "")
    return render(request, "targets/_explain.html", {"explain": _explain(text, category, name)})


@login_required
def upload(request):
    from jixiao.web.targets import uploads

    if not access.can_import(request.user):
        raise PermissionDenied("您无权导入目标表")
    if request.method == "POST" and "confirm" in request.POST:
        return uploads.confirm(request)
    if request.method == "POST":
        return uploads.preview(request)
    return render(request, "targets/upload.html", {})


@login_required
@require_POST
def upload_cancel(request):
    from jixiao.web.targets import uploads

    uploads.discard(request)
    return redirect(reverse("targets:upload"))
