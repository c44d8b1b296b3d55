"""Pages of the review workflow: queue, to-do list, transitions, approved versions, review report."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from jixiao.core.review import SEVERITY_LABELS
from jixiao.web.review import access, reports, services
from jixiao.web.review.models import Notification, Transition
from jixiao.web.targets import access as table_access
from jixiao.web.targets.models import Status


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _back(table):
    return redirect("targets:detail", pk=table.pk)


def _run(request, table, action, ok_message: str):
    try:
        action()
    except services.WorkflowError as e:
        messages.error(request, str(e))
    else:
        messages.success(request, ok_message)
    return _back(table)


def _rows_with_counts(tables):
    """(table, counts by severity) for a queryset: two queries, each table reviewed once."""
    tables = tables.select_related("project__unit__department").prefetch_related("indicators")
    rows = []
    for t in tables.order_by("project__unit__name", "project__name", "year"):
        findings = services.findings_of(t, list(t.indicators.all()))
        rows.append((t, {s: sum(f.severity == s for f in findings) for s in SEVERITY_LABELS}))
    return rows


@login_required
def queue(request):
    """待审核: submitted tables of every unit, oldest submission first."""
    if not access.is_reviewer(request.user):
        raise PermissionDenied("只有财政审核人员可以查看审核队列")
    tables = table_access.visible_tables(request.user).filter(status=Status.SUBMITTED)
    rows = _rows_with_counts(tables)
    submitted = {}
    for t in Transition.objects.filter(table__in=[t for t, _ in rows], step="submit").select_related("user"):
        submitted.setdefault(t.table_id, t)  # newest first
    rows = sorted(rows, key=lambda r: submitted[r[0].id].at if r[0].id in submitted else timezone.now())
    return render(request, "review/queue.html", {
        "rows": [(t, c, submitted.get(t.id)) for t, c in rows], "severities": SEVERITY_LABELS,
    })


@login_required
def inbox(request):
    """待办事项: what needs my action, then my notifications."""
    visible = table_access.visible_tables(request.user)
    if access.is_reviewer(request.user):
        todo, todo_title = visible.filter(status=Status.SUBMITTED), "待审核的目标表"
    else:
        todo, todo_title = visible.filter(status=Status.RETURNED), "已退回、待修改后重新提交的目标表"
    notes = Notification.objects.filter(recipient=request.user).select_related("table__project")[:200]
    return render(request, "review/inbox.html", {
        "todo": todo.order_by("project__name"), "todo_title": todo_title, "notifications": notes,
        "unread": services.unread(request.user).count(),
    })


@login_required
def open_notification(request, pk: int):
    note = access.get_notification_for_user(request.user, pk)
    if note.read_at is None:
        note.read_at = timezone.now()
        note.save(update_fields=["read_at"])
    return redirect("targets:detail", pk=note.table_id)


@login_required
@require_POST
def read_all(request):
    services.unread(request.user).update(read_at=timezone.now())
    return redirect("review:inbox")


@login_required
@require_POST
def explain(request, pk: int):
    """Save 情况说明 (one textarea per warning, named ``explain-<finding key>``), then maybe submit."""
    table = access.get_table_for(request.user, pk, "explain")
    texts = {k.removeprefix("explain-"): v for k, v in request.POST.items() if k.startswith("explain-")}
    services.save_explanations(table, request.user, texts)
    if "submit" not in request.POST:
        messages.success(request, "情况说明已保存。")
        return _back(table)
    return _run(request, table, lambda: services.submit(table, request.user), "已提交审核。")


def _indicator(table, request):
    pk = _int(request.POST.get("indicator"))
    return table.indicators.filter(pk=pk).first() if pk else None


@login_required
@require_POST
def comment(request, pk: int):
    table = access.get_table_for(request.user, pk, "comment")
    return _run(request, table, lambda: services.add_comment(
        table, request.user, request.POST.get("text", ""), _indicator(table, request)), "审核意见已添加。")


@login_required
@require_POST
def return_table(request, pk: int):
    table = access.get_table_for(request.user, pk, "return")
    return _run(request, table, lambda: services.return_table(
        table, request.user, request.POST.get("text", ""), _indicator(table, request)), "已退回单位修改。")


@login_required
@require_POST
def approve(request, pk: int):
    table = access.get_table_for(request.user, pk, "approve")
    return _run(request, table, lambda: services.approve(table, request.user, request.POST.get("text", "")),
                "已审核通过，目标表已锁定。")


@login_required
@require_POST
def new_version(request, pk: int):
    table = access.get_table_for(request.user, pk, "new_version")
    return _run(request, table, lambda: services.new_version(table, request.user),
                "已创建新版本（草稿），可以修改；审核通过的版本仍可查看。")


@login_required
def version_detail(request, pk: int):
    version = access.get_version_for_user(request.user, pk)
    return render(request, "review/version_detail.html", {
        "version": version, "table": version.table, "t": version.snapshot,
        "severities": SEVERITY_LABELS,
    })


@login_required
def report(request):
    """审核报告 per unit and year: every table's status and findings, counts by severity and rule."""
    unit = access.report_unit_for(request.user, _int(request.GET.get("unit")))
    visible = table_access.visible_tables(request.user)
    units = reports.units_of(visible)
    years = sorted(visible.values_list("year", flat=True).distinct().order_by(), reverse=True)
    year = _int(request.GET.get("year")) or (years[0] if years else None)
    if unit is None and len(units) == 1:
        unit = units[0]
    data = reports.unit_report(visible, unit, year) if unit and year else None
    return render(request, "review/report.html", {
        "unit": unit, "year": year, "units": units, "years": years, "report": data,
        "severities": SEVERITY_LABELS,
    })
