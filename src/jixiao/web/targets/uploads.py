"""The upload page's two steps: read and preview (nothing stored), then confirm (one transaction)."""

from __future__ import annotations

import secrets
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.db import transaction
from django.shortcuts import redirect, render

from jixiao.core.io import read_upload
from jixiao.core.limits import check_length
from jixiao.core.model import ReadError
from jixiao.private_files import private_dir, remove_older_than, write_private
from jixiao.web.accounts.models import Role, role_of, unit_of
from jixiao.web.targets import importer

SESSION_KEY = "jixiao_upload"


def _folder() -> Path:
    return private_dir(Path(settings.VAR_DIR) / "uploads")


def remove_stale() -> int:
    """Remove previews nobody confirmed within UPLOAD_PREVIEW_MAX_AGE; returns how many."""
    return remove_older_than(_folder(), settings.UPLOAD_PREVIEW_MAX_AGE.total_seconds())


def _only_unit(user) -> str | None:
    return None if role_of(user) == Role.ADMIN else unit_of(user).name


def _read(data: bytes, filename: str, user):
    doc = read_upload(data, filename, settings.JIXIAO_LIMITS)
    return doc, importer.prepare(doc, only_unit=_only_unit(user))


def preview(request):
    upload = request.FILES.get("document")
    if upload is None:
        return render(request, "targets/upload.html", {"error": "请选择要上传的文件。"}, status=400)
    filename = Path(upload.name).name
    try:
        check_length(upload.size, settings.JIXIAO_LIMITS, filename)  # refuse before reading it all
        data = upload.read()
        doc, tables = _read(data, filename, request.user)
        with transaction.atomic():  # a dry run tells exactly what confirming would do
            report = importer.store(tables, user=request.user, source=filename)
            transaction.set_rollback(True)
    except (ReadError, importer.ImportRefused) as e:
        return render(request, "targets/upload.html", {"error": str(e)}, status=400)
    discard(request)
    remove_stale()
    token = secrets.token_hex(16)
    write_private(_folder() / token, data)
    request.session[SESSION_KEY] = {"token": token, "filename": filename}
    return render(request, "targets/upload_preview.html", {
        "filename": filename, "doc": doc, "report": report, "counts": report.counts(),
        "labels": importer.OUTCOME_LABELS,
    })


def confirm(request):
    pending = request.session.get(SESSION_KEY)
    path = _folder() / pending["token"] if pending else None
    if not path or not path.exists():
        messages.error(request, "没有待确认的上传文件，请重新上传。")
        return redirect("targets:upload")
    try:
        doc, tables = _read(path.read_bytes(), pending["filename"], request.user)
        report = importer.store(tables, user=request.user, source=pending["filename"])
    except (ReadError, importer.ImportRefused) as e:
        return render(request, "targets/upload.html", {"error": str(e)}, status=400)
    discard(request)
    messages.success(request, f"已导入《{pending['filename']}》：{report.summary()}。")
    year = tables[0].year
    return redirect(f"/tables/?year={year}")


def discard(request) -> None:
    pending = request.session.pop(SESSION_KEY, None)
    if pending:
        (_folder() / pending["token"]).unlink(missing_ok=True)
