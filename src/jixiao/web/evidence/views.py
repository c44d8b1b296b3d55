"""Pages of the 佐证记录: the list, a record with its attachments, the record form, and an indicator's
actual with the records behind it (opened from monitoring, self-evaluation and the score)."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from jixiao.core.library.evidence import KIND_LABELS, SUBTYPES
from jixiao.core.numbers import parse_int
from jixiao.web.evidence import access, actuals, files
from jixiao.web.evidence.forms import LinkForm, RecordForm
from jixiao.web.evidence.models import Attachment, Link, Record
from jixiao.web.targets.access import get_table_for_user
from jixiao.web.targets.models import Indicator
from jixiao.web.targets.queries import listable
from jixiao.web.workflow import owns, reads_all

SUBTYPE_CHOICES = sorted({s for kinds in SUBTYPES.values() for s in kinds})



@login_required
def record_list(request):
    records = access.visible_records(request.user)
    years = sorted({d.year for d in records.dates("day", "year")}, reverse=True)
    year = parse_int(request.GET.get("year")) or (years[0] if years else date.today().year)
    kind = request.GET.get("kind", "")
    project = parse_int(request.GET.get("project"))
    records = records.filter(day__year=year).prefetch_related("attachments")
    if kind in KIND_LABELS:
        records = records.filter(kind=kind)
    if project:
        records = records.filter(project_id=project)
    project_name = request.GET.get("project_name", "").strip()[:100]
    if project_name and not project:
        records = records.filter(project__name__icontains=project_name)
    # A few projects are listed; more (a reviewer's province) are searched by name on the server.
    projects = listable(access.visible_projects(request.user).order_by("unit__name", "name"))
    return render(request, "evidence/list.html", {
        "records": records, "years": years, "year": year, "kind": kind, "kinds": KIND_LABELS, "project": project,
        "projects": projects, "project_name": project_name,
        "can_add": access.own_projects(request.user).exists(), "reads_all": reads_all(request.user),
    })


def _save_attachments(request, record: Record, uploads) -> None:
    """Store every upload or none: raises AttachmentRefused before writing anything, and removes the
    files already written if the database refuses a row (the caller's transaction rolls back)."""
    checked = [files.check(u.name, u.read()) for u in uploads]
    written = []
    try:
        for c in checked:
            written.append(files.store(c))
            Attachment.objects.create(record=record, name=c.name, content_type=c.content_type, size=len(c.data),
                                      stored_as=written[-1], uploaded_by=request.user)
    except Exception:
        for name in written:
            files.remove(name)
        raise


def _record_form(request, record: Record | None):
    projects = access.own_projects(request.user).order_by("name")
    if not projects.exists():
        raise PermissionDenied("只有单位人员可以登记佐证记录")
    initial = {"day": date.today(), **{k: request.GET[k] for k in ("project", "kind", "subtype") if request.GET.get(k)}}
    if "project" not in initial and projects.count() == 1:
        initial["project"] = projects.get().pk
    form = RecordForm(request.POST or None, instance=record, projects=projects, initial=initial)
    error = ""
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                saved = form.save(commit=False)
                if record is None:
                    saved.created_by = request.user
                saved.save()
                _save_attachments(request, saved, request.FILES.getlist("files"))
        except files.AttachmentRefused as refused:
            error = f"没有保存：{refused}。"
        else:
            messages.success(request, "佐证记录已保存。")
            return redirect("evidence:detail", pk=saved.pk)
    return render(request, "evidence/form.html", {
        "form": form, "record": record, "error": error, "subtypes": SUBTYPE_CHOICES,
        "accepted": files.ACCEPTED_TEXT, "max_mb": files.max_bytes() // 1024 // 1024,
    }, status=400 if request.method == "POST" else 200)


@login_required
def record_new(request):
    return _record_form(request, None)


@login_required
def record_edit(request, pk: int):
    return _record_form(request, access.get_record(request.user, pk, write=True))


@login_required
def record_detail(request, pk: int):
    record = access.get_record(request.user, pk)
    return render(request, "evidence/detail.html", {
        "record": record, "attachments": record.attachments.all(),
        "can_edit": access.can_record(request.user, record.project),
        "accepted": files.ACCEPTED_TEXT, "max_mb": files.max_bytes() // 1024 // 1024,
    })


@require_POST
@login_required
def record_delete(request, pk: int):
    record = access.get_record(request.user, pk, write=True)
    stored = list(record.attachments.values_list("stored_as", flat=True))
    with transaction.atomic():
        record.delete()
    for name in stored:
        files.remove(name)
    messages.success(request, f"已删除佐证记录“{record.title}”。")
    return redirect("evidence:list")


@require_POST
@login_required
def attachment_add(request, pk: int):
    record = access.get_record(request.user, pk, write=True)
    uploads = request.FILES.getlist("files")
    if not uploads:
        messages.error(request, "请选择要上传的附件。")
    else:
        try:
            with transaction.atomic():
                _save_attachments(request, record, uploads)
        except files.AttachmentRefused as refused:
            messages.error(request, f"没有上传：{refused}。")
        else:
            messages.success(request, f"已上传 {len(uploads)} 个附件。")
    return redirect("evidence:detail", pk=record.pk)


@require_POST
@login_required
def attachment_delete(request, pk: int):
    attachment = access.get_attachment(request.user, pk)
    access.get_record(request.user, attachment.record_id, write=True)
    attachment.delete()
    files.remove(attachment.stored_as)
    messages.success(request, f"已删除附件“{attachment.name}”。")
    return redirect("evidence:detail", pk=attachment.record_id)


@login_required
def attachment_download(request, pk: int):
    attachment = access.get_attachment(request.user, pk)
    path = files.path_of(attachment.stored_as)
    if not path.is_file():
        raise Http404("附件文件已不存在，请联系管理员")
    inline = attachment.content_type.startswith("image/") or attachment.content_type == "application/pdf"
    response = FileResponse(path.open("rb"), content_type=attachment.content_type, as_attachment=not inline,
                            filename=attachment.name)
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _until(request, year: int) -> date | None:
    try:
        until = date.fromisoformat(request.GET.get("until", ""))
    except ValueError:
        return None
    return until if until.year == year else None


@login_required
def indicator_evidence(request, pk: int):
    """The indicator's link to records (set by the unit), its actual and the records behind it."""
    try:
        indicator = Indicator.objects.select_related("table__project").get(pk=pk)
    except Indicator.DoesNotExist:
        raise Http404("没有这个指标") from None
    table = get_table_for_user(request.user, indicator.table_id)
    can_link = owns(request.user, table.project.unit_id)
    link = Link.objects.filter(indicator=indicator).first()
    form = LinkForm(request.POST or None, instance=link)
    if request.method == "POST":
        if not can_link:
            raise PermissionDenied("只有本单位人员可以设置指标的取值来源")
        if "unlink" in request.POST and link is not None:
            link.delete()
            messages.success(request, "已取消从佐证记录取值，实际完成值改为手工填报。")
            return redirect("evidence:indicator", pk=indicator.pk)
        if form.is_valid():
            saved = form.save(commit=False)
            saved.indicator, saved.created_by = indicator, request.user
            saved.save()
            messages.success(request, f"已设置：实际完成值取{saved.describe()}。")
            return redirect("evidence:indicator", pk=indicator.pk)
    until = _until(request, table.year)
    linked = actuals.actual_of(link, until) if link else None
    return render(request, "evidence/indicator.html", {
        "indicator": indicator, "table": table, "link": link, "linked": linked, "form": form, "can_link": can_link,
        "records": actuals.records_of(link, until).prefetch_related("attachments") if link else [],
        "subtypes": SUBTYPE_CHOICES, "until": until,
        "new_url": f"{reverse('evidence:new')}?project={table.project_id}"
                   + (f"&kind={link.kind}&subtype={link.subtype}" if link else ""),
    }, status=400 if request.method == "POST" else 200)
