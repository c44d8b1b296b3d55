"""Background jobs: started from the pages, run by a worker, progress, cancel, download, failures."""

import functools
import io
import zipfile
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from openpyxl import load_workbook

from jixiao.web.jobs import running
from jixiao.web.jobs.models import Job, JobStatus, Kind
from jixiao.web.jobs.progress import Progress
from jixiao.web.targets.models import TargetTable

from .test_csp import inline_parts

YEAR = 2024

pytestmark = pytest.mark.usefixtures("no_heartbeat")


@pytest.fixture
def worker(monkeypatch):
    """``worker()`` runs `jixiao worker --batch` inside the test's transaction: the worker's
    connection hygiene (closing a connection found inside a transaction) is left out."""
    from django_tasks_db.management.commands import db_worker

    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)
    return lambda: call_command("worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)


def start_export(client, user, fmt="xlsx", capture=None, **fields):
    client.force_login(user)
    with capture(execute=True):
        response = client.post(reverse("jobs:export"), {"year": YEAR, "format": fmt, **fields})
    assert response.status_code == 302, response.content.decode()[:300]
    return Job.objects.get(pk=int(response["Location"].rstrip("/").rsplit("/", 1)[1]))


def download(client, job) -> bytes:
    response = client.get(reverse("jobs:download", args=[job.pk]))
    assert response.status_code == 200
    return b"".join(response.streaming_content)


def test_export_job_started_from_the_list_is_queued_then_run_and_downloaded(
        client, cast, django_capture_on_commit_callbacks, worker):
    job = start_export(client, cast.alice, capture=django_capture_on_commit_callbacks)
    assert (job.kind, job.status, job.user) == (Kind.EXPORT_XLSX, JobStatus.QUEUED, cast.alice)
    queued = DBTaskResult.objects.get(id=job.task_id)
    assert queued.status == "READY" and queued.args_kwargs["args"] == [job.pk]

    page = client.get(reverse("jobs:detail", args=[job.pk])).content.decode()
    assert "排队中" in page and 'id="job-cancel"' in page and inline_parts(page) == []

    worker()
    job.refresh_from_db()
    stored = TargetTable.objects.filter(year=YEAR).count()
    assert (job.status, job.done, job.total, job.attempts) == (JobStatus.DONE, stored, stored, 1)
    assert DBTaskResult.objects.get(id=job.task_id).status == "SUCCESSFUL"

    state = client.get(reverse("jobs:state", args=[job.pk])).json()
    assert state["finished"] and state["percent"] == 100 and state["label"] == "已完成"
    assert state["download"] == reverse("jobs:download", args=[job.pk])

    book = load_workbook(io.BytesIO(download(client, job)))
    names = sorted(TargetTable.objects.filter(year=YEAR).values_list("project__name", flat=True))
    summary = [row[1] for row in book["汇总"].iter_rows(min_row=3, values_only=True)]
    assert sorted(summary[:-1]) == names and summary[-1] is None  # the 合计 row closes it
    assert len(book.sheetnames) == stored + 1
    first = book.worksheets[1]
    indicators = {r[3] for r in first.iter_rows(values_only=True)}
    table = TargetTable.objects.get(project__name=summary[0])
    assert set(table.indicators.values_list("name", flat=True)) <= indicators


def test_a_unit_sees_only_its_own_jobs_and_exports_only_what_it_may_see(
        client, cast, django_capture_on_commit_callbacks):
    job = start_export(client, cast.alice, capture=django_capture_on_commit_callbacks)
    client.force_login(cast.bob)
    for name in ("jobs:detail", "jobs:state", "jobs:download"):
        assert client.get(reverse(name, args=[job.pk])).status_code == 404
    assert client.post(reverse("jobs:cancel", args=[job.pk])).status_code == 404
    assert client.post(reverse("jobs:export"), {"year": YEAR, "format": "xlsx"}).status_code == 404
    assert "还没有后台任务" in client.get(reverse("jobs:list")).content.decode()
    client.force_login(cast.adam)  # administrators see every job
    assert job.description in client.get(reverse("jobs:list")).content.decode()


def test_progress_numbers_are_saved_as_tables_are_written(cast, monkeypatch):
    seen = []
    monkeypatch.setattr(running, "Progress", functools.partial(Progress, every=0))
    job = running.create(Kind.EXPORT_XLSX, params={"year": YEAR})

    def listener(done, total):
        seen.append((done, total, Job.objects.get(pk=job.pk).status))

    running.execute(job.pk, listener=listener)
    total = TargetTable.objects.filter(year=YEAR).count()
    assert [d for d, _, _ in seen] == list(range(1, total + 1))
    assert {t for _, t, _ in seen} == {total} and {s for _, _, s in seen} == {JobStatus.RUNNING}
    job.refresh_from_db()
    assert (job.done, job.total, job.percent) == (total, total, 100)


def test_cancel_stops_between_tables_and_leaves_no_file(client, cast, monkeypatch, settings, tmp_path):
    settings.JOBS_DIR = tmp_path
    monkeypatch.setattr(running, "Progress", functools.partial(Progress, every=0))
    job = running.create(Kind.EXPORT_PDF_ZIP, user=cast.alice, params={"year": YEAR})

    def press_cancel(done, total):
        if done == 3:
            client.force_login(cast.alice)
            assert client.post(reverse("jobs:cancel", args=[job.pk])).status_code == 302

    job = running.execute(job.pk, listener=press_cancel)
    assert (job.status, job.done, job.result_file) == (JobStatus.CANCELLED, 3, "")
    assert list(tmp_path.iterdir()) == []
    page = client.get(reverse("jobs:detail", args=[job.pk])).content.decode()
    assert "已取消" in page and 'id="job-download"' not in page


def test_a_queued_job_cancelled_never_runs(cast):
    job = running.create(Kind.EXPORT_XLSX, user=cast.alice, params={"year": YEAR})
    running.cancel(job)
    assert running.execute(job.pk) is None
    assert Job.objects.get(pk=job.pk).status == JobStatus.CANCELLED


def test_pdf_zip_has_one_pdf_per_table(client, cast, settings, tmp_path):
    settings.JOBS_DIR = tmp_path
    unit = cast.unit_a.name
    job = running.create(Kind.EXPORT_PDF_ZIP, user=cast.rita, params={"year": YEAR, "unit": unit})
    job = running.execute(job.pk)
    assert job.status == JobStatus.DONE, job.error
    client.force_login(cast.rita)
    archive = zipfile.ZipFile(io.BytesIO(download(client, job)))
    names = archive.namelist()
    assert len(names) == TargetTable.objects.filter(year=YEAR, project__unit=cast.unit_a).count()
    assert all(n.endswith(".pdf") and unit in n for n in names)
    assert all(archive.read(n).startswith(b"%PDF-") for n in names)


def test_pdf_zip_laid_out_by_child_processes_has_every_table_in_order_as_its_own_pdf(
        client, cast, monkeypatch, settings, tmp_path):
    from jixiao.core.pdf import write_pdf
    from jixiao.web.jobs import exports
    from tests.golden.dump import dump_pdf

    settings.JOBS_DIR = tmp_path
    monkeypatch.setattr(exports, "PDF_POOL_FROM", 1)
    monkeypatch.setattr(exports, "PDF_PROCESSES", 2)
    monkeypatch.setattr(running, "Progress", functools.partial(Progress, every=0))
    seen = []
    job = running.create(Kind.EXPORT_PDF_ZIP, user=cast.rita, params={"year": YEAR, "unit": cast.unit_a.name})
    job = running.execute(job.pk, listener=lambda done, total: seen.append((done, total)))
    assert job.status == JobStatus.DONE, job.error
    client.force_login(cast.rita)
    archive = zipfile.ZipFile(io.BytesIO(download(client, job)))
    names = archive.namelist()
    tables = list(exports.stored_tables(exports.selected_tables(job.params)))[1:]
    assert len(names) == len(tables) == job.total > 1
    assert seen == [(n, len(tables)) for n in range(1, len(tables) + 1)]
    for n, (name, (table, _status)) in enumerate(zip(names, tables), 1):
        assert name.startswith(f"{n:05d}-") and table.name in name
        expected = io.BytesIO()
        write_pdf([table], expected, unit=table.unit, year=table.year)
        assert dump_pdf(io.BytesIO(archive.read(name))) == dump_pdf(expected), name


def test_failure_is_one_chinese_line(client, cast):
    job = running.create(Kind.EXPORT_XLSX, user=cast.alice, params={"year": 1999})
    job = running.execute(job.pk)
    assert job.status == JobStatus.FAILED and job.error.startswith("没有可导出的目标表")
    client.force_login(cast.alice)
    page = client.get(reverse("jobs:detail", args=[job.pk])).content.decode()
    assert job.error in page and "Traceback" not in page and 'id="job-download"' not in page


def test_an_unexpected_error_is_logged_and_shown_without_internals(cast, monkeypatch, caplog):
    def broken(job, progress, dest):
        raise KeyError("table_id")

    monkeypatch.setitem(running.RUNNERS, Kind.EXPORT_XLSX, (broken, "xlsx"))
    job = running.execute(running.create(Kind.EXPORT_XLSX, params={"year": YEAR}).pk)
    assert job.status == JobStatus.FAILED and "服务器日志" in job.error and "table_id" not in job.error
    assert "table_id" in caplog.text


def test_import_job_stores_the_file_and_reports_it(client, cast, django_capture_on_commit_callbacks, settings, tmp_path):
    from jixiao.demo import DEMO_DOCUMENT

    settings.JOBS_DIR = tmp_path
    TargetTable.objects.filter(project__name="信访事项经费").delete()
    client.force_login(cast.alice)
    with open(DEMO_DOCUMENT, "rb") as f, django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("jobs:import"), {"file": f})
    job = Job.objects.get(kind=Kind.IMPORT)
    assert response["Location"] == reverse("jobs:detail", args=[job.pk])
    job = running.execute(job.pk)
    assert job.status == JobStatus.DONE, job.error
    assert (job.measure, job.done, job.total) == ("KB", job.total, -(-DEMO_DOCUMENT.stat().st_size // 1024))
    report = download(client, job).decode()
    assert "新增 1 张" in report and "信访事项经费" in report
    assert TargetTable.objects.filter(project__name="信访事项经费").exists()
    assert list((tmp_path / "uploads").iterdir()) == []  # the upload is gone once read


def test_import_job_cancelled_while_reading_stores_nothing(client, cast, django_capture_on_commit_callbacks,
                                                         monkeypatch, settings, tmp_path):
    from jixiao.demo import DEMO_DOCUMENT
    from jixiao.web.jobs import imports

    settings.JOBS_DIR = tmp_path
    TargetTable.objects.filter(project__name="信访事项经费").delete()
    client.force_login(cast.alice)
    with open(DEMO_DOCUMENT, "rb") as f, django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("jobs:import"), {"file": f})
    job = Job.objects.get(kind=Kind.IMPORT)
    real = imports.import_stream

    def cancelled_meanwhile(*args, **kwargs):  # 取消 pressed while the file is being read
        assert client.post(reverse("jobs:cancel", args=[job.pk])).status_code == 302
        return real(*args, **kwargs)

    monkeypatch.setattr(imports, "import_stream", cancelled_meanwhile)
    job = running.execute(job.pk)
    assert job.status == JobStatus.CANCELLED
    assert not TargetTable.objects.filter(project__name="信访事项经费").exists()
    assert list((tmp_path / "uploads").iterdir()) == []


def test_import_job_of_an_unreadable_file_fails_with_the_reader_message(client, cast, django_capture_on_commit_callbacks):
    client.force_login(cast.alice)
    upload = io.BytesIO("这不是目标表".encode())
    upload.name = "坏文件.txt"
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("jobs:import"), {"file": upload})
    job = running.execute(Job.objects.get(kind=Kind.IMPORT).pk)
    assert job.status == JobStatus.FAILED and job.error.startswith("坏文件.txt") and "\n" not in job.error


