"""Import of a large file as a job: the same reading and storing as `jixiao import` and the upload
page (``importer.prepare`` / ``importer.store``), the report offered as a text file.

The uploaded file waits under var/jobs/uploads/ (0600) and is removed when the job ends.
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings

from jixiao.core.io import read_document, target_tables
from jixiao.core.model import ReadError
from jixiao.private_files import private_dir, write_private
from jixiao.web.accounts.models import Role, role_of, unit_of
from jixiao.web.jobs.progress import JobFailed, Progress
from jixiao.web.targets import importer


def uploads_dir() -> Path:
    return private_dir(Path(settings.JOBS_DIR) / "uploads")


def keep_upload(name: str, chunks) -> str:
    """Store an uploaded file for an import job; returns the name to put in the job's parameters."""
    from uuid import uuid4

    suffix = Path(name).suffix.lower()[:10]
    stored = f"{uuid4().hex}{suffix}"
    path = write_private(uploads_dir() / stored, b"")
    with open(path, "ab") as out:
        for chunk in chunks:
            out.write(chunk)
    return stored


def import_file(job, progress: Progress, dest) -> str:
    path = uploads_dir() / Path(job.params["stored"]).name
    shown = job.params.get("name") or path.name
    user = job.user
    only_unit = None if user is None or role_of(user) == Role.ADMIN else unit_of(user).name
    try:
        progress.start(3)
        doc = target_tables(read_document(path, settings.JIXIAO_LIMITS))
        doc.file = shown
        progress.advance()
        tables = importer.prepare(doc, unit=job.params.get("unit"), year=job.params.get("year"), only_unit=only_unit)
        progress.start(len(tables))
        progress.check()  # the last moment a cancel keeps the database as it was
        report = importer.store(tables, user=user, source=shown)
        progress.advance(len(tables))
    except ReadError as e:
        raise JobFailed(str(e).replace(str(path), shown)) from None
    except importer.ImportRefused as e:
        raise JobFailed(f"{e}（该文件未导入任何表）") from None
    finally:
        path.unlink(missing_ok=True)
    lines = [f"{shown}: {report.summary()}"]
    lines += [f"{importer.OUTCOME_LABELS[o]}\t{t.unit}\t{t.year}\t{t.name}" for o, t, _ in report.outcomes]
    dest.write(("\n".join(lines) + "\n").encode("utf-8"))
    return f"导入结果-{Path(shown).stem}.txt"
