"""Pages of the review workflow: queue, to-do list, transitions, approved versions, review report.

Every reviewed kind has its transitions under ``<prefix>/<pk>/``: ``tables/`` for target tables,
``monitoring/`` and ``evaluation/`` for reports and evaluations (``pk`` is the record's own id).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Exists, F, OuterRef
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from jixiao.core.numbers import parse_int
from jixiao.core.review import SEVERITY_LABELS
from jixiao.web import concurrency
from jixiao.web.review import access, reports, services, subjects
from jixiao.web.review.models import Kind, Notification, Step, Transition
from jixiao.web.targets import access as table_access
from jixiao.web.targets.models import TargetTable
from jixiao.web.targets.views import detail_page
from jixiao.web.workflow import Status, reads_all


def _run(request, target, action, ok_message: str):
    """Do ``action`` and go back to the page of ``target`` (a table, or a report's subject)."""
    try:
        action()
    except services.WorkflowError as e:
        messages.error(request, str(e))
    else:
        messages.success(request, ok_message)
    return redirect(subjects.of(target).url())


QUEUE_PAGE = 50
INBOX_SHOWN = 50


def _findings_counts(tables) -> dict[int, dict]:
    """Findings by severity of each of ``tables`` (a page of them)."""
    found = services.findings_of_tables(
        TargetTable.objects.filter(pk__in=[t.pk for t in tables]).select_related("project__unit__department"))
    return {pk: {s: sum(f.severity == s for f in findings) for s in SEVERITY_LABELS} for pk, findings in found.items()}


def _earliest_submitted(visible, limit: int) -> list[tuple]:
    """(submitted at or None, subject) of the ``limit`` earliest submissions of each kind, in time order
    (none last): enough to cut any page up to the ``limit``-th item without reading the whole queue."""
    # Tables from their submissions, oldest first (transition_submitted_at), each at its latest one;
    # then the submitted tables no submission was recorded for, by id: never the whole queue sorted.
    submitted = visible.filter(status=Status.SUBMITTED)
    later = Transition.objects.filter(table=OuterRef("table"), subject_kind=Kind.TABLE, step=Step.SUBMIT,
                                      at__gt=OuterRef("at"))
    queued = list(Transition.objects.filter(subject_kind=Kind.TABLE, step=Step.SUBMIT,
                                            table__in=submitted.order_by().values("pk"))
                  .exclude(Exists(later)).order_by("at", "table_id").values_list("table_id", "at")[:limit])
    if len(queued) < limit:
        recorded = Transition.objects.filter(table=OuterRef("pk"), subject_kind=Kind.TABLE, step=Step.SUBMIT)
        queued += [(pk, None) for pk in submitted.exclude(Exists(recorded)).order_by("pk")
                   .values_list("pk", flat=True)[:limit - len(queued)]]
    tables = submitted.in_bulk([pk for pk, _ in queued])
    found = [(at, subjects.of(tables[pk])) for pk, at in queued if pk in tables]
    for spec in subjects.report_kinds():
        rows = (spec.model.objects.filter(status=Status.SUBMITTED).select_related("table__project__unit__department")
                .order_by(F("submitted_at").asc(nulls_last=True), "pk")[:limit])
        found += [(r.submitted_at, subjects.of(r)) for r in rows]
    found.sort(key=lambda f: (f[0] is None, f[0] or 0))
    return found


@dataclass
class QueueItem:
    subject: subjects.Subject
    submitted: Transition | None
    counts: dict | None  # findings by severity, for a table


@login_required
def queue(request):
    """待审核: submitted tables, monitoring reports and evaluations of every unit, oldest submission first,
    a page at a time (counted by the partial indexes on statuses waiting for action)."""
    if not reads_all(request.user):
        raise PermissionDenied("只有财政审核人员可以查看审核队列")
    visible = table_access.visible_tables(request.user)
    total = visible.filter(status=Status.SUBMITTED).count() + subjects.count_reports(None, Status.SUBMITTED)
    page = Paginator(range(total), QUEUE_PAGE).get_page(request.GET.get("page"))
    found = [s for _, s in _earliest_submitted(visible, page.end_index())[page.start_index() - 1:page.end_index()]]
    submitted = {}
    for t in Transition.objects.filter(table__in={s.table.pk for s in found}, step="submit").select_related("user"):
        submitted.setdefault((t.table_id, t.subject_kind, t.subject_id), t)  # newest first
    counts = _findings_counts([s.table for s in found if s.is_table])
    page.object_list = [QueueItem(s, submitted.get((s.table.pk, s.kind, s.subject_id)),
                                  counts.get(s.table.pk) if s.is_table else None) for s in found]
    return render(request, "review/queue.html", {
        "items": page.object_list, "page": page, "severities": SEVERITY_LABELS,
    })


@login_required
def inbox(request):
    """待办事项: what needs my action, then my notifications."""
    visible = table_access.visible_tables(request.user)
    if reads_all(request.user):
        status, todo_title = Status.SUBMITTED, "待审核的目标表"
    else:
        status, todo_title = Status.RETURNED, "已退回、待修改后重新提交的目标表"
    todo = visible.filter(status=status)
    # At most INBOX_SHOWN of each, by project name, and how many there are (a reviewer's queue may be long).
    everyone = None if reads_all(request.user) else visible
    reports = sorted(subjects.reports_with_status(everyone, status, first=INBOX_SHOWN),
                     key=lambda s: (s.table.project.name, s.kind))[:INBOX_SHOWN]
    notes = Notification.objects.filter(recipient=request.user).select_related("table__project")[:200]
    return render(request, "review/inbox.html", {
        "todo": todo.order_by("project__name", "pk")[:INBOX_SHOWN], "todo_count": todo.count(), "todo_title": todo_title,
        "notifications": notes, "todo_reports": reports, "reports_count": subjects.count_reports(everyone, status),
        "shown": INBOX_SHOWN, "can_queue": everyone is None, "reports_title": "待审核的运行监控报告和绩效自评" if status == Status.SUBMITTED
        else "已退回、待修改后重新提交的运行监控报告和绩效自评",
        "unread": services.unread(request.user).count(),
    })


@login_required
def open_notification(request, pk: int):
    note = access.get_notification_for_user(request.user, pk)
    if note.read_at is None:
        note.read_at = timezone.now()
        note.save(update_fields=["read_at"])
    subject = subjects.of_row(note)
    return redirect(subject.url() if subject else reverse("targets:detail", args=[note.table_id]))


@login_required
@require_POST
def read_all(request):
    services.unread(request.user).update(read_at=timezone.now())
    return redirect("review:inbox")


@login_required
@require_POST
def explain(request, pk: int):
    """Save 情况说明 (one textarea per warning, named ``explain-<finding key>``), then maybe submit."""
    table = access.get_subject_for(request.user, Kind.TABLE, pk, "explain").obj
    texts = {k.removeprefix("explain-"): v for k, v in request.POST.items() if k.startswith("explain-")}
    opened = {k.removeprefix("version-"): parse_int(v) or 0 for k, v in request.POST.items() if k.startswith("version-")}
    try:
        services.save_explanations(table, request.user, texts, opened or None)
    except concurrency.StaleSave as e:
        return detail_page(request, table, status=409, stale=e.current, typed_explanations=texts)
    if "submit" not in request.POST:
        messages.success(request, "情况说明已保存。")
        return redirect(subjects.of(table).url())
    return _run(request, table, lambda: services.submit(table, request.user), "已提交审核。")


def _indicator(subject, request):
    pk = parse_int(request.POST.get("indicator"))
    return subject.table.indicators.filter(pk=pk).first() if pk else None


# One view per transition for every kind: ``kind`` comes from the URL (tables/, monitoring/, evaluation/),
# ``pk`` is the record's own id.

@login_required
@require_POST
def comment(request, kind: str, pk: int):
    """审核意见 on a record, or on one of its indicators."""
    subject = access.get_subject_for(request.user, kind, pk, "comment")
    return _run(request, subject, lambda: services.add_comment(
        subject, request.user, request.POST.get("text", ""), _indicator(subject, request)), "审核意见已添加。")


@login_required
@require_POST
def return_subject(request, kind: str, pk: int):
    subject = access.get_subject_for(request.user, kind, pk, "return")
    return _run(request, subject, lambda: services.return_table(
        subject, request.user, request.POST.get("text", ""), _indicator(subject, request)), "已退回单位修改。")


@login_required
@require_POST
def approve(request, kind: str, pk: int):
    subject = access.get_subject_for(request.user, kind, pk, "approve")
    return _run(request, subject, lambda: services.approve(subject, request.user, request.POST.get("text", "")),
                f"已审核通过，{subject.label}已锁定。")


@login_required
@require_POST
def new_version(request, kind: str, pk: int):
    subject = access.get_subject_for(request.user, kind, pk, "new_version")
    return _run(request, subject, lambda: services.new_version(subject, request.user),
                f"已创建新版本（草稿），可以修改；审核通过的{subject.label}仍可查看。")


@login_required
@require_POST
def reply(request, pk: int):
    """Reply under a 审核意见 of a table, monitoring report or evaluation."""
    comment, subject = access.get_comment_for_reply(request.user, pk)
    return _run(request, subject, lambda: services.reply(comment, subject, request.user, request.POST.get("text", "")),
                "回复已发送。")


@login_required
def version_detail(request, pk: int):
    version = access.get_version_for_user(request.user, pk)
    template, context = subjects.KINDS[version.subject_kind].version_page(version)
    return render(request, template, {"version": version, "table": version.table, **context})


@login_required
def report(request):
    """审核报告 per unit and year: every table's status and findings, counts by severity and rule."""
    unit = access.report_unit_for(request.user, parse_int(request.GET.get("unit")))
    visible = table_access.visible_tables(request.user)
    units = reports.units_of(visible)
    years = sorted(visible.values_list("year", flat=True).distinct().order_by(), reverse=True)
    year = parse_int(request.GET.get("year")) or (years[0] if years else None)
    if unit is None and len(units) == 1:
        unit = units[0]
    data = reports.unit_report(visible, unit, year) if unit and year else None
    return render(request, "review/report.html", {
        "unit": unit, "year": year, "units": units, "years": years, "report": data,
        "severities": SEVERITY_LABELS,
    })
