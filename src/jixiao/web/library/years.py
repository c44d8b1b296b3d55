"""Year on year: one project's years side by side, same-project candidates to confirm, next year's table."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from jixiao.core.library.yearly import CHANGE_LABELS, budget_change, compare_years, next_year_table, same_project
from jixiao.web.library.convert import core_library, project_record
from jixiao.web.library.models import Entry, ProjectLink
from jixiao.web.targets import access as table_access
from jixiao.web.targets import importer
from jixiao.web.targets.models import Project, TargetTable
from jixiao.web.workflow import owns


def _project(user, pk: int) -> Project:
    tables = table_access.visible_tables(user).filter(project_id=pk)
    table = tables.select_related("project__unit").first()
    if table is None:
        raise Http404("没有这个项目，或您无权查看")
    return table.project


def linked_projects(project: Project) -> list[Project]:
    """The project and the earlier projects people confirmed to be the same one (transitively)."""
    found, todo = [project], [project.pk]
    while todo:
        pk = todo.pop()
        for link in ProjectLink.objects.filter(project_id=pk).select_related("earlier"):
            if link.earlier not in found:
                found.append(link.earlier)
                todo.append(link.earlier_id)
    return found


def _candidates(project: Project, linked: list[Project]):
    others = Project.objects.filter(unit_id=project.unit_id).exclude(pk__in=[p.pk for p in linked])
    matches = same_project(project.name, project.unit.name, "", [(p, p.name, project.unit.name, "") for p in others])
    return [m.key for m in matches]


@login_required
def project_years(request, pk: int):
    project = _project(request.user, pk)
    linked = linked_projects(project)
    tables = (TargetTable.objects.filter(project__in=linked).select_related("project__unit")
              .prefetch_related("indicators").order_by("year"))  # fmt: skip
    records = [project_record(t) for t in tables]
    library = core_library(Entry.objects.exclude(status="retired"))
    yoy = compare_years(records, library)
    years = []
    for n, year in enumerate(yoy.years):
        record = yoy.records[year]
        before = yoy.records[yoy.years[n - 1]] if n else None
        table = next(t for t in tables if t.year == year)
        years.append({
            "year": year, "record": record, "table": table,
            "budget_change": budget_change(before.table.budget, record.table.budget) if before else None,
            "changes": len(yoy.changes(year)) if n else 0,
        })  # fmt: skip
    may_act = owns(request.user, project.unit_id)
    latest = records[-1] if records else None
    return render(request, "library/years.html", {
        "project": project, "yoy": yoy, "years": years, "labels": CHANGE_LABELS,
        "candidates": _candidates(project, linked) if may_act else [],
        "may_act": may_act, "next_year": latest.year + 1 if latest else None,
        "next_exists": latest is not None and TargetTable.objects.filter(project=project, year=latest.year + 1).exists(),
    })  # fmt: skip


@login_required
@require_POST
def confirm_same_project(request, pk: int):
    project = _project(request.user, pk)
    if not owns(request.user, project.unit_id):
        raise PermissionDenied("只有本单位可以确认")
    earlier = Project.objects.filter(pk=request.POST.get("earlier"), unit_id=project.unit_id).first()
    if earlier is None or earlier.pk == project.pk:
        raise Http404("没有这个项目")
    ProjectLink.objects.get_or_create(project=project, earlier=earlier, defaults={"confirmed_by": request.user})
    messages.success(request, f"已确认“{earlier.name}”与“{project.name}”为同一项目，跨年度对比已合并。")
    return redirect("library:years", pk=project.pk)


@login_required
@require_POST
def next_year(request, pk: int):
    """新建下一年度目标表: last year's table copied as a draft for the next year."""
    project = _project(request.user, pk)
    if not owns(request.user, project.unit_id):
        raise PermissionDenied("只有本单位可以新建目标表")
    latest = TargetTable.objects.filter(project=project).order_by("-year").first()
    with transaction.atomic():
        table, _ = next_year_table(project_record(latest))
        if TargetTable.objects.filter(project=project, year=table.year).exists():
            messages.error(request, f"{table.year}年目标表已存在。")
            return redirect("library:years", pk=project.pk)
        importer.store([table], user=request.user, source=f"由{latest.year}年目标表复制")
    created = TargetTable.objects.get(project=project, year=table.year)
    messages.success(request, f"已新建{table.year}年目标表（草稿），指标和指标值复制自{latest.year}年；下表列出{latest.year}年实际完成值供参考。")
    return redirect(f"{reverse('library:years', args=[project.pk])}?new={created.pk}")
