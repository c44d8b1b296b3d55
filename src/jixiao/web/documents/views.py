"""Download views. Reading rights are those of the pages: ``targets.access`` decides (staff their own
unit, reviewers and administrators every unit; another unit's table is a 404)."""

from __future__ import annotations

import json

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.views.decorators.http import require_GET

from jixiao.core import jsonio
from jixiao.core.model import Document
from jixiao.core.numbers import parse_int
from jixiao.web.documents.files import attachment
from jixiao.web.targets import access, convert
from jixiao.web.workflow import Status
from jixiao.web.targets.queries import core_tables

TABLE_FORMATS = ("xlsx", "pdf", "json")
EVALUATION_FORMATS = ("xlsx", "pdf", "docx")


def write_tables(tables, fmt: str, buffer, *, unit=None, year=None, statuses=None) -> None:
    if fmt == "xlsx":
        from jixiao.core.xlsx import write_xlsx

        write_xlsx(tables, buffer, statuses=statuses)
    elif fmt == "pdf":
        from jixiao.core.pdf import write_pdf

        write_pdf(tables, buffer, unit=unit, year=year)
    else:
        data = jsonio.document_to_dict(Document(tables=list(tables)))
        buffer.write(json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8"))


@login_required
@require_GET
def table_file(request, pk: int, fmt: str):
    """One 项目绩效目标表 as .xlsx (with its 汇总 line), .pdf or core .json."""
    if fmt not in TABLE_FORMATS:
        raise Http404("不支持的格式")
    table = access.get_table_for_user(request.user, pk)
    core = convert.core_table(table)
    name = f"{core.name}（{table.year}年）项目绩效目标表"
    return attachment(
        lambda buf: write_tables([core], fmt, buf, unit=core.unit, year=table.year,
                                 statuses=[table.get_status_display()]),
        fmt, name, f"table-{table.pk}",
    )


@login_required
@require_GET
def tables_file(request, fmt: str):
    """The tables of the project list as filtered (year, unit, type, status): .xlsx with the 汇总
    sheet and its 审核状态 column, or the publication .pdf."""
    if fmt not in ("xlsx", "pdf"):
        raise Http404("不支持的格式")
    year = parse_int(request.GET.get("year"))
    if year is None:
        raise Http404("请选择预算年度")
    tables = access.visible_tables(request.user).filter(year=year)
    unit_id = parse_int(request.GET.get("unit"))
    if unit_id:
        tables = tables.filter(project__unit_id=unit_id)
    if request.GET.get("type"):
        tables = tables.filter(project__type=request.GET["type"])
    if request.GET.get("status") in Status.values:
        tables = tables.filter(status=request.GET["status"])
    labels = {(t.project.unit.name, t.project.name): t.get_status_display() for t in tables}
    if not labels:
        raise Http404("没有可下载的目标表，或您无权查看")
    core = core_tables(tables)
    units = {t.unit for t in core}
    unit = units.pop() if len(units) == 1 else None
    name = f"{unit or '各单位'}{year}年项目绩效目标表"
    return attachment(
        lambda buf: write_tables(core, fmt, buf, unit=unit or "", year=year,
                                 statuses=[labels[(t.unit, t.name)] for t in core]),
        fmt, name, f"tables-{year}",
    )


@login_required
@require_GET
def evaluation_file(request, pk: int, fmt: str):
    """The 项目支出绩效自评表 (.xlsx, .pdf) or the 绩效自评报告 skeleton (.docx) of a table."""
    from jixiao.web.documents.evaluations import evaluation_file as build

    if fmt not in EVALUATION_FORMATS:
        raise Http404("不支持的格式")
    table = access.get_table_for_user(request.user, pk)
    return build(table, fmt)


TEMPLATE_FORMATS = ("xlsx", "docx")


@login_required
@require_GET
def blank_template(request, fmt: str):
    """The blank official 项目绩效目标表 to fill in and upload (budget year ``?year=``, else the coming one)."""
    from jixiao.core import template
    from jixiao.web.targets.creating import default_year

    if fmt not in TEMPLATE_FORMATS:
        raise Http404("不支持的格式")
    year = parse_int(request.GET.get("year"))
    if year is None or not 1990 <= year <= 2100:
        year = default_year(access.visible_tables(request.user))
    write = template.write_template_xlsx if fmt == "xlsx" else template.write_template_docx
    return attachment(lambda buffer: write(buffer, year), fmt, f"{year}年{template.FILE_NAME}", f"template-{year}")
