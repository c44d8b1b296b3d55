"""The upload page's two steps: read and preview (nothing stored), then confirm (one transaction).

Several files may be chosen at once, or a .zip of them; every table of every file is previewed as
新增 / 更新 / 未变, an update with what it changes against what is stored, and a warning when the
file predates a change made on the web page that the import would undo.
"""

from __future__ import annotations

import secrets
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.db import transaction
from django.db.models import Max
from django.shortcuts import redirect, render
from django.utils import timezone

from jixiao.core.diff import TableDiff
from jixiao.core.io import document_date, target_tables, unpack_zip
from jixiao.core.limits import check_length, over
from jixiao.core.model import Document, ReadError, TargetTable as CoreTable
from jixiao.parse_worker import read_upload_isolated
from jixiao.private_files import private_dir, remove_older_than, write_private
from jixiao.web.accounts.models import Role, role_of, unit_of
from jixiao.web.audit.models import AuditEntry, ObjectKind
from jixiao.web.targets import importer
from jixiao.web.targets.editing import WEB_EDIT

SESSION_KEY = "jixiao_upload"


@dataclass
class Part:
    """One document of an upload: a chosen file, or a member of a chosen .zip."""

    name: str
    data: bytes
    date: datetime | None = None  # when the file says it was saved (aware), if it says
    doc: Document | None = None
    tables: list[CoreTable] = field(default_factory=list)


@dataclass
class Row:
    """One table of the preview."""

    outcome: str
    table: CoreTable
    diff: TableDiff | None = None
    stale: str = ""  # the file predates a web edit the import would undo


def _folder() -> Path:
    return private_dir(Path(settings.VAR_DIR) / "uploads")


def remove_stale() -> int:
    """Remove previews nobody confirmed within UPLOAD_PREVIEW_MAX_AGE; returns how many."""
    return remove_older_than(_folder(), settings.UPLOAD_PREVIEW_MAX_AGE.total_seconds())


def _only_unit(user) -> str | None:
    return None if role_of(user) == Role.ADMIN else unit_of(user).name


def _when(moment: datetime) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")


def _parts(files) -> list[Part]:
    """The uploaded files, each .zip replaced by its documents; bounded before reading the rest."""
    limits = settings.JIXIAO_LIMITS
    parts = []
    for upload in files:
        name = Path(upload.name).name
        check_length(upload.size, limits, name)  # refuse before reading it all
        data = upload.read()
        if name.lower().endswith(".zip"):
            for member, content, when in unpack_zip(data, name, limits):
                # A zip stores local time without a zone: the site's zone is the best reading of it.
                date = document_date(content, member) or (when and timezone.make_aware(when))
                parts.append(Part(f"{name}／{member}", content, date))
        else:
            parts.append(Part(name, data, document_date(data, name)))
        if len(parts) > limits.max_files:
            raise over("一次上传的文件数", limits.max_files, "max_files", name)
    return parts


def _read(parts: list[Part], user) -> list[Part]:
    """Read and check every part; a table given by two files is refused (which one would win?)."""
    seen = {}
    for part in parts:
        part.doc = target_tables(read_upload_isolated(part.data, part.name, settings.JIXIAO_LIMITS,
                                                      settings.JIXIAO_PARSE_CEILING))
        part.tables = importer.prepare(part.doc, only_unit=_only_unit(user))
        for t in part.tables:
            key = (t.unit, t.name, t.year)
            if key in seen and seen[key] != part.name:
                raise importer.ImportRefused(
                    f"《{t.name}》（{t.year}年）同时出现在“{seen[key]}”和“{part.name}”中，请只上传其中一个")
            seen[key] = part.name
    return parts


def _store(parts: list[Part], user) -> list[importer.ImportReport]:
    """Store every part in one transaction (a part's source is its own file name)."""
    with transaction.atomic():
        return [importer.store(p.tables, user=user, source=p.name) for p in parts]


