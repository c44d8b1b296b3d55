"""In real Chromium: a year exported as a background job; the progress bar moves while a worker runs
it, then the result is offered for download and holds one PDF per table."""

import threading
import zipfile

import pytest

from .conftest import finished_download, follow, log_in


@pytest.fixture
def alice(transactional_db, tmp_var, settings):
    from django.contrib.auth.models import User

    from jixiao.core.io import read_document
    from jixiao.demo import DEMO_DOCUMENT
    from jixiao.web.accounts.models import Profile, Role, Unit
    from jixiao.web.targets import importer

    settings.JOBS_DIR = tmp_var / "jobs"
    importer.import_document(read_document(DEMO_DOCUMENT), source="demo")
    user = User.objects.create_user("alice", password="alice-pw", first_name="张三")
    Profile.objects.create(user=user, role=Role.STAFF, unit=Unit.objects.get())
    return user


def run_worker():
    from django.db import connection
    from django_tasks_db.management.commands.db_worker import Worker

    try:
        Worker(queue_names=["default"], interval=0, batch=True, backend_name="default", startup_delay=False,
               max_tasks=None, worker_id="browser-test", excluded_queue_names=[]).run()
    finally:
        connection.close()


def test_export_job_progress_bar_moves_then_offers_the_download(page, live_server, alice, tmp_path, monkeypatch):
    from playwright.sync_api import expect

    from jixiao.web.jobs import progress
    from jixiao.web.targets.models import TargetTable

    # The job waits part-way (its progress saved) until the page has shown it: on a fast machine the
    # twelve tables could otherwise be done between two of the page's polls.
    shown = threading.Event()
    advance = progress.Progress.advance

    def advance_then_wait(self, n=1):
        advance(self, n)
        if 0 < self.done < self.total and not shown.is_set():
            self.save()
            shown.wait(timeout=120)
    monkeypatch.setattr(progress.Progress, "advance", advance_then_wait)

    log_in(page, live_server.url, "alice", "alice-pw")
    follow(page, "#export-job-pdf", "**/jobs/*/")
    expect(page.locator("#job-status")).to_have_text("排队中")

    worker = threading.Thread(target=run_worker)
    worker.start()
    try:
        # Somewhere between the first table and the last: the bar moved without reloading the page.
        page.wait_for_function("() => { const b = document.getElementById('job-progress');"
                               " return b.value > 0 && b.value < 100; }", timeout=120000)
        expect(page.locator("#job-status")).to_have_text("进行中")
        expect(page.locator("#job-count")).to_contain_text("已完成")
        shown.set()
        expect(page.locator("#job-download")).to_be_visible(timeout=120000)  # reloaded when done
    finally:
        shown.set()
        worker.join()
    path = finished_download(page, tmp_path)
    assert path.suffix == ".zip" and "2024" in path.name
    names = zipfile.ZipFile(path).namelist()
    assert len(names) == TargetTable.objects.count() and all(n.endswith(".pdf") for n in names)
