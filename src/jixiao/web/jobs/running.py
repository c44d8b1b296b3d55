"""Starting, running, cancelling and re-queueing jobs; ``run_job`` is the django-tasks task.

A job is taken by one worker only: django-tasks claims the queued task with SELECT … FOR UPDATE
SKIP LOCKED, and ``execute`` moves the job from 排队中 to 进行中 with one conditional UPDATE. While
it runs a heartbeat is written every few seconds; a job whose heartbeat stopped (its worker died) is
put back in the queue by ``requeue_stale``, which every ``jixiao worker`` runs as it starts and then
every half minute.
"""

from __future__ import annotations

import logging
import threading
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.db import DatabaseError, connection, transaction
from django.db.models import F
from django.utils import timezone
from django_tasks import task
from django_tasks_db.models import DBTaskResult

from jixiao.private_files import private_dir, private_file, reason, remove_older_than
from jixiao.web.jobs import backups, exports, imports, libraries, unit_check
from jixiao.web.jobs.models import Job, JobStatus, Kind
from jixiao.web.jobs.progress import Cancelled, JobFailed, Progress

logger = logging.getLogger(__name__)

# kind: (runner(job, progress, dest) -> download name, file extension)
RUNNERS = {
    Kind.EXPORT_XLSX: (exports.export_xlsx, "xlsx"),
    Kind.EXPORT_PDF_ZIP: (exports.export_pdf_zip, "zip"),
    Kind.IMPORT: (imports.import_file, "txt"),
    Kind.BACKUP: (backups.backup, "zip"),
    Kind.LIBRARY: (libraries.build_library, "txt"),
    Kind.UNIT_CHECK: (unit_check.check_unit, "xlsx"),
}
HEARTBEAT_SECONDS = 5
STALE_AFTER = timedelta(seconds=60)  # no heartbeat for this long: the worker is gone


def result_path(job: Job) -> Path:
    return Path(settings.JOBS_DIR) / job.result_file


@task()
def run_job(job_id: int) -> str:
    job = execute(job_id)
    return job.status if job else "skipped"


def create(kind: str, *, user=None, params: dict | None = None, description: str = "") -> Job:
    return Job.objects.create(kind=kind, user=user, params=params or {}, description=description[:300])


def enqueue(job: Job) -> Job:
    """Hand the job to the workers (after the surrounding transaction commits)."""
    def send():
        result = run_job.enqueue(job.pk)
        Job.objects.filter(pk=job.pk).update(task_id=str(result.id))
    transaction.on_commit(send)
    return job


class _Heartbeat(threading.Thread):
    """Writes the job's heartbeat while its runner works (a long table or a backup reports no rows)."""

    def __init__(self, job_id: int):
        super().__init__(daemon=True)
        self.job_id, self.stopped = job_id, threading.Event()

    def run(self):
        try:
            while not self.stopped.wait(HEARTBEAT_SECONDS):
                try:
                    with transaction.atomic():  # never wait for the row: a busy row is a live job
                        if Job.objects.select_for_update(skip_locked=True).filter(
                                pk=self.job_id, status=JobStatus.RUNNING).exists():
                            Job.objects.filter(pk=self.job_id).update(heartbeat=timezone.now())
                except DatabaseError:  # busy for a moment; the next beat will do
                    continue
        except Exception:  # a heartbeat is never worth stopping the job for
            logger.warning("heartbeat of job %s stopped", self.job_id, exc_info=True)
        finally:
            connection.close()


def _finish(job: Job, attempt: int, **fields) -> None:
    """Record the outcome, unless the job was meanwhile re-queued and taken by another run."""
    Job.objects.filter(pk=job.pk, attempts=attempt).update(finished_at=timezone.now(), **fields)


def execute(job_id: int, *, listener=None) -> Job | None:
    """Run a queued job here and now; None when it is not queued (taken, cancelled, unknown)."""
    now = timezone.now()
    taken = Job.objects.filter(pk=job_id, status=JobStatus.QUEUED).update(
        status=JobStatus.RUNNING, started_at=now, heartbeat=now, attempts=F("attempts") + 1, done=0)
    if not taken:
        return None
    job = Job.objects.get(pk=job_id)
    attempt = job.attempts
    runner, ext = RUNNERS[job.kind]
    job.result_file = f"{job.pk}-{attempt}.{ext}"
    final = result_path(job)
    partial = final.with_name(final.name + ".partial")
    heartbeat = _Heartbeat(job.pk)
    heartbeat.start()
    try:
        private_dir(final.parent)
        with open(private_file(partial), "wb") as dest:
            name = runner(job, Progress(job, listener=listener), dest)
        partial.rename(final)
        _finish(job, attempt, status=JobStatus.DONE, result_file=job.result_file, result_name=name)
    except Cancelled:
        partial.unlink(missing_ok=True)
        _finish(job, attempt, status=JobStatus.CANCELLED)
    except JobFailed as e:
        partial.unlink(missing_ok=True)
        _finish(job, attempt, status=JobStatus.FAILED, error=str(e)[:500])
    except OSError as e:
        partial.unlink(missing_ok=True)
        logger.exception("job %s failed", job.pk)
        _finish(job, attempt, status=JobStatus.FAILED, error=f"无法写入结果文件（{reason(e)}）")
    except Exception:
        partial.unlink(missing_ok=True)
        logger.exception("job %s failed", job.pk)
        _finish(job, attempt, status=JobStatus.FAILED, error="任务出错而中止，详情已写入服务器日志；请重试或联系系统管理员")
    finally:
        heartbeat.stopped.set()
        heartbeat.join(timeout=HEARTBEAT_SECONDS)  # a beat waiting for a busy database ends on its own
    job.refresh_from_db()
    return job


def cancel(job: Job) -> None:
    """A queued job is cancelled at once; a running one stops between two tables."""
    if Job.objects.filter(pk=job.pk, status=JobStatus.QUEUED).update(
            status=JobStatus.CANCELLED, cancel_requested=True, finished_at=timezone.now()):
        return
    Job.objects.filter(pk=job.pk, status=JobStatus.RUNNING).update(cancel_requested=True)


def requeue_stale(now=None) -> int:
    """Jobs left 进行中 by a dead worker go back to 排队中 with a new task; returns how many."""
    now = now or timezone.now()
    count = 0
    for job in Job.objects.filter(status=JobStatus.RUNNING, heartbeat__lt=now - STALE_AFTER):
        with transaction.atomic():
            if not Job.objects.filter(pk=job.pk, status=JobStatus.RUNNING, heartbeat=job.heartbeat).update(
                    status=JobStatus.QUEUED, done=0):
                continue  # it moved meanwhile: alive after all, or requeued by another worker
            if job.task_id:
                DBTaskResult.objects.filter(id=job.task_id, status="RUNNING").update(
                    status="FAILED", finished_at=now, exception_class_path="jixiao.web.jobs.WorkerLost",
                    traceback="worker stopped while running the job; the job was queued again")
            enqueue(job)
        count += 1
    return count


def remove_old_results() -> int:
    return remove_older_than(settings.JOBS_DIR, settings.JOB_RESULT_MAX_AGE.total_seconds())