def _web_edits(table_ids: list[int], before: datetime) -> dict[int, AuditEntry]:
    """For each table whose latest content change until ``before`` was made on the web page (not by an
    import), that change."""
    content = AuditEntry.objects.filter(table_id__in=table_ids, object_kind__in=[ObjectKind.TABLE, ObjectKind.INDICATOR],
                                        at__lt=before)
    last_import = dict(content.filter(source__startswith=importer.IMPORT_SOURCE).values("table_id")
                       .annotate(at=Max("at")).values_list("table_id", "at"))
    latest = {}
    for e in content.filter(source=WEB_EDIT).select_related("user").order_by("table_id", "-at", "-id"):
        if e.table_id not in latest and (e.table_id not in last_import or e.at > last_import[e.table_id]):
            latest[e.table_id] = e
    return latest


def _stale(part: Part, edit: AuditEntry | None) -> str:
    if edit is None:
        return ""
    who = (edit.user.get_full_name() or edit.user.username) if edit.user else "有人"
    when = f"{_when(edit.at)}（{who}）"
    if part.date is None:
        return (f"此表在网页上修改过（最后一次：{when}），文件里没有保存日期：请核对下列差异，"
                f"确认导入不会撤销网页上的修改。")
    if part.date < edit.at:
        return (f"文件保存于 {_when(part.date)}，早于网页上的最后一次修改（{when}）：确认导入将撤销下列网页修改，"
                f"请核对是否用错了旧文件。")
    return ""


def _rows(parts: list[Part], reports: list[importer.ImportReport], before: datetime) -> list[tuple[Part, list[Row]]]:
    updated = [tid for r in reports for outcome, _, tid in r.outcomes if outcome == importer.UPDATED]
    edits = _web_edits(updated, before)
    return [
        (part, [Row(outcome, t, report.diffs.get(n), _stale(part, edits.get(tid)) if outcome == importer.UPDATED else "")
                for n, (outcome, t, tid) in enumerate(report.outcomes)])
        for part, report in zip(parts, reports)
    ]


def _error(request, message: str):
    return render(request, "targets/upload.html", {"error": message}, status=400)


def preview(request):
    files = request.FILES.getlist("document")
    if not files:
        return _error(request, "请选择要上传的文件。")
    try:
        parts = _read(_parts(files), request.user)
        started = timezone.now()  # the dry run's own audit entries come after it
        with transaction.atomic():  # a dry run tells exactly what confirming would do
            reports = _store(parts, request.user)
            files_rows = _rows(parts, reports, started)
            transaction.set_rollback(True)
    except (ReadError, importer.ImportRefused) as e:
        return _error(request, str(e))
    discard(request)
    remove_stale()
    pending = []
    for part in parts:
        token = secrets.token_hex(16)
        write_private(_folder() / token, part.data)
        pending.append({"token": token, "filename": part.name})
    request.session[SESSION_KEY] = {"files": pending}
    counts = sum((r.counts() for r in reports), start=Counter())
    return render(request, "targets/upload_preview.html", {
        "files": files_rows, "total": sum(len(r.outcomes) for r in reports), "counts": counts,
        "stale": sum(1 for _, rows in files_rows for row in rows if row.stale),
        "title": parts[0].name if len(parts) == 1 else f"{len(parts)} 个文件",
    })


def _pending(request) -> list[dict] | None:
    pending = request.session.get(SESSION_KEY) or {}
    files = pending.get("files") or []
    if not files or not all((_folder() / f["token"]).exists() for f in files):
        return None
    return files


def confirm(request):
    pending = _pending(request)
    if pending is None:
        messages.error(request, "没有待确认的上传文件，请重新上传。")
        return redirect("targets:upload")
    try:
        parts = _read([Part(f["filename"], (_folder() / f["token"]).read_bytes()) for f in pending], request.user)
        reports = _store(parts, request.user)
    except (ReadError, importer.ImportRefused) as e:
        return _error(request, str(e))
    discard(request)
    names = "、".join(f"《{p.name}》" for p in parts[:3]) + (f"等 {len(parts)} 个文件" if len(parts) > 3 else "")
    total = importer.ImportReport(outcomes=[o for r in reports for o in r.outcomes])
    messages.success(request, f"已导入{names}：{total.summary()}。")
    return redirect(f"/tables/?year={parts[0].tables[0].year}")


def discard(request) -> None:
    pending = request.session.pop(SESSION_KEY, None) or {}
    for f in pending.get("files", []):
        (_folder() / f["token"]).unlink(missing_ok=True)
