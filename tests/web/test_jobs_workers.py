"""Two workers on PostgreSQL take N queued jobs and run each exactly once.

django-tasks-db claims a task with SELECT … FOR UPDATE SKIP LOCKED; the job itself moves from 排队中 to
进行中 with one conditional UPDATE. SQLite has one writer at a time and no SKIP LOCKED: skipped there.
"""

import threading

import pytest
from django.db import connection
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from jixiao.web.jobs import running
from jixiao.web.jobs.models import Job, JobStatus, Kind

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("no_heartbeat")]

JOBS = 8


@pytest.fixture
def counted_runs(monkeypatch):
    """Every run of a runner, by job id and worker thread."""
    runs, lock = [], threading.Lock()
    runner, ext = running.RUNNERS[Kind.EXPORT_XLSX]

    def counting(job, progress, dest):
        with lock:
            runs.append((job.pk, threading.current_thread().name))
        return runner(job, progress, dest)

    monkeypatch.setitem(running.RUNNERS, Kind.EXPORT_XLSX, (counting, ext))
    return runs


def test_two_workers_take_every_job_once(cast, counted_runs, settings, tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("SKIP LOCKED across workers is a PostgreSQL test")
    settings.JOBS_DIR = tmp_path
    jobs = [running.enqueue(running.create(Kind.EXPORT_XLSX, params={"year": 2024, "unit": cast.unit_a.name}))
            for _ in range(JOBS)]  # autocommit here: each task is queued at once

    start = threading.Barrier(2)
    errors = []

    def work(name):
        try:
            start.wait()
            Worker(queue_names=["default"], interval=0, batch=True, backend_name="default", startup_delay=False,
                   max_tasks=None, worker_id=name, excluded_queue_names=[]).run()
        except BaseException as e:  # noqa: BLE001 - reported below
            errors.append(e)
        finally:
            connection.close()

    threads = [threading.Thread(target=work, args=(f"worker-{n}",), name=f"worker-{n}") for n in (1, 2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    assert errors == []
    assert sorted(pk for pk, _ in counted_runs) == sorted(j.pk for j in jobs)  # each job ran once
    assert set(Job.objects.values_list("status", "attempts")) == {(JobStatus.DONE, 1)}
    tasks = DBTaskResult.objects.all()
    assert len(tasks) == JOBS and {t.status for t in tasks} == {"SUCCESSFUL"}
    assert all(len(t.worker_ids) == 1 for t in tasks)
    assert {name for _, name in counted_runs} == {"worker-1", "worker-2"}  # both took some, side by side