def test_backup_job_is_for_administrators(client, cast, django_capture_on_commit_callbacks, settings, tmp_path):
    settings.JOBS_DIR = tmp_path
    client.force_login(cast.rita)
    assert client.post(reverse("jobs:backup")).status_code == 403
    client.force_login(cast.adam)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("jobs:backup"))
    job = running.execute(Job.objects.get(kind=Kind.BACKUP).pk)
    assert job.status == JobStatus.DONE, job.error
    archive = zipfile.ZipFile(io.BytesIO(download(client, job)))
    assert "manifest.json" in archive.namelist()


def test_a_job_left_running_by_a_dead_worker_is_queued_again(cast, django_capture_on_commit_callbacks, worker):
    with django_capture_on_commit_callbacks(execute=True):
        job = running.enqueue(running.create(Kind.EXPORT_XLSX, params={"year": YEAR}))
    job.refresh_from_db()
    first_task = job.task_id
    DBTaskResult.objects.filter(id=first_task).update(status="RUNNING")
    long_ago = timezone.now() - running.STALE_AFTER - timedelta(seconds=1)
    Job.objects.filter(pk=job.pk).update(status=JobStatus.RUNNING, heartbeat=long_ago, attempts=1, done=5)
    alive = running.create(Kind.EXPORT_XLSX, params={"year": YEAR})
    Job.objects.filter(pk=alive.pk).update(status=JobStatus.RUNNING, heartbeat=timezone.now())

    with django_capture_on_commit_callbacks(execute=True):
        assert running.requeue_stale() == 1
    job.refresh_from_db()
    assert (job.status, job.done) == (JobStatus.QUEUED, 0) and job.task_id != first_task
    assert DBTaskResult.objects.get(id=first_task).status == "FAILED"
    assert Job.objects.get(pk=alive.pk).status == JobStatus.RUNNING

    worker()
    job.refresh_from_db()
    assert (job.status, job.attempts) == (JobStatus.DONE, 2)


