"""In real Chromium: 复核与计分 of a unit started from its 绩效自评汇总; the page follows the job table
by table while a worker runs it, then offers the summary for download."""

import functools
import threading

from .conftest import finished_download, follow, log_in
from .test_jobs import alice  # noqa: F401  (fixture: the demo tables and their unit's staff)


def test_unit_check_progress_is_followed_then_the_summary_downloaded(page, live_server, alice, tmp_path, monkeypatch):  # noqa: F811
    from django.db import connection
    from openpyxl import load_workbook
    from playwright.sync_api import expect

    from jixiao.web.accounts.models import unit_of
    from jixiao.web.jobs import running
    from jixiao.web.jobs.models import Job
    from jixiao.web.jobs.progress import Progress
    from jixiao.web.targets.models import TargetTable

    monkeypatch.setattr(running, "Progress", functools.partial(Progress, every=0))
    unit = unit_of(alice)
    total = TargetTable.objects.filter(project__unit=unit, year=2024).count()
    log_in(page, live_server.url, "alice", "alice-pw")
    page.goto(f"{live_server.url}/evaluations/?unit={unit.pk}&year=2024")
    follow(page, "#unit-check-start", "**/jobs/*/")
    expect(page.locator("#job-status")).to_have_text("排队中")

    first_seen = threading.Event()

    def hold_after_the_first(done, _total):
        if done == 2:  # the listener hears a step before it is saved: the first table is saved now
            first_seen.wait(120)

    def work():
        try:
            running.execute(Job.objects.get().pk, listener=hold_after_the_first)
        finally:
            connection.close()

    worker = threading.Thread(target=work)
    worker.start()
    try:
        expect(page.locator("#job-count")).to_have_text(f"已完成 1 / {total} 张表")
        expect(page.locator("#job-status")).to_have_text("进行中")
        first_seen.set()
        expect(page.locator("#job-download")).to_be_visible()  # reloaded when done
    finally:
        first_seen.set()
        worker.join()
    path = finished_download(page, tmp_path)
    assert path.name == f"{unit.name}2024年复核与计分.xlsx"
    rows = list(load_workbook(path).active.iter_rows(values_only=True))
    assert rows[0][:4] == ("序号", "项目", "目标表状态", "问题数") and len(rows) == total + 1
