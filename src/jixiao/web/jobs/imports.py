"""Import of a large file as a job: ``stream_import.import_stream``, the path of `jixiao import`
(published text and JSON read and stored a batch at a time, the whole file one transaction), with
its progress in KB of the file read and its cancel checked between batches. The report is offered
as a text file.

The uploaded file waits under var/jobs/uploads/ (0600) and is removed when the job ends.
"""

from __future__ import annotations

from pathlib import Path
from uuid import uuid4

from django.conf import settings

from jixiao.core.model import ReadError
from jixiao.private_files import private_dir, private_file
from jixiao.web.accounts.models import Role, role_of, unit_of
from jixiao.web.jobs.progress import Cancelled, JobFailed, Progress
from jixiao.web.targets import importer
from jixiao.web.targets.stream_import import ImportCancelled, import_stream

KB = 1024


def uploads_dir() -> Path:
    return private_dir(Path(settings.JOBS_DIR) / "uploads")


def keep_upload(name: str, chunks) -> str:
    """Store an uploaded file for an import job; returns the name to put in the job's parameters."""
    stored = f"{uuid4().hex}{Path(name).suffix.lower()[:10]}"
    with open(private_file(uploads_dir() / stored), "wb") as out:
        for chunk in chunks:
            out.write(chunk)
    return stored


def import_file(job, progress: Progress, dest) -> str:
    path = uploads_dir() / Path(job.params["stored"]).name
    shown = job.params.get("name") or path.name
    user = job.user
    only_unit = None if user is None or role_of(user) == Role.ADMIN else unit_of(user).name
    try:
        progress.start(max(1, -(-path.stat().st_size // KB)), measure="KB")
        report = import_stream(
            path, unit=job.params.get("unit"), year=job.params.get("year"), only_unit=only_unit, user=user,
            source=shown, limits=settings.JIXIAO_LIMITS, keep_tables=True,
            progress=lambda done, total, tables: progress.set(-(-done // KB)),
            should_stop=progress.cancel_requested)
    except ImportCancelled:
        raise Cancelled from None
    except ReadError as e:
        raise JobFailed(str(e).replace(str(path), shown)) from None
    except importer.ImportRefused as e:
        raise JobFailed(f"{e}（该文件未导入任何表）") from None
    finally:
        path.unlink(missing_ok=True)
    lines = [f"{shown}: {report.summary()}"]
    lines += [f"{importer.OUTCOME_LABELS[o]}\t{unit}\t{year}\t{name}" for o, unit, year, name in report.tables]
    dest.write(("\n".join(lines) + "\n").encode("utf-8"))
    return f"导入结果-{Path(shown).stem}.txt"
