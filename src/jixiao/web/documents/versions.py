"""An approved version's frozen copy as a file: a target table (.xlsx / .pdf / .json) or a 运行监控表
(.xlsx / .pdf), written from the snapshot, so the file shows what was approved however the live
record has changed since."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.views.decorators.http import require_GET

from jixiao.core.jsonio import table_from_dict
from jixiao.core.monitoring_report import monitoring_report
from jixiao.web.documents.files import attachment
from jixiao.web.documents.reports import REPORT_FORMATS, write_report
from jixiao.web.documents.views import TABLE_FORMATS, write_tables
from jixiao.web.review import access
from jixiao.web.review.models import Kind
from jixiao.web.workflow import Status


@login_required
@require_GET
def version_file(request, pk: int, fmt: str):
    version = access.get_version_for_user(request.user, pk)
    suffix = f"（第{version.number}版）"
    if version.subject_kind == Kind.TABLE and fmt in TABLE_FORMATS:
        core = table_from_dict(version.snapshot)
        name = f"{core.name}（{core.year}年）项目绩效目标表{suffix}"
        return attachment(lambda buf: write_tables([core], fmt, buf, unit=core.unit, year=core.year,
                                                   statuses=[Status.APPROVED.label]),
                          fmt, name, f"version-{version.pk}")
    if version.subject_kind == Kind.MONITORING and fmt in REPORT_FORMATS:
        data = version.snapshot["report"]
        name = f"{data['project']}运行监控表（截至{data['cutoff']}）{suffix}"
        return attachment(write_report(monitoring_report(data), fmt), fmt, name, f"version-{version.pk}")
    raise Http404("这个版本没有这种格式的文件")
