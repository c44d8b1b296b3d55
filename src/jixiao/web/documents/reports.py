"""审核报告 of a unit and year, and 运行监控表 of a table at a cut-off, as .xlsx / .pdf downloads.

The pages' data (``review.reports.unit_report``, ``monitoring.sheet.report_data``) laid out by the
core (``core.review.report``, ``core.monitoring_report``) and written by the core writers.
"""

from __future__ import annotations

from datetime import date

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.views.decorators.http import require_GET

from jixiao.core.monitoring_report import monitoring_report
from jixiao.core.numbers import parse_int
from jixiao.core.review.report import ReviewedTable, review_report
from jixiao.web.documents.files import attachment
from jixiao.web.monitoring import access as monitoring_access, scoring, sheet
from jixiao.web.review import access as review_access, reports
from jixiao.web.targets import access as table_access

REPORT_FORMATS = ("xlsx", "pdf")


def write_report(report, fmt: str):
    """``write(buffer)`` for ``attachment``: the report as .xlsx or .pdf."""
    def write(buffer):
        if fmt == "xlsx":
            from jixiao.core.xlsx import write_report_xlsx

            write_report_xlsx(report, buffer)
        else:
            from jixiao.core.pdf import write_report_pdf

            write_report_pdf(report, buffer)

    return write


@login_required
@require_GET
def review_report_file(request, fmt: str):
    """The 项目绩效目标审核报告 of ``?unit=&year=`` as on the 审核报告 page."""
    if fmt not in REPORT_FORMATS:
        raise Http404("不支持的格式")
    unit = review_access.report_unit_for(request.user, parse_int(request.GET.get("unit")))
    year = parse_int(request.GET.get("year"))
    if unit is None or year is None:
        raise Http404("请选择用款单位和预算年度")
    data = reports.unit_report(table_access.visible_tables(request.user), unit, year)
    if not data.tables:
        raise Http404("该单位该年度没有目标表")
    tables = [ReviewedTable(e.table.project.name, e.table.get_status_display(), e.findings) for e in data.tables]
    report = review_report(unit.name, year, tables)
    return attachment(write_report(report, fmt), fmt, report.title, f"review-{unit.pk}-{year}")


@login_required
@require_GET
def monitoring_report_file(request, pk: int, fmt: str):
    """The 运行监控表 of a table at ``?cutoff=`` (default: its latest stored report)."""
    if fmt not in REPORT_FORMATS:
        raise Http404("不支持的格式")
    table = monitoring_access.get_table_for_user(request.user, pk)
    stored = table.monitoring_reports.order_by("-cutoff")
    try:
        cutoff = date.fromisoformat(request.GET["cutoff"]) if request.GET.get("cutoff") else None
    except ValueError:
        raise Http404("截止日期应为 YYYY-MM-DD") from None
    record = stored.filter(cutoff=cutoff).first() if cutoff else stored.first()
    if record is None:
        raise Http404("这张目标表在该截止日期没有运行监控报告")
    rows = scoring.indicator_rows(table)
    result = scoring.monitor(record, rows, {e.indicator_id: e for e in record.entries.all()})
    report = monitoring_report(sheet.report_data(result))
    name = f"{table.project.name}运行监控表（截至{record.cutoff:%Y-%m-%d}）"
    return attachment(write_report(report, fmt), fmt, name, f"monitoring-{table.pk}-{record.cutoff:%Y%m%d}")
