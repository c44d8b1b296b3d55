"""The administrator's backup (`jixiao backup`) as a job: the same archive, offered for download."""

from __future__ import annotations

from django.utils import timezone

from jixiao.web.backup import archive
from jixiao.web.jobs.progress import Progress


def backup(job, progress: Progress, dest) -> str:
    models = archive.backed_up_models()
    progress.start(len(models))
    archive.write_backup(dest)
    progress.advance(len(models))
    return f"绩效系统备份-{timezone.localtime():%Y%m%d-%H%M}.zip"
