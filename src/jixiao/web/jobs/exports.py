"""Export jobs: a year (optionally one department, unit, 项目类型 or status) of target tables to one
.xlsx (write-only, one table at a time) or to a .zip of one PDF per table."""

from __future__ import annotations

import os
import re
import zipfile

from jixiao.core.xlsx_stream import StreamingWorkbook
from jixiao.web.jobs.progress import JobFailed, Progress
from jixiao.web.targets import access, convert
from jixiao.web.targets.models import Indicator, TargetTable
from jixiao.web.workflow import Status

CHUNK = 200  # tables read from the database at a time
PDF_PROCESSES = min(2, os.cpu_count() or 1)  # child processes laying out the PDFs of a large job
PDF_POOL_FROM = 100  # tables; a smaller job lays them out itself (starting a child takes seconds)


def selected_tables(params: dict, user=None):
    """The tables an export job covers; a job started on a page sees what its user may see."""
    tables = TargetTable.objects.all() if user is None else access.visible_tables(user)
    tables = tables.filter(year=params["year"])
    if params.get("department"):
        tables = tables.filter(project__unit__department__name=params["department"])
    if params.get("unit"):
        tables = tables.filter(project__unit__name=params["unit"])
    if params.get("type"):
        tables = tables.filter(project__type=params["type"])
    if params.get("status") in Status.values:
        tables = tables.filter(status=params["status"])
    return tables


def stored_tables(tables):
    """(core table, status label) in unit and project order, read ``CHUNK`` tables at a time."""
    ids = list(tables.order_by("project__unit__name", "project__name", "id").values_list("id", flat=True))
    yield len(ids)
    for i in range(0, len(ids), CHUNK):
        chunk = ids[i:i + CHUNK]
        stored = TargetTable.objects.select_related("project__unit__department").in_bulk(chunk)
        rows: dict[int, list] = {pk: [] for pk in chunk}
        for r in Indicator.objects.filter(table_id__in=chunk).order_by("table_id", "position"):
            rows[r.table_id].append(r)
        for pk in chunk:
            if pk in stored:  # deleted meanwhile
                yield convert.core_table(stored[pk], rows[pk]), stored[pk].get_status_display()


def title(params: dict) -> str:
    scope = params.get("unit") or params.get("department") or "各单位"
    return f"{scope}{params['year']}年项目绩效目标表"


def _tables_or_refuse(job, progress: Progress):
    rows = stored_tables(selected_tables(job.params, job.user))
    total = next(rows)
    if not total:
        raise JobFailed(f"没有可导出的目标表：{title(job.params)}（或您无权查看）")
    progress.start(total)
    return rows


def export_xlsx(job, progress: Progress, dest) -> str:
    rows = _tables_or_refuse(job, progress)
    book = StreamingWorkbook(dest, unit=job.params.get("unit") or "", year=job.params["year"])
    for table, status in rows:
        book.add(table, status)
        progress.advance()
    book.close()
    return f"{title(job.params)}.xlsx"


def _entry_name(n: int, table) -> str:
    return re.sub(r'[\\/:*?"<>|\r\n\t]', "_", f"{n:05d}-{table.unit}-{table.name}")[:150] + ".pdf"


def export_pdf_zip(job, progress: Progress, dest) -> str:
    from jixiao.core.pdf import batch_for, write_pdfs

    rows = _tables_or_refuse(job, progress)
    processes = PDF_PROCESSES if progress.total >= PDF_POOL_FROM else 1
    pdfs = write_pdfs((table for table, _status in rows), batch=batch_for(progress.total), processes=processes)
    with zipfile.ZipFile(dest, "w", zipfile.ZIP_STORED) as archive:  # PDFs: compressed already
        try:
            for n, (table, pdf) in enumerate(pdfs, 1):
                archive.writestr(_entry_name(n, table), pdf)
                progress.advance()
        finally:
            pdfs.close()  # on 取消 or failure: the child processes stop too
    return f"{title(job.params)}（PDF）.zip"
