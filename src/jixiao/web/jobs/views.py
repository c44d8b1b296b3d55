from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponseForbidden, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from jixiao.core.numbers import parse_int
from jixiao.web.accounts.models import Role, Unit, role_of
from jixiao.web.documents.files import disposition
from jixiao.web.jobs import exports, imports, running, unit_check
from jixiao.web.jobs.access import get_job_for_user, unit_for_job, visible_jobs
from jixiao.web.jobs.models import Job, JobStatus, Kind
from jixiao.web.library import access as library_access
from jixiao.web.workflow import Status, acts_for_a_unit

EXPORT_KINDS = {"xlsx": Kind.EXPORT_XLSX, "pdf-zip": Kind.EXPORT_PDF_ZIP}


@login_required
@require_GET
def job_list(request):
    page = Paginator(visible_jobs(request.user), 50).get_page(request.GET.get("page"))
    return render(request, "jobs/list.html", {"page": page, "is_admin": role_of(request.user) == Role.ADMIN})


@login_required
@require_GET
def job_detail(request, pk: int):
    job = get_job_for_user(request.user, pk)
    return render(request, "jobs/detail.html", {"job": job, "params": _params(job)})


def _params(job: Job) -> list[tuple[str, str]]:
    labels = {"year": "预算年度", "department": "主管部门", "unit": "用款单位", "type": "项目类型",
              "status": "状态", "name": "文件"}
    shown = []
    for key, label in labels.items():
        value = job.params.get(key)
        if value:
            shown.append((label, Status(value).label if key == "status" else str(value)))
    return shown


def state(job: Job) -> dict:
    """What the page's progress bar polls for."""
    return {
        "status": job.status, "label": job.get_status_display(), "done": job.done, "total": job.total,
        "measure": job.measure,
        "percent": job.percent, "finished": job.finished, "error": job.error,
        "download": reverse("jobs:download", args=[job.pk]) if job.status == JobStatus.DONE else None,
    }


@login_required
@require_GET
def job_state(request, pk: int):
    return JsonResponse(state(get_job_for_user(request.user, pk)))


@login_required
@require_POST
def job_cancel(request, pk: int):
    job = get_job_for_user(request.user, pk)
    running.cancel(job)
    return redirect("jobs:detail", pk=job.pk)


@login_required
@require_GET
def job_download(request, pk: int):
    job = get_job_for_user(request.user, pk)
    path = running.result_path(job) if job.status == JobStatus.DONE and job.result_file else None
    if path is None or not path.is_file():
        raise Http404("结果文件已不存在（保存期限已过），请重新运行")
    response = FileResponse(open(path, "rb"), content_type="application/octet-stream")
    response["Content-Disposition"] = disposition(job.result_name, f"job-{job.pk}{path.suffix}")
    return response


def _start(request, kind: str, params: dict, description: str):
    job = running.enqueue(running.create(kind, user=request.user, params=params, description=description))
    return redirect("jobs:detail", pk=job.pk)


@login_required
@require_POST
def start_export(request):
    kind = EXPORT_KINDS.get(request.POST.get("format", ""))
    year = parse_int(request.POST.get("year"))
    if kind is None or year is None:
        raise Http404("请选择预算年度和导出格式")
    params = {"year": year}
    unit_id = parse_int(request.POST.get("unit"))
    if unit_id:
        params["unit"] = Unit.objects.filter(pk=unit_id).values_list("name", flat=True).first() or ""
    if request.POST.get("type"):
        params["type"] = request.POST["type"]
    if request.POST.get("status") in Status.values:
        params["status"] = request.POST["status"]
    if not exports.selected_tables(params, request.user).exists():
        raise Http404("没有可导出的目标表，或您无权查看")
    return _start(request, kind, params, exports.title(params))


@login_required
@require_POST
def start_import(request):
    if not acts_for_a_unit(request.user):
        return HttpResponseForbidden("只有单位填报人员和系统管理员可以导入目标表")
    upload = request.FILES.get("file")
    if upload is None:
        messages.error(request, "没有导入：请选择要导入的文件")
        return redirect("targets:upload")
    stored = imports.keep_upload(upload.name, upload.chunks())
    return _start(request, Kind.IMPORT, {"stored": stored, "name": upload.name}, upload.name)


@login_required
@require_POST
def start_backup(request):
    if role_of(request.user) != Role.ADMIN:
        return HttpResponseForbidden("只有系统管理员可以备份数据库")
    return _start(request, Kind.BACKUP, {}, "全部数据")


@login_required
@require_POST
def start_library(request):
    if not library_access.can_edit(request.user):
        return HttpResponseForbidden("只有系统管理员可以整理指标库")
    return _start(request, Kind.LIBRARY, {}, "从全部目标表整理")


@login_required
@require_POST
def start_unit_check(request):
    unit = unit_for_job(request.user, parse_int(request.POST.get("unit")))
    year = parse_int(request.POST.get("year"))
    if year is None:
        raise Http404("请选择预算年度")
    params = {"unit": unit.name, "year": year}
    return _start(request, Kind.UNIT_CHECK, params, unit_check.title(params))