def test_export_year_command_writes_the_file_with_a_progress_bar(cast, tmp_path, capsys):
    out = tmp_path / "年度.xlsx"
    call_command("export-year", str(YEAR), str(out), "--unit", cast.unit_a.name)
    book = load_workbook(out, read_only=True)
    assert len(book.sheetnames) == TargetTable.objects.filter(year=YEAR).count() + 1
    captured = capsys.readouterr()
    assert f"已导出 {len(book.sheetnames) - 1} 张目标表" in captured.out
    assert Job.objects.get().status == JobStatus.DONE


def test_a_job_from_the_command_line_shows_on_the_administrators_pages(client, cast, tmp_path):
    call_command("export-year", str(YEAR), str(tmp_path / "x.xlsx"))
    job = Job.objects.get()
    client.force_login(cast.adam)
    for url in (reverse("jobs:list"), reverse("jobs:detail", args=[job.pk])):
        page = client.get(url).content.decode()
        assert "命令行" in page and job.description in page
    assert 'id="job-download"' not in page  # the file went to the command's OUT


def test_export_year_command_refuses_an_empty_year_and_an_existing_file(cast, tmp_path):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="没有可导出的目标表"):
        call_command("export-year", "1999", str(tmp_path / "x.xlsx"))
    existing = tmp_path / "有了.xlsx"
    existing.write_bytes(b"keep")
    with pytest.raises(CommandError, match="文件已存在"):
        call_command("export-year", str(YEAR), str(existing))
    assert existing.read_bytes() == b"keep"


def test_library_build_job_counts_every_table_into_the_library(client, cast, django_capture_on_commit_callbacks):
    from jixiao.web.library.models import Entry

    client.force_login(cast.rita)
    assert client.post(reverse("jobs:library")).status_code == 403
    client.force_login(cast.adam)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("jobs:library"))
    job = running.execute(Job.objects.get(kind=Kind.LIBRARY).pk)
    tables = TargetTable.objects.count()
    assert (job.status, job.done, job.total) == (JobStatus.DONE, tables, tables), job.error
    assert f"读取 {tables} 张表" in download(client, job).decode()
    assert Entry.objects.filter(usage__gt=0).exists()
